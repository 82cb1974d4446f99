/**
 * Fleet status benchmark: N simulated projectors (class 1, on; 5 queries each: POWR, ERST, INPT,
 * AVMT, LAMP), read once with the poller (one queued connection per projector, bounded concurrency)
 * and once with a naive client that connects, sends one query and closes, one projector at a time.
 * Also measures action-to-wire latency: `actions.start({kind: 'blank'})` until the projector receives
 * the AVMT line, while the poller keeps the projector's queue busy.
 *
 * Run: node --import tsx tests/bench/pjlink-fleet.ts [--sizes 100,500,1000] [--concurrency 64] [--in-process]
 * By default the simulators run in a child process (tests/bench/support/fleet-process.ts) so the client has a
 * core to itself, as with real projectors; `--in-process` puts everything in this one process.
 * All on 127.0.0.1 with free ports; mind `ulimit -n` (about 3 descriptors per projector).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ProjectorManager } from '../../main/services/pjlink/manager';
import { ProjectorPoller } from '../../main/services/pjlink/poller';
import { ProjectorActions } from '../../main/services/actions/projector-actions';
import { SimulatorFleet } from '../../main/services/simulator/fleet';
import { SimulatedProjector } from '../../main/services/simulator/pjlink-projector';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SIZES = arg('sizes', '100,500,1000').split(',').map(Number);
const CONCURRENCY = Number(arg('concurrency', '64'));
const IN_PROCESS = args.includes('--in-process');
const QUERIES = ['%1POWR ?', '%1ERST ?', '%1INPT ?', '%1AVMT ?', '%1LAMP ?'];

interface Row {
  projectors: number;
  approach: string;
  wallMs: number;
  commands: number;
  peakRssMb: number;
  /** CPU time (user + system) of this process during the run. */
  cpuMs: number;
  /** CPU time of the simulator process during the run (0 in-process). */
  simulatorCpuMs: number;
  ok: number;
}

function memorySampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
    },
  };
}

/** The simulators, here or in a child process. */
interface Fleet {
  size: number;
  targets: { host: string; port: number }[];
  commands(): Promise<number>;
  /** CPU time used so far by the simulator process (0 when in-process: included in ours). */
  cpuMs(): Promise<number>;
  /** Peak RSS of the simulator process (null when in-process: included in ours). */
  peakRssMb(): Promise<number | null>;
  stop(): Promise<void>;
}

async function localFleet(count: number): Promise<Fleet> {
  const fleet = await SimulatorFleet.start({ count, pjlinkClass: 1, projector: { power: 'on', singleClient: false, idleCloseMs: 0 } });
  return {
    size: count,
    targets: fleet.targets(),
    commands: async () => fleet.projectors.reduce((sum, p) => sum + p.stats.commands, 0),
    cpuMs: async () => 0,
    peakRssMb: async () => null,
    stop: () => fleet.stop(),
  };
}

