/**
 * `classe scan [--timeout 5s] [--json] [--probe]`: the command's logic, without the argument parsing
 * (commander, in the CLI's entry point) so that tests and the lab call exactly what IT runs.
 *
 * Human output: one table row per device as it is found, then a summary line. JSON output: one JSON
 * object per line — {"type":"found"|"updated","device":…}, {"type":"lost","id":…}, then
 * {"type":"summary",…} — stable for IT scripts.
 */
import type { Device } from '../../preload/contract/devices';
import type { Logger } from '../services/core/logger';
import type { InventoryEntry } from '../services/devices/report';
import { runScan, type ScanEvent, type ScanOptions, type ScanSummary } from '../services/discovery/scan';
import type { ProjectorInfoReader } from '../services/discovery/projector-info';
import frScan from '../../assets/i18n/fr/scan.json';
import enScan from '../../assets/i18n/en/scan.json';

export interface ScanCommandOptions {
  /** "5s", "1500ms", "2m" or a number of seconds. Default 5 s. */
  timeout?: string | number;
  json?: boolean;
  probe?: boolean;
  /** Only these interfaces (names or addresses). */
  interfaces?: string[];
  includeVirtual?: boolean;
  /** Also print every update (JSON mode always does). */
  verbose?: boolean;
}

export interface ScanCommandDeps {
  out: (line: string) => void;
  readProjectorInfo?: ProjectorInfoReader | null;
  inventory?: InventoryEntry[];
  logger?: Logger;
  signal?: AbortSignal;
  /** Messages; default: the scan catalogs in `language`. */
  t?: ScanT;
  language?: 'fr' | 'en';
  /** Extra options for the scan (tests, benchmarks). */
  scan?: Pick<ScanOptions, 'discovery' | 'registry'>;
}

/** "5s" → 5000; "1500ms" → 1500; "2m" → 120000; "3" → 3000; "0" → 0 (until interrupted). */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new RangeError(`invalid duration: ${input}`);
    return input * 1000;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(input);
  if (!m) throw new RangeError(`invalid duration: ${input}`);
  const value = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(unit === 'ms' ? value : unit === 'm' ? value * 60_000 : value * 1000);
}

/** Translates "scan:<key>" with {{placeholders}}; the CLI passes its i18next `t` (same catalogs). */
export type ScanT = (key: string, params?: Record<string, string | number>) => string;

const CATALOGS = { fr: frScan, en: enScan } as const;

/** A `t` over the scan catalogs alone, for callers without i18next (tests, the lab runner). */
export function scanT(language: 'fr' | 'en' = 'fr'): ScanT {
  return (key, params = {}) => {
    const path = key.replace(/^scan:/, '').split('.');
    let node: unknown = CATALOGS[language];
    for (const part of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}

const WIDTHS = [22, 32, 16, 24, 24];

function cell(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length > width - 1 ? `${chars.slice(0, width - 2).join('')}… ` : text.padEnd(width);
}

export function formatRow(columns: string[]): string {
  return columns.map((c, i) => cell(c, WIDTHS[i] ?? 20)).join('').trimEnd();
}

export function formatHeader(t: ScanT): string {
  return formatRow(['kind', 'name', 'address', 'model', 'sources'].map((k) => t(`scan:header.${k}`)));
}

export function formatDevice(device: Device, t: ScanT): string {
  return formatRow([t(`scan:kind.${device.kind}`), device.name, device.host ?? '', device.model ?? '', device.sources.join(',')]);
}

export function formatSummary(summary: ScanSummary, t: ScanT): string[] {
  const lines = [t('scan:summary', { count: summary.devices.length, online: summary.online, seconds: (summary.durationMs / 1000).toFixed(1) })];
  if (summary.problem === 'no-network') lines.push(t('scan:noNetwork'));
  else if (summary.devices.length === 0) lines.push(t('scan:none'));
  return lines;
}

/** Runs the scan and prints; resolves with the process exit code (0, or 2 when there is no network). */
export async function runScanCommand(options: ScanCommandOptions, deps: ScanCommandDeps): Promise<number> {
  const timeoutMs = parseDuration(options.timeout ?? '5s');
  const t = deps.t ?? scanT(deps.language ?? 'fr');
  const json = options.json === true;
  if (!json) deps.out(formatHeader(t));
  // Human mode: a PJLink device is first known by its address, its name comes a moment later; hold
  // its row until it has a name (or for at most a second and a half) so the table shows names.
  const held = new Map<string, { device: Device; timer: NodeJS.Timeout }>();
  const print = (id: string) => {
    const h = held.get(id);
    if (!h) return;
    clearTimeout(h.timer);
    held.delete(id);
    deps.out(formatDevice(h.device, t));
  };
  const onEvent = (event: ScanEvent) => {
    if (json) {
      deps.out(JSON.stringify(event));
      return;
    }
    if (event.type === 'lost') {
      const h = held.get(event.id);
      if (h) clearTimeout(h.timer);
      held.delete(event.id);
      return;
    }
    const d = event.device;
    const h = held.get(d.id);
    if (h) h.device = d;
    if (event.type === 'found' && !h) {
      held.set(d.id, { device: d, timer: setTimeout(() => print(d.id), 1_500) });
    } else if (!h) {
      if (options.verbose) deps.out(formatDevice(d, t));
      return;
    }
    if (d.name && d.name !== d.host) print(d.id);
  };
  const summary = await runScan({
    ...deps.scan,
    timeoutMs,
    probe: options.probe === true,
    interfaces: { only: options.interfaces, includeVirtual: options.includeVirtual },
    readProjectorInfo: deps.readProjectorInfo ?? null,
    inventory: deps.inventory,
    logger: deps.logger,
    signal: deps.signal,
    onEvent,
  });
  for (const id of [...held.keys()]) print(id);
  if (json) {
    deps.out(
      JSON.stringify({
        type: 'summary',
        count: summary.devices.length,
        online: summary.online,
        durationMs: summary.durationMs,
        bySource: summary.bySource,
        interfaces: summary.interfaces,
        problem: summary.problem,
        devices: summary.devices,
      }),
    );
  } else {
    for (const line of formatSummary(summary, t)) deps.out(line);
  }
  return summary.problem === 'no-network' ? 2 : 0;
}
