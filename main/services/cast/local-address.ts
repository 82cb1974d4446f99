/**
 * Which of the laptop's addresses a receiver can reach. Laptops have Wi-Fi, Ethernet, VPN and virtual
 * adapters; the media server must listen on the one on the receiver's network (never 0.0.0.0, so the
 * shared file is not offered on every network the laptop is on) and put that address in the URL.
 */
import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | (Number(part) & 0xff)) >>> 0, 0);
}

/**
 * Pure: the local IPv4 address whose subnet contains `remote`, from an `os.networkInterfaces()`-shaped
 * table. With several matches the most specific subnet wins. Null when none matches (routed
 * receiver) or when `remote` is not an IPv4 address.
 */
export function localAddressOnSubnet(
  remote: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string | null {
  if (!isIPv4(remote)) return null;
  const target = ipv4ToInt(remote);
  // Loopback receivers (tests, the demo classroom) are reached only through loopback, others never.
  const wantLoopback = remote.startsWith('127.');
  let best: { address: string; maskBits: number } | null = null;
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal !== wantLoopback) continue;
      const mask = ipv4ToInt(info.netmask);
      if (((ipv4ToInt(info.address) ^ target) & mask) !== 0) continue;
      const maskBits = mask.toString(2).replace(/0/g, '').length;
      if (!best || maskBits > best.maskBits) best = { address: info.address, maskBits };
    }
  }
  return best?.address ?? null;
}

/**
 * Asks the kernel which source address it would use to reach `remote` (a connected UDP socket sends
 * nothing; it only resolves the route). Used when the receiver is not on a local subnet.
 */
export function routedLocalAddress(remote: string, port = 9): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (value: string | null) => {
      socket.close();
      resolve(value);
    };
    socket.once('error', () => done(null));
    socket.connect(port, remote, () => {
      try {
        const { address } = socket.address();
        done(address && address !== '0.0.0.0' ? address : null);
      } catch {
        done(null);
      }
    });
  });
}

/** The address to bind and advertise for a receiver at `remote`, or null when nothing reaches it. */
export async function localAddressFor(remote: string): Promise<string | null> {
  return localAddressOnSubnet(remote) ?? (isIPv4(remote) ? await routedLocalAddress(remote) : null);
}
