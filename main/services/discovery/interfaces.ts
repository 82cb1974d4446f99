/**
 * The network interfaces discovery runs on. A teacher's laptop has Wi-Fi and maybe Ethernet, and often
 * virtual adapters (Docker, VirtualBox, VMware, WSL, VPN tunnels) whose "networks" hold no projector:
 * browsing them only wastes time and sends broadcasts where they do not belong. The filter is explicit
 * so that the CLI, tests and IT can choose: `only` names the interfaces (or addresses) to use,
 * `includeVirtual` keeps the virtual ones.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { ipv4ToNumber, netmaskToPrefix, numberToIpv4, prefixToMask } from '../devices/identity';

export interface NetInterface {
  name: string;
  address: string;
  netmask: string;
  prefix: number;
  /** Subnet-directed broadcast address (where PJLink %2SRCH goes). */
  broadcast: string;
  mac: string | null;
}

export interface InterfaceFilter {
  /** Use only these interfaces (names like "wlan0" or IPv4 addresses). Overrides the virtual filter. */
  only?: string[];
  /** Keep virtual adapters (Docker, VirtualBox, VMware, VPN tunnels…). Default false. */
  includeVirtual?: boolean;
  /** Keep 169.254.x.x link-local addresses. Default false. */
  includeLinkLocal?: boolean;
}

export type InterfaceLister = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

// Names of adapters that belong to virtual machines, containers and tunnels on Linux, macOS and Windows.
const VIRTUAL = [
  /^docker\d*$/i,
  /^br-[0-9a-f]{6,}$/i,
  /^veth[0-9a-f]+(@.*)?$/i,
  /^virbr\d+/i,
  /^vboxnet\d+$/i,
  /^vmnet\d+$/i,
  /^utun\d+$/i,
  /^tun\d+$/i,
  /^tap\d+$/i,
  /^wg\d+$/i,
  /^zt[0-9a-z]+$/i,
  /^tailscale\d*$/i,
  /^lxc(br)?\d*$/i,
  /^lxdbr\d+$/i,
  /^cni\d+$/i,
  /^flannel\./i,
  /^cali[0-9a-f]+$/i,
  /^podman\d+$/i,
  /^(awdl|llw|anpi|gif|stf|ipsec|ppp)\d+$/i,
  /^bridge1\d\d$/i, // macOS Internet Sharing / virtual machines (bridge100…)
  /^vEthernet/i,
  /virtualbox|vmware|hyper-v|vpn|tap-windows|wintun|wireguard|zerotier|loopback pseudo/i,
];

export function isVirtualInterface(name: string): boolean {
  return VIRTUAL.some((re) => re.test(name));
}

function toNetInterface(name: string, info: NetworkInterfaceInfo): NetInterface | null {
  if (info.family !== 'IPv4' || info.internal) return null;
  const prefix = netmaskToPrefix(info.netmask);
  const n = ipv4ToNumber(info.address);
  if (prefix < 0 || prefix > 32 || Number.isNaN(n)) return null;
  const mask = prefixToMask(prefix);
  const broadcast = numberToIpv4((n | (~mask >>> 0)) >>> 0);
  const mac = info.mac && info.mac !== '00:00:00:00:00:00' ? info.mac.toLowerCase() : null;
  return { name, address: info.address, netmask: info.netmask, prefix, broadcast, mac };
}

/** The IPv4 interfaces to run discovery on, in a stable order (by name). */
export function selectInterfaces(filter: InterfaceFilter = {}, list: InterfaceLister = networkInterfaces): NetInterface[] {
  let all: NodeJS.Dict<NetworkInterfaceInfo[]>;
  try {
    all = list();
  } catch {
    return [];
  }
  const only = filter.only?.length ? new Set(filter.only) : null;
  const out: NetInterface[] = [];
  for (const name of Object.keys(all).sort()) {
    for (const info of all[name] ?? []) {
      const iface = toNetInterface(name, info);
      if (!iface) continue;
      if (only) {
        if (!only.has(name) && !only.has(iface.address)) continue;
      } else {
        if (!filter.includeVirtual && isVirtualInterface(name)) continue;
        if (!filter.includeLinkLocal && iface.address.startsWith('169.254.')) continue;
      }
      out.push(iface);
    }
  }
  return out;
}

/** Identity of an interface for change detection (same name and address = same interface). */
export function interfaceKey(iface: NetInterface): string {
  return `${iface.name}/${iface.address}/${iface.prefix}`;
}

/**
 * The addresses of the /24 around the interface's address (or of its subnet when that is smaller),
 * without the network, broadcast and own addresses: what the opt-in TCP probe visits.
 */
export function probeTargets(iface: NetInterface): string[] {
  const prefix = Math.max(iface.prefix, 24);
  const mask = prefixToMask(prefix);
  const own = ipv4ToNumber(iface.address);
  const network = (own & mask) >>> 0;
  const broadcast = (network | (~mask >>> 0)) >>> 0;
  const out: string[] = [];
  for (let n = network + 1; n < broadcast; n++) if (n !== own) out.push(numberToIpv4(n));
  return out;
}
