/**
 * One discovery measurement, run inside the lab's teacher namespace by tests/bench/discovery.ts.
 * Prints one JSON line with the figures. Modes:
 *   ours-mdns  --n N              DiscoveryService (mDNS only, default types) until N devices
 *   raw-mdns   --n N              one multicast-dns PTR query for _googlecast._tcp until N answers
 *   ours-srch  --n N              DiscoveryService (PJLink search only + info reads with the app's PJLink
 *                                 client, createProjectorInfoReader) until N named devices
 *   raw-srch   --n N --broadcast  one %2SRCH from a bare UDP socket until N ACKNs
 *   flood      --n N              DiscoveryService (mDNS) with N advertised services: memory
 * Times are milliseconds from the start call (ours) or from the query being sent (raw).
 */
import { parseArgs } from 'node:util';
import { createSocket } from 'node:dgram';
import makeMdns from 'multicast-dns';
import { DeviceRegistry } from '../../../main/services/devices/registry';
import { DiscoveryService } from '../../../main/services/discovery/discovery-service';
import { ProjectorManager } from '../../../main/services/pjlink/manager';
import { createProjectorInfoReader } from '../../../main/services/pjlink/info-reader';

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    n: { type: 'string', default: '10' },
    timeout: { type: 'string', default: '15000' },
    interface: { type: 'string' },
    broadcast: { type: 'string' },
  },
});
const n = Number(values.n);
const timeoutMs = Number(values.timeout);
const out = (result: object) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
};
const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function ours(mode: 'mdns' | 'srch' | 'flood'): Promise<void> {
  gc?.();
  const before = process.memoryUsage();
  const registry = new DeviceRegistry({ coalesceMs: 50 });
  // SRCH: details are read with the app's PJLink client and reader, as the devices module does.
  const manager = mode === 'srch' ? new ProjectorManager() : null;
  const service = new DiscoveryService({
    registry,
    mdns: mode === 'srch' ? false : {},
    pjlinkSearch: mode === 'srch' ? {} : false,
    readProjectorInfo: manager ? createProjectorInfoReader(manager) : null,
    interfaces: values.interface ? { only: [values.interface] } : {},
    scanWindowMs: 1_000,
  });
  let first: number | null = null;
  let all: number | null = null;
  let named: number | null = null;
  let seenAll: number | null = null;
  let peakRss = before.rss;
  let t0 = 0;
  const done = new Promise<void>((resolve) => {
    registry.on('changes', () => {
      const t = performance.now() - t0;
      const list = registry.list();
      if (first === null && list.length > 0) first = t;
      // Under a flood the registry keeps at most its cap: "all" is then "the cap is full".
      if (all === null && list.length >= Math.min(n, mode === 'flood' ? 1_000 : n)) all = t;
      if (mode === 'srch' && named === null && list.filter((d) => d.model !== null).length >= n) named = t;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (all !== null && mode === 'mdns') resolve();
      if (mode === 'srch' && named !== null) resolve();
    });
    // Flood: wait until mDNS has seen every service (the registry keeps at most its cap of them).
    service.on('state', (st) => {
      if (mode !== 'flood' || seenAll !== null || st.sources.mdns.found < n) return;
      seenAll = performance.now() - t0;
      resolve();
    });
    setTimeout(resolve, timeoutMs).unref();
  });
  let queriedAt: number | null = null;
  service.on('queried', () => {
    queriedAt ??= performance.now() - t0;
  });
  t0 = performance.now();
  await service.start();
  await done;
  const state = service.state();
  const devices = registry.size;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  gc?.();
  const after = process.memoryUsage();
  out({
    mode: `ours-${mode}`,
    n,
    first: round(first),
    all: round(all),
    named: round(named),
    seenAll: round(seenAll),
    /** When the first queries left: the raw query's figures start there. */
    queried: round(queriedAt),
    devices,
    evicted: registry.evictedCount,
    mdnsFound: state.sources.mdns.found,
    heapBeforeMb: mb(before.heapUsed),
    heapAfterMb: mb(after.heapUsed),
    rssBeforeMb: mb(before.rss),
    rssPeakMb: mb(peakRss),
    rssAfterMb: mb(after.rss),
  });
  await service.stop();
  await manager?.dispose();
  registry.stop();
}

async function rawMdns(): Promise<void> {
  const address = values.interface!;
  const mdns = makeMdns({ interface: address, bind: '0.0.0.0' } as makeMdns.Options);
  const seen = new Set<string>();
  let first: number | null = null;
  let all: number | null = null;
  let t0 = 0;
  await new Promise<void>((resolve) => {
    mdns.on('response', (packet) => {
      for (const rr of packet.answers) {
        if (rr.type === 'PTR' && rr.name === '_googlecast._tcp.local') seen.add(String(rr.data));
      }
      const t = performance.now() - t0;
      if (first === null && seen.size > 0) first = t;
      if (all === null && seen.size >= n) {
        all = t;
        resolve();
      }
    });
    mdns.on('ready', () => {
      t0 = performance.now();
      mdns.query('_googlecast._tcp.local', 'PTR');
    });
    setTimeout(resolve, timeoutMs).unref();
  });
  out({ mode: 'raw-mdns', n, first: round(first), all: round(all), answers: seen.size });
  mdns.destroy();
}

async function rawSrch(): Promise<void> {
  const socket = createSocket({ type: 'udp4', reuseAddr: false });
  const seen = new Set<string>();
  let first: number | null = null;
  let all: number | null = null;
  let t0 = 0;
  await new Promise<void>((resolve) => {
    socket.on('message', (msg) => {
      const m = /^%2ACKN=(.+)\r?$/.exec(msg.toString('latin1').trim());
      if (!m) return;
      seen.add(m[1]!);
      const t = performance.now() - t0;
      if (first === null) first = t;
      if (all === null && seen.size >= n) {
        all = t;
        resolve();
      }
    });
    socket.bind(4352, () => {
      socket.setBroadcast(true);
      t0 = performance.now();
      socket.send(Buffer.from('%2SRCH\r', 'latin1'), 4352, values.broadcast!);
    });
    setTimeout(resolve, timeoutMs).unref();
  });
  out({ mode: 'raw-srch', n, first: round(first), all: round(all), answers: seen.size });
  socket.close();
}

switch (values.mode) {
  case 'ours-mdns':
    await ours('mdns');
    break;
  case 'ours-srch':
    await ours('srch');
    break;
  case 'flood':
    await ours('flood');
    break;
  case 'raw-mdns':
    await rawMdns();
    break;
  case 'raw-srch':
    await rawSrch();
    break;
  default:
    throw new Error(`unknown mode ${values.mode}`);
}
process.exit(0);
