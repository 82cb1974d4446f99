/**
 * DNS-SD records → DeviceReport, per service type. Pure functions, no sockets.
 *
 * TXT records are parsed here from the raw strings rather than with bonjour-service's decoder, which
 * lets a later key overwrite an earlier one, cuts values at a line break and keeps keys in their case:
 * RFC 6763 §6.4 says keys are case-insensitive and the first occurrence wins. Everything stays
 * untrusted; the registry sanitizes it again before anything is shown.
 */
import type { DeviceReport } from '../devices/report';
import { normalizeMac } from '../devices/identity';

/** The service types discovery browses, with what each one is for. */
export const BROWSED_TYPES = ['googlecast', 'airplay', 'raop', 'display', 'pjlink', 'http'] as const;
export type BrowsedType = (typeof BROWSED_TYPES)[number];
/** Types that only add details to a device another type (or source) already found. */
export const ENRICH_ONLY_TYPES: ReadonlySet<BrowsedType> = new Set(['raop', 'http']);

const MAX_TXT_ENTRIES = 64;
const MAX_TXT_VALUE = 512;

export type TxtRecord = Map<string, string | true>;

/** Parses TXT strings (Buffers from the wire, or strings) into a case-insensitive map. */
export function parseTxt(raw: unknown): TxtRecord {
  const out: TxtRecord = new Map();
  const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  for (const item of items.slice(0, MAX_TXT_ENTRIES * 2)) {
    let text: string;
    if (Buffer.isBuffer(item)) text = item.toString('utf8');
    else if (item instanceof Uint8Array) text = Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('utf8');
    else if (typeof item === 'string') text = item;
    else continue;
    if (text.length === 0) continue;
    const eq = text.indexOf('=');
    const key = (eq < 0 ? text : text.slice(0, eq)).trim().toLowerCase();
    // Keys are printable ASCII without '=' (RFC 6763 §6.4); anything else is noise.
    if (key.length === 0 || key.length > 64 || !/^[\x20-\x7e]+$/.test(key)) continue;
    if (out.has(key)) continue;
    out.set(key, eq < 0 ? true : text.slice(eq + 1, eq + 1 + MAX_TXT_VALUE));
    if (out.size >= MAX_TXT_ENTRIES) break;
  }
  return out;
}

function str(txt: TxtRecord, key: string): string | null {
  const v = txt.get(key);
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** One DNS-SD service instance, as resolved from PTR + SRV + TXT + A records. */
export interface ResolvedService {
  type: BrowsedType;
  /** Instance name (the first part of the fully qualified name; may contain dots and any UTF-8). */
  instance: string;
  /** Fully qualified instance name, the service's identity on the wire. */
  fqdn: string;
  /** SRV target host. */
  host: string | null;
  port: number | null;
  addresses: string[];
  txt: TxtRecord;
}

/** Instance name from "<instance>._type._tcp.local": everything before the service type suffix. */
export function instanceFromFqdn(fqdn: string, type: string): string {
  const suffix = `._${type}._tcp.local`;
  return fqdn.toLowerCase().endsWith(suffix) ? fqdn.slice(0, fqdn.length - suffix.length) : fqdn.split('.')[0] ?? fqdn;
}

export function mdnsKey(s: Pick<ResolvedService, 'type' | 'fqdn'>): string {
  return `mdns:_${s.type}._tcp:${s.fqdn.toLowerCase()}`;
}

function parseIntSafe(v: string | null, radix = 10): number | null {
  if (v === null || !/^(0x)?[0-9a-f]+$/i.test(v.trim())) return null;
  const n = Number.parseInt(v.trim().replace(/^0x/i, ''), radix);
  return Number.isFinite(n) ? n : null;
}

export interface MdnsReport {
  report: DeviceReport;
  /** Only enrich a known device (RAOP, HTTP). */
  enrichOnly: boolean;
}

/** Builds the report for a resolved service, or null when it is not something a teacher can use. */
export function reportFromService(s: ResolvedService, alive = true): MdnsReport | null {
  const base: DeviceReport = {
    source: 'mdns',
    key: mdnsKey(s),
    identity: { host: s.host, addresses: s.addresses },
    name: s.instance,
    alive,
  };
  const port = s.port !== null && s.port > 0 && s.port < 65536 ? s.port : null;
  switch (s.type) {
    case 'googlecast': {
      const model = str(s.txt, 'md') ?? str(s.txt, 'mn');
      // Cast groups are not boxes; audio-only receivers (speakers: no video bit in `ca`) are not screens.
      if (model && /^google cast group$/i.test(model)) return null;
      const ca = parseIntSafe(str(s.txt, 'ca'));
      if (ca !== null && (ca & 1) === 0) return null;
      const castId = str(s.txt, 'id');
      return {
        enrichOnly: false,
        report: {
          ...base,
          identity: { ...base.identity, castId },
          name: str(s.txt, 'fn') ?? s.instance,
          model,
          capabilities: ['googlecast'],
          endpoints: port ? { googlecast: { port, castId, busy: str(s.txt, 'st') === '1' } } : {},
        },
      };
    }
    case 'airplay': {
      const deviceId = str(s.txt, 'deviceid');
      const model = str(s.txt, 'model');
      return {
        enrichOnly: false,
        report: {
          ...base,
          identity: { ...base.identity, airplayId: deviceId },
          model,
          maker: model && /^appletv/i.test(model) ? 'Apple' : null,
          capabilities: ['airplay'],
          endpoints: port ? { airplay: { port, deviceId } } : {},
        },
      };
    }
    case 'raop': {
      // "AABBCCDDEEFF@Salle 12": the AirPlay device id (a MAC) and the receiver's name.
      const at = s.instance.indexOf('@');
      const airplayId = at > 0 ? normalizeMac(s.instance.slice(0, at)) : null;
      const name = at > 0 ? s.instance.slice(at + 1) : s.instance;
      return {
        enrichOnly: true,
        report: { ...base, identity: { ...base.identity, airplayId }, name, model: str(s.txt, 'am') },
      };
    }
    case 'display':
      return {
        enrichOnly: false,
        report: { ...base, capabilities: ['miracast'], endpoints: port ? { miracast: { port } } : {} },
      };
    case 'pjlink': {
      const cls = parseIntSafe(str(s.txt, 'class'));
      return {
        enrichOnly: false,
        report: {
          ...base,
          capabilities: ['pjlink'],
          endpoints: port ? { pjlink: { port, class: cls === 1 || cls === 2 ? cls : null, authRequired: null } } : {},
        },
      };
    }
    case 'http':
      // A projector's web page tells little more than its model; never a device on its own.
      return { enrichOnly: true, report: { ...base, name: null, model: str(s.txt, 'model') ?? str(s.txt, 'md') } };
  }
}
