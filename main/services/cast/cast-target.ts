/**
 * Where a cast goes: a Google Cast receiver or a DLNA renderer, derived from a registry Device (or given
 * directly by the CLI as host:port / description URL). The CastService knows nothing about the
 * registry: the host maps devices to targets with these functions.
 */
import type { Device } from '../../../preload/contract/devices';

export type CastProtocol = 'googlecast' | 'dlna';

export interface CastTarget {
  /** "One active cast per target" key: the registry device id when known. */
  key: string;
  /** Display name (already sanitized by the registry). */
  name: string;
  protocol: CastProtocol;
  /** Receiver address: decides which local address the media server listens on. */
  host: string;
  /** Google Cast TLS port (8009). */
  port?: number;
  /** DLNA device description URL. */
  location?: string;
  /** DLNA UDN, to match an SSDP byebye. */
  udn?: string;
  /** Google Cast TXT st=1: someone is casting. */
  busy?: boolean;
}

/** The cast targets a device offers, Google Cast first (richer control), then DLNA. Pure. */
export function castTargetsFromDevice(device: Device): CastTarget[] {
  const out: CastTarget[] = [];
  const host = device.host ?? device.addresses[0] ?? null;
  const gc = device.endpoints.googlecast;
  if (gc && host && device.capabilities.includes('googlecast')) {
    out.push({ key: device.id, name: device.name, protocol: 'googlecast', host, port: gc.port, busy: gc.busy });
  }
  const dlna = device.endpoints.dlna;
  if (dlna && device.capabilities.includes('dlna')) {
    let dlnaHost = host;
    try {
      dlnaHost = new URL(dlna.location).hostname || host;
    } catch {
      /* keep the device host */
    }
    if (dlnaHost) out.push({ key: device.id, name: device.name, protocol: 'dlna', host: dlnaHost, location: dlna.location });
  }
  return out;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export type ResolveResult = { ok: true; target: CastTarget } | { ok: false; reason: 'unknown' | 'ambiguous' | 'unsupported'; candidates: string[] };

/**
 * What `--to` designates (CLI): a device id, a device name (accents and case ignored), a host/IP of a
 * known device, `host:port` (a Cast receiver not in the registry) or a DLNA description URL. Pure.
 */
export function resolveCastTarget(to: string, devices: readonly Device[], prefer?: CastProtocol): ResolveResult {
  const wanted = to.trim();
  const pick = (targets: CastTarget[]): CastTarget | undefined => (prefer ? targets.find((t) => t.protocol === prefer) : undefined) ?? targets[0];

  if (/^https?:\/\//i.test(wanted)) {
    try {
      const url = new URL(wanted);
      const byLocation = devices.find((d) => d.endpoints.dlna?.location === wanted);
      return {
        ok: true,
        target: { key: byLocation?.id ?? `dlna:${wanted}`, name: byLocation?.name ?? url.hostname, protocol: 'dlna', host: url.hostname, location: wanted },
      };
    } catch {
      return { ok: false, reason: 'unknown', candidates: [] };
    }
  }

  const byId = devices.filter((d) => d.id === wanted);
  const byName = byId.length ? byId : devices.filter((d) => fold(d.name) === fold(wanted));
  const byHost = byName.length ? byName : devices.filter((d) => d.host === wanted || d.addresses.includes(wanted));
  const hostPort = /^([^:\s]+):(\d{1,5})$/.exec(wanted);
  if (byHost.length === 0 && hostPort) {
    const [, h = '', p = ''] = hostPort;
    const known = devices.find((d) => d.host === h || d.addresses.includes(h));
    return { ok: true, target: { key: known?.id ?? `googlecast:${h}:${p}`, name: known?.name ?? h, protocol: 'googlecast', host: h, port: Number(p) } };
  }
  if (byHost.length === 0) return { ok: false, reason: 'unknown', candidates: [] };
  if (byHost.length > 1) return { ok: false, reason: 'ambiguous', candidates: byHost.map((d) => d.id) };
  const target = pick(castTargetsFromDevice(byHost[0]!));
  if (!target) return { ok: false, reason: 'unsupported', candidates: [byHost[0]!.id] };
  return { ok: true, target };
}
