/**
 * "Copier le rapport pour le service informatique" and `classe report [--json]`: what IT needs on the
 * phone with a teacher, and nothing secret.
 *
 * Every collaborator is injected (the host passes the real ones). Two layers keep secrets out:
 * the report never reads a password field in the first place, and the finished report is scrubbed
 * (every string, log lines included) of every secret value this laptop knows, of "password=…"-like
 * fragments and of PJLink authentication digests (an MD5 of random + password can be brute-forced).
 */
import { arch as osArch, networkInterfaces as osNetworkInterfaces, release as osRelease, type NetworkInterfaceInfo } from 'node:os';
import type { Device } from '../../../preload/contract/devices';
import { LIMITS } from '../../../preload/contract/common';
import type { ProfileStatus } from '../../../preload/contract/profiles';
import { DeviceErrorEntry, DiagnosticReport, REPORT_VERSION } from '../../../preload/contract/report';
import type { LogLine } from '../core/logger';
import { sanitizeName, sanitizeText } from '../core/sanitize';

export { DeviceErrorEntry, DiagnosticReport, REPORT_VERSION };

export interface ReportSources {
  app: { name: string; version: string; runtime: 'electron' | 'web' | 'cli'; electron?: string | null };
  locale: string;
  platform?: string;
  osRelease?: () => string;
  arch?: string;
  networkInterfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  profileStatus?: () => ProfileStatus | null;
  room?: () => { id: string; name: string } | null;
  devices?: () => readonly Device[];
  lastErrors?: (deviceId: string) => readonly { code: string; at: string | number | Date; detail?: string | null }[];
  /** LogBook.recent, or any source of recent lines. */
  recentLog?: (count: number) => readonly LogLine[];
  /** Every secret value known on this laptop (collectKnownSecrets). */
  secrets?: () => Promise<readonly string[]> | readonly string[];
  now?: () => Date;
}

export interface ReportOptions {
  logLines?: number;
}

const MASK = '••••';
/** "password=abc", "pwd: abc", "token=…": the value after the word is masked. */
const SECRET_ASSIGNMENT = /(\w*(?:pass(?:word|wd)?|pwd|mot[ _-]?de[ _-]?passe|secret|token|api[_-]?key))(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;]+)/gi;
/** PJLink authentication prefix: md5hex(random + password) right before "%1" or "%2". */
const PJLINK_DIGEST = /\b[0-9a-fA-F]{32}(?=%[12])/g;

function iso(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Masks secrets in every string of a JSON-like value; returns the count of replacements. */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): { value: T; masked: number } {
  // Longest first so that a secret containing another is masked whole.
  const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= 3))].sort((a, b) => b.length - a.length);
  let masked = 0;
  const scrubString = (s: string): string => {
    let out = s;
    for (const secret of list) {
      if (!out.includes(secret)) continue;
      const parts = out.split(secret);
      masked += parts.length - 1;
      out = parts.join(MASK);
    }
    out = out.replace(SECRET_ASSIGNMENT, (_m, word: string, sep: string, v: string) => {
      if (v === MASK) return `${word}${sep}${v}`;
      masked++;
      return `${word}${sep}${MASK}`;
    });
    out = out.replace(PJLINK_DIGEST, () => {
      masked++;
      return MASK;
    });
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubString(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value) as T, masked };
}

export function networkSummary(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): DiagnosticReport['network'] {
  const out: DiagnosticReport['network'] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    const ipv4 = (list ?? []).filter((i) => i.family === 'IPv4' || (i.family as unknown) === 4).map((i) => (i.cidr ?? i.address).slice(0, 64));
    if (ipv4.length > 0) out.push({ name: sanitizeName(name), ipv4: ipv4.slice(0, 32) });
  }
  return out.slice(0, 64);
}

export async function buildDiagnosticReport(sources: ReportSources, options: ReportOptions = {}): Promise<DiagnosticReport> {
  const now = sources.now?.() ?? new Date();
  let network: DiagnosticReport['network'] = [];
  try {
    network = networkSummary((sources.networkInterfaces ?? osNetworkInterfaces)());
  } catch {
    // No network information is still a report.
  }
  const devices = (sources.devices?.() ?? []).slice(0, LIMITS.list).map((d) => ({
    id: d.id,
    name: sanitizeName(d.name),
    kind: d.kind,
    room: d.room,
    host: d.host,
    addresses: d.addresses.slice(0, 16),
    capabilities: [...d.capabilities],
    sources: [...d.sources],
    reachability: d.reachability,
    lastSeen: iso(d.lastSeen),
    inInventory: d.inInventory,
    lastErrors: (sources.lastErrors?.(d.id) ?? []).slice(-10).map((e) => ({
      code: sanitizeText(e.code, LIMITS.id),
      at: iso(e.at) ?? '',
      detail: e.detail ? sanitizeText(e.detail, 500) : null,
    })),
  }));
  const log = (sources.recentLog?.(options.logLines ?? 100) ?? []).slice(-1000).map((l) => ({
    time: l.time,
    level: l.level,
    scope: sanitizeText(l.scope, LIMITS.id),
    message: sanitizeText(l.message, 1000),
  }));
  const room = sources.room?.() ?? null;
  const report: DiagnosticReport = {
    reportVersion: REPORT_VERSION,
    createdAt: now.toISOString(),
    app: {
      name: sources.app.name,
      version: sources.app.version,
      runtime: sources.app.runtime,
      node: process.versions.node,
      electron: sources.app.electron ?? null,
    },
    os: {
      platform: (sources.platform ?? process.platform).slice(0, 32),
      release: (sources.osRelease ?? osRelease)().slice(0, 128),
      arch: (sources.arch ?? osArch()).slice(0, 32),
      locale: sources.locale.slice(0, 64),
    },
    network,
    profile: sources.profileStatus?.() ?? null,
    room: room ? { id: room.id, name: sanitizeName(room.name) } : null,
    devices,
    log,
    masked: 0,
  };
  const secrets = (await sources.secrets?.()) ?? [];
  const scrubbed = scrubSecrets(report, secrets);
  return DiagnosticReport.parse({ ...scrubbed.value, masked: scrubbed.masked });
}
