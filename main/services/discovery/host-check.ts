/**
 * Hosts that nobody advertised: the IT inventory's entries and the address a teacher types
 * ("Ajouter un appareil"). Validate what was typed, resolve it, then probe it: a PJLink greeting on
 * 4352 means a projector; any answer at all (even a refusal) means the box is on the network.
 */
import { lookup } from 'node:dns/promises';
import { isIP, isIPv4 } from 'node:net';
import { ServiceError } from '../core/errors';
import { ipv4ToNumber, normalizeHost } from '../devices/identity';
import { probePjlink, type ProbeOptions, type ProbeResult } from './tcp-probe';

export interface ManualAddress {
  host: string;
  port: number | null;
}



/**
 * Reads what a person typed: "10.0.0.12", "vp-salle12", "vp-salle12.ecole.local:4352",
 * "http://10.0.0.12/" (a copied URL is forgiven). Returns null when it is not an address.
 */
export function parseManualAddress(input: unknown): ManualAddress | null {
  if (typeof input !== 'string') return null;
  let text = input.normalize('NFC').trim();
  if (text.length === 0 || text.length > 300) return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '');
  let port: number | null = null;
  let host = text;
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2]) port = Number(bracketed[2]);
  } else if (!isIP(text)) {
    const m = /^(.*):(\d{1,5})$/.exec(text);
    if (m) {
      host = m[1]!;
      port = Number(m[2]);
    }
  }
  if (port !== null && (port < 1 || port > 65535)) return null;
  host = host.toLowerCase();
  if (isIPv4(host)) {
    const n = ipv4ToNumber(host);
    // 0.0.0.0/8, multicast, reserved and broadcast are never a device.
    if (n >>> 24 === 0 || n >>> 28 >= 14) return null;
    return { host, port };
  }
  if (isIP(host) === 6) return { host, port };
  // Dotted numbers that are not an IPv4 address ("10.0.0", "300.1.1.1") are typos, not host names.
  if (/^[\d.]+$/.test(host)) return null;
  const name = normalizeHost(host);
  // A label never starts or ends with '-' (RFC 952/1123).
  if (!name || name.split('.').some((label) => label.startsWith('-') || label.endsWith('-'))) return null;
  return { host: name, port };
}

export type HostResolver = (host: string) => Promise<string[]>;

export const defaultResolver: HostResolver = async (host) => {
  if (isIP(host)) return [host];
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), 3_000).unref());
  const found = await Promise.race([lookup(host, { all: true }), timeout]);
  return found.map((a) => a.address);
};

/** Resolves a host name; throws devices.host_not_found when nothing answers for it. */
export async function resolveHost(host: string, resolver: HostResolver = defaultResolver): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolver(host);
  } catch (e) {
    throw new ServiceError('devices.host_not_found', { params: { host }, guide: 'guide:contact-it', detail: (e as Error).message, cause: e });
  }
  const valid = [...new Set(addresses.filter((a) => isIP(a)))].slice(0, 8);
  if (valid.length === 0) throw new ServiceError('devices.host_not_found', { params: { host }, guide: 'guide:contact-it' });
  return valid;
}

export interface HostCheck {
  /** The box answered in some way (greeting, refusal, other service). */
  reachable: boolean;
  pjlink: { port: number; authRequired: boolean } | null;
  /** The address that answered. */
  address: string | null;
}

/** Tries each port on each address until something answers. */
export async function checkHost(addresses: string[], ports: number[], options: ProbeOptions = {}): Promise<HostCheck> {
  let reachable: string | null = null;
  for (const address of addresses) {
    for (const port of ports) {
      const result: ProbeResult = await probePjlink(address, port, options);
      if (result.status === 'pjlink') return { reachable: true, pjlink: { port, authRequired: result.authRequired }, address };
      if (result.status === 'refused' || result.status === 'other' || result.status === 'silent') reachable ??= address;
    }
  }
  return { reachable: reachable !== null, pjlink: null, address: reachable };
}