function request<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function childFleet(count: number): Promise<Fleet> {
  const child = fork(join(import.meta.dirname, 'support', 'fleet-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { targets } = await request<{ targets: { host: string; port: number }[] }>(child, { type: 'start', count }, 'ready');
  return {
    size: count,
    targets,
    commands: async () => (await request<{ commands: number }>(child, { type: 'stats' }, 'stats')).commands,
    cpuMs: async () => (await request<{ cpuMs: number }>(child, { type: 'stats' }, 'stats')).cpuMs,
    peakRssMb: async () => (await request<{ peakRssMb: number }>(child, { type: 'stats' }, 'stats')).peakRssMb,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

async function withPoller(fleet: Fleet): Promise<Row> {
  const manager = new ProjectorManager({ connection: { commandTimeoutMs: 5000, connectTimeoutMs: 5000 } });
  const slow = 3_600_000;
  const poller = new ProjectorPoller({ manager, concurrency: CONCURRENCY, intervals: { fastMs: slow, normalMs: slow, idleMs: slow, offlineMs: slow } });
  const before = await fleet.commands();
  const simCpu = await fleet.cpuMs();
  const memory = memorySampler();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const target of fleet.targets) poller.watch(target, { pjlinkClass: 1 });
  const statuses = await poller.pollAll();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const peakRssMb = memory.stop();
  const ok = statuses.filter((s) => s.reachable && s.power === 'on' && s.input && s.mute && s.errors && s.lamps).length;
  await poller.dispose();
  await manager.dispose();
  return { projectors: fleet.size, approach: `poller (concurrency ${CONCURRENCY}, one connection each)`, wallMs, commands: (await fleet.commands()) - before, peakRssMb, cpuMs: (used.user + used.system) / 1000, simulatorCpuMs: (await fleet.cpuMs()) - simCpu, ok };
}

/** Connect, read the greeting, send one query, read the reply, close. */
function naiveQuery(host: string, port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    let buffer = '';
    let greeted = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('timeout'));
    }, 5000);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let i: number;
      while ((i = buffer.indexOf('\r')) >= 0) {
        const got = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        if (!greeted) {
          greeted = true;
          socket.write(`${line}\r`);
        } else {
          clearTimeout(timer);
          socket.end();
          resolve(got);
        }
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function naive(fleet: Fleet): Promise<Row> {
  const before = await fleet.commands();
  const simCpu = await fleet.cpuMs();
  const memory = memorySampler();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let ok = 0;
  for (const { host, port } of fleet.targets) {
    let good = true;
    for (const q of QUERIES) {
      const reply = await naiveQuery(host, port, q).catch(() => '');
      if (!reply.startsWith(q.slice(0, 6))) good = false;
    }
    if (good) ok++;
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const peakRssMb = memory.stop();
  return { projectors: fleet.size, approach: 'naive (connect-query-close, one at a time)', wallMs, commands: (await fleet.commands()) - before, peakRssMb, cpuMs: (used.user + used.system) / 1000, simulatorCpuMs: (await fleet.cpuMs()) - simCpu, ok };
}

async function latency(): Promise<{ p50: number; p95: number; max: number; samples: number }> {
  const sim = new SimulatedProjector({ power: 'on', pjlinkClass: 2, responseDelayMs: 2, singleClient: false });
  await sim.start();
  const manager = new ProjectorManager();
  const poller = new ProjectorPoller({ manager, intervals: { fastMs: 1, normalMs: 1, idleMs: 1, offlineMs: 1 } });
  const actions = new ProjectorActions({ manager, poller });
  poller.watch(sim.address, { pjlinkClass: 2 });
  await poller.pollAll();
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) {
    const kind = i % 2 === 0 ? 'blank' : 'unblank';
    const expected = kind === 'blank' ? '%1AVMT 31' : '%1AVMT 30';
    const arrived = new Promise<number>((resolve) => {
      const off = sim.on('command', ({ line }) => {
        if (line === expected) {
          off();
          resolve(performance.now());
        }
      });
    });
    // The projector's queue is kept busy by the poller (1 ms interval) while we click.
    await new Promise((r) => setTimeout(r, 3));
    const clicked = performance.now();
    const run = actions.start({ kind, projector: sim.address });
    samples.push((await arrived) - clicked);
    await run.result;
  }
  await actions.dispose();
  await poller.dispose();
  await manager.dispose();
  await sim.stop();
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: pick(0.5), p95: pick(0.95), max: samples.at(-1)!, samples: samples.length };
}

const loadBefore = loadavg()[0]!;
const rows: Row[] = [];
const simulatorRss: number[] = [];
for (const size of SIZES) {
  const fleet = IN_PROCESS ? await localFleet(size) : await childFleet(size);
  rows.push(await withPoller(fleet));
  rows.push(await naive(fleet));
  const rss = await fleet.peakRssMb();
  if (rss !== null) simulatorRss.push(rss);
  await fleet.stop();
}
const lat = await latency();

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const where = IN_PROCESS ? 'simulators in the same process (peak RSS includes them)' : 'simulators in a child process (peak RSS is the client\'s)';
console.log(`\nPJLink fleet status — Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), ${where}`);
// Other work on the machine skews every figure: say how busy it was.
console.log(`Load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}\n`);
console.log('| projectors | approach | wall time | commands | commands/s | client CPU | simulators CPU | client peak RSS | complete statuses |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${fmt(r.projectors)} | ${r.approach} | ${fmt(r.wallMs)} ms | ${fmt(r.commands)} | ${fmt(r.commands / (r.wallMs / 1000))} | ${fmt(r.cpuMs)} ms | ${IN_PROCESS ? '(included)' : `${fmt(r.simulatorCpuMs)} ms`} | ${fmt(r.peakRssMb)} MB | ${fmt(r.ok)} |`);
}
const goal = rows.find((r) => r.projectors === 1000 && r.approach.startsWith('poller'));
if (simulatorRss.length) console.log(`\nSimulator process peak RSS: ${simulatorRss.map((r) => `${fmt(r)} MB`).join(', ')}.`);
if (goal) console.log(`\nGoal "1,000 projectors' status in < 2 s": ${goal.wallMs < 2000 ? 'met' : 'NOT met'} (${fmt(goal.wallMs)} ms).`);
console.log(`\nAction-to-wire latency (actions.start → AVMT on the projector, queue busy with polls): p50 ${fmt(lat.p50, 2)} ms, p95 ${fmt(lat.p95, 2)} ms, max ${fmt(lat.max, 2)} ms over ${lat.samples} clicks.`);
