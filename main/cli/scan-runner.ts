/**
 * `classe scan [--timeout 5s] [--json] [--probe]`: the command's logic, without the argument parsing
 * (commander, in the CLI's entry point) so that tests and the lab call exactly what IT runs.
 *
 * Human output: one table row per device as it is found (a PJLink projector's inputs on an indented
 * line under it), then a summary line. JSON output: one JSON object per line —
 * {"type":"found"|"updated","device":…}, {"type":"lost","id":…}, then {"type":"summary",…} — stable
 * for IT scripts (fields are only ever added: a PJLink device whose inputs were read carries
 * `inputs: [{code, name}]`, name null when the projector gives none).
 */
import type { Device } from '../../preload/contract/devices';
import type { Logger } from '../services/core/logger';
import type { InventoryEntry } from '../services/devices/report';
import { runScan, type ScanEvent, type ScanOptions, type ScanSummary } from '../services/discovery/scan';
import type { ProjectorInfoReader, ProjectorInput } from '../services/discovery/projector-info';
import { describeInput } from '../services/pjlink/codec';
import frScan from '../../assets/i18n/fr/scan.json';
import enScan from '../../assets/i18n/en/scan.json';
import frPjlink from '../../assets/i18n/fr/pjlink.json';
import enPjlink from '../../assets/i18n/en/pjlink.json';

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

/** Translates "scan:<key>" (and "pjlink:<key>" for input types) with {{placeholders}}; the CLI passes its i18next `t` (same catalogs). */
export type ScanT = (key: string, params?: Record<string, string | number>) => string;

const CATALOGS = { fr: { scan: frScan, pjlink: frPjlink }, en: { scan: enScan, pjlink: enPjlink } } as const;

/** A `t` over the scan and PJLink catalogs alone, for callers without i18next (tests, the lab runner). */
export function scanT(language: 'fr' | 'en' = 'fr'): ScanT {
  return (key, params = {}) => {
    const ns = /^pjlink:/.test(key) ? 'pjlink' : 'scan';
    const path = key.replace(/^(scan|pjlink):/, '').split('.');
    let node: unknown = CATALOGS[language][ns];
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

/** The indented line under a projector's row: "Entrées : HDMI 1 (31), Ordinateur (VGA) 1 (11)". */
export function formatInputs(inputs: ProjectorInput[], t: ScanT): string {
  const list = inputs.map((i) => {
    const d = describeInput(i.code);
    const label = i.name ?? (d ? t(`pjlink:${d.typeKey}`, { number: d.number }) : i.code);
    return `${label} (${i.code})`;
  });
  return `${' '.repeat(WIDTHS[0]!)}${t('scan:inputs', { list: list.join(', ') })}`;
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
  // Inputs are not part of a Device (the registry keeps identity, not configuration): remember what
  // the reader learnt per "host:port" and attach it to the output of the device at that address.
  const inputsByTarget = new Map<string, ProjectorInput[]>();
  const targetId = (host: string, port: number) => `${host.toLowerCase()}:${port}`;
  const reader = deps.readProjectorInfo;
  // The PJLink hosts whose details were read (or could not be): a projector's row waits for them.
  const readTargets = new Set<string>();
  const readProjectorInfo: ProjectorInfoReader | null = reader
    ? async (host, port) => {
        try {
          const info = await reader(host, port);
          if (info.inputs?.length && inputsByTarget.size < 4096) inputsByTarget.set(targetId(host, port), info.inputs);
          return info;
        } finally {
          if (readTargets.size < 4096) readTargets.add(targetId(host, port));
        }
      }
    : null;
  const pjlinkRead = (d: Device): boolean => {
    const port = d.endpoints.pjlink?.port;
    if (port === undefined || !readProjectorInfo) return true;
    return [d.host, ...d.addresses].some((host) => host && readTargets.has(targetId(host, port)));
  };
  const inputsOf = (d: Device): ProjectorInput[] | null => {
    const port = d.endpoints.pjlink?.port;
    if (port === undefined) return null;
    for (const host of [d.host, ...d.addresses]) {
      const inputs = host ? inputsByTarget.get(targetId(host, port)) : undefined;
      if (inputs) return inputs;
    }
    return null;
  };
  const withInputs = (d: Device): Device | (Device & { inputs: ProjectorInput[] }) => {
    const inputs = inputsOf(d);
    return inputs ? { ...d, inputs } : d;
  };
  const printDevice = (d: Device) => {
    deps.out(formatDevice(d, t));
    const inputs = inputsOf(d);
    if (inputs) deps.out(formatInputs(inputs, t));
  };
  // Human mode: a PJLink device is first known by its address, its name and inputs come a moment later
  // (even one that mDNS named first); hold its row until it has a name and its PJLink details were read
  // (or for at most a second and a half) so the table shows them.
  const held = new Map<string, { device: Device; timer: NodeJS.Timeout }>();
  const print = (id: string) => {
    const h = held.get(id);
    if (!h) return;
    clearTimeout(h.timer);
    held.delete(id);
    printDevice(h.device);
  };
  const onEvent = (event: ScanEvent) => {
    if (json) {
      deps.out(JSON.stringify(event.type === 'lost' ? event : { ...event, device: withInputs(event.device) }));
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
      if (options.verbose) printDevice(d);
      return;
    }
    if (d.name && d.name !== d.host && pjlinkRead(d)) print(d.id);
  };
  const summary = await runScan({
    ...deps.scan,
    timeoutMs,
    probe: options.probe === true,
    interfaces: { only: options.interfaces, includeVirtual: options.includeVirtual },
    readProjectorInfo,
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
        devices: summary.devices.map(withInputs),
      }),
    );
  } else {
    for (const line of formatSummary(summary, t)) deps.out(line);
  }
  return summary.problem === 'no-network' ? 2 : 0;
}
