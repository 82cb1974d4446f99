/**
 * One scan from start to finish, for `classe scan` and for scripts: start discovery, report devices as
 * they are found, stop after the timeout (and after the sweep when `probe` is on), return a summary.
 * The CLI prints; this function only calls back.
 */
import type { Device, DiscoverySource } from '../../../preload/contract/devices';
import { silentLogger, type Logger } from '../core/logger';
import { DeviceRegistry } from '../devices/registry';
import type { InventoryEntry } from '../devices/report';
import { DiscoveryService, type DiscoveryOptions, type DiscoveryState } from './discovery-service';
import type { InterfaceFilter } from './interfaces';
import type { ProjectorInfoReader } from './projector-info';

export type ScanEvent =
  | { type: 'found'; device: Device; atMs: number }
  | { type: 'updated'; device: Device; atMs: number }
  | { type: 'lost'; id: string; atMs: number };

export interface ScanOptions {
  /** How long to listen, in ms (0 or Infinity: until the signal aborts). */
  timeoutMs?: number;
  /** Also sweep each interface's /24 on TCP 4352. */
  probe?: boolean;
  interfaces?: InterfaceFilter;
  readProjectorInfo?: ProjectorInfoReader | null;
  inventory?: InventoryEntry[];
  logger?: Logger;
  signal?: AbortSignal;
  onEvent?: (event: ScanEvent) => void;
  onState?: (state: DiscoveryState) => void;
  /** Passed through to the service (tests, benchmarks). */
  discovery?: Partial<Omit<DiscoveryOptions, 'registry' | 'logger' | 'readProjectorInfo' | 'inventory' | 'interfaces' | 'probe'>>;
  /** Passed through to the registry. */
  registry?: ConstructorParameters<typeof DeviceRegistry>[0];
}

export interface ScanSummary {
  devices: Device[];
  durationMs: number;
  /** Devices per source that saw them. */
  bySource: Partial<Record<DiscoverySource, number>>;
  online: number;
  interfaces: string[];
  problem: DiscoveryState['problem'];
}

export async function runScan(options: ScanOptions = {}): Promise<ScanSummary> {
  const started = performance.now();
  const at = () => Math.round(performance.now() - started);
  const logger = options.logger ?? silentLogger;
  const registry = new DeviceRegistry({ logger: logger.child('registry'), coalesceMs: 50, ...options.registry });
  const seen = new Set<string>();
  registry.on('changes', (c) => {
    for (const d of c.added) {
      seen.add(d.id);
      options.onEvent?.({ type: 'found', device: d, atMs: at() });
    }
    for (const d of c.changed) {
      const first = !seen.has(d.id);
      seen.add(d.id);
      options.onEvent?.({ type: first ? 'found' : 'updated', device: d, atMs: at() });
    }
    for (const id of c.removed) options.onEvent?.({ type: 'lost', id, atMs: at() });
  });
  const service = new DiscoveryService({
    ...options.discovery,
    registry,
    logger: logger.child('discovery'),
    readProjectorInfo: options.readProjectorInfo ?? null,
    inventory: options.inventory ?? [],
    interfaces: options.interfaces ?? {},
    probe: options.probe ?? false,
  });
  let lastState: DiscoveryState = service.state();
  service.on('state', (s) => {
    lastState = s;
    options.onState?.(s);
  });
  const timeoutMs = options.timeoutMs ?? 5_000;
  const stopRequested = new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) setTimeout(resolve, timeoutMs).unref?.();
  });
  await service.start();
  const round = service.refresh();
  await stopRequested;
  // With --probe, the sweep finishes even if it takes longer than the timeout (it is bounded).
  if (options.probe && !options.signal?.aborted) await round;
  await service.stop();
  registry.stop();
  const devices = registry.list();
  const bySource: Partial<Record<DiscoverySource, number>> = {};
  for (const d of devices) for (const s of d.sources) bySource[s] = (bySource[s] ?? 0) + 1;
  return {
    devices,
    durationMs: at(),
    bySource,
    online: devices.filter((d) => d.reachability === 'online').length,
    interfaces: lastState.interfaces.map((i) => `${i.name} ${i.address}/${i.prefix}`),
    problem: lastState.problem,
  };
}
