/**
 * Normalising the identities a discovery source reports (MAC, Cast id, AirPlay id, UDN, host, address)
 * so that the registry can compare them. Everything here comes from the network: anything that does
 * not look like what it claims to be is dropped (null), never "repaired" into something that could
 * merge two different boxes.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { sanitizeText } from '../core/sanitize';
import { LIMITS } from '../../../preload/contract/common';

const MAC_HEX = /^[0-9a-f]{12}$/;

/** "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff", "AABBCCDDEEFF" → "aa:bb:cc:dd:ee:ff"; null if not a usable MAC. */
export function normalizeMac(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const hex = input.trim().toLowerCase().replace(/[:\-.\s]/g, '');
  if (!MAC_HEX.test(hex)) return null;
  // All-zero and broadcast are placeholders some firmwares send, not identities.
  if (hex === '000000000000' || hex === 'ffffffffffff') return null;
  return hex.match(/../g)!.join(':');
}

/** Cast `id` TXT value: 32 hex digits (sometimes a hyphenated UUID). */
export function normalizeCastId(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const id = input.trim().toLowerCase().replace(/-/g, '');
  return /^[0-9a-f]{8,64}$/.test(id) ? id : null;
}

/** AirPlay `deviceid`: usually a MAC; some receivers use another opaque token. */
export function normalizeAirplayId(input: unknown): string | null {
  const mac = normalizeMac(input);
  if (mac) return mac;
  if (typeof input !== 'string') return null;
  const id = input.trim().toLowerCase();
  return /^[0-9a-z:._-]{4,64}$/.test(id) ? id : null;
}

export function normalizeUdn(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const id = input.trim().toLowerCase();
  return /^(uuid:)?[0-9a-z-]{8,100}$/.test(id) ? id : null;
}

/** Inventory ids come from the IT profile: bounded, printable. */
export function normalizeInventoryId(input: unknown): string | null {
  const id = sanitizeText(input, LIMITS.id);
  return id.length > 0 ? id : null;
}

/**
 * Labels of letters (any script), digits, '-' and '_': every ASCII character but those is refused,
 * non-ASCII ones are allowed (mDNS names are UTF-8; invisible ones were removed by sanitizing).
 * Plain ranges rather than \p{L}: V8 compiles a Unicode property class on first use in ~40 ms, and
 * this runs on the path of the first device found.
 */
const HOST_LABEL = '[^\\x00-\\x2c\\x2e\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x9f\\s]+';
export const HOST_LABELS = new RegExp(`^${HOST_LABEL}(\\.${HOST_LABEL})*$`);

/**
 * Host names: lower case, no trailing dot, no characters that could not be in a DNS name. mDNS host
 * names may be UTF-8 ("écran-12.local"), so letters of any script are allowed; spaces, slashes,
 * brackets and controls are not.
 */
export function normalizeHost(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  let host = sanitizeText(input, LIMITS.host + 1).toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > LIMITS.host) return null;
  // isIP() compiles Node's IPv6 pattern on first use (~7 ms): only ask it about what looks like an IP.
  if (/^[\d.]+$/.test(host) ? isIPv4(host) : host.includes(':') && isIPv6(host)) return host;
  if (!HOST_LABELS.test(host)) return null;
  if (host.split('.').some((label) => label.length > 63)) return null;
  return host;
}

/** IPv4 and IPv6 literals only; IPv6 zone ids are dropped. */
export function normalizeAddress(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const address = input.trim().toLowerCase().split('%')[0]!;
  // Ask isIPv6 only about what has a colon: its pattern costs ~10 ms to compile on first use.
  if (address.includes(':') ? !isIPv6(address) : !isIPv4(address)) return null;
  if (address === '0.0.0.0' || address === '255.255.255.255' || address === '::') return null;
  return address;
}

/** Turns a dotted IPv4 into a 32-bit unsigned number (NaN if it is not one). */
export function ipv4ToNumber(address: string): number {
  const parts = address.split('.');
  if (parts.length !== 4) return Number.NaN;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return Number.NaN;
    const v = Number(part);
    if (v > 255) return Number.NaN;
    n = n * 256 + v;
  }
  return n >>> 0;
}

export function numberToIpv4(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Prefix length of a dotted netmask ("255.255.255.0" → 24); -1 if it is not a contiguous mask. */
export function netmaskToPrefix(netmask: string): number {
  const n = ipv4ToNumber(netmask);
  if (Number.isNaN(n)) return -1;
  const inverted = ~n >>> 0;
  // A contiguous mask has all its zero bits at the end: inverted + 1 is a power of two.
  if ((inverted & (inverted + 1)) !== 0) return -1;
  return 32 - Math.log2(inverted + 1);
}

export function prefixToMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Is `address` inside `network/prefix`? */
export function inSubnet(address: string, network: string, prefix: number): boolean {
  const a = ipv4ToNumber(address);
  const n = ipv4ToNumber(network);
  if (Number.isNaN(a) || Number.isNaN(n) || prefix < 0 || prefix > 32) return false;
  const mask = prefixToMask(prefix);
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}
