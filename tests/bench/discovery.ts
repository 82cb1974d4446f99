/**
 * Discovery benchmark (lab: network namespaces, real Avahi, PJLink class-2 responders; needs root).
 *   npm run bench -- discovery        or   node --expose-gc --import tsx tests/bench/discovery.ts
 * For mDNS-advertised devices (N = 10, 100): time from start to the first device and to all N devices
 * in the registry, side by side with a bare one-shot multicast-dns PTR query for the same type run
 * in the same lab (alternating runs, medians). For SRCH-answering devices (N = 10, 100): time to the
 * first and to all N devices listed, and to all N named (PJLink info read), next to a bare %2SRCH.
 * Memory with 2,000 advertised services. Goals: first mDNS device < 200 ms after the query; all N
 * within 1.5× of the raw query.
 * BENCH_ONLY=srch (or a comma list of mdns, srch, flood) runs only those parts; BENCH_REPS sets the runs.
 */
import { join } from 'node:path';
import { checkLabPrerequisites, createLab, REPO_ROOT, waitForOutput, type AvahiService, type Lab } from '../lab/harness/lab';
import type { FakeProjector } from '../support/pjlink-responder';

const MEASURE = join(REPO_ROOT, 'tests', 'bench', 'support', 'discovery-measure.ts');
const REPS = Number(process.env.BENCH_REPS ?? 5);
const PARTS = new Set((process.env.BENCH_ONLY ?? 'mdns,srch,flood').split(',').map((p) => p.trim()));

type Result = Record<string, number | string | null>;

function measure(lab: Lab, args: string[]): Promise<Result> {
  const child = lab.spawn(lab.teacherNs, process.execPath, ['--expose-gc', '--import', 'tsx', MEASURE, ...args], { cwd: REPO_ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as Result);
      } catch {
        reject(new Error(`measure ${args.join(' ')} exited ${code}: ${stdout}\n${stderr}`));
      }
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
};
/** Ours is timed from start(); the raw queries from the moment they are sent: compare from the query. */
const sinceQuery = (r: Result, key: string): number | null =>
  typeof r[key] === 'number' && typeof r.queried === 'number' ? Math.round(((r[key] as number) - (r.queried as number)) * 10) / 10 : null;
const fmt = (x: number | null, unit = ' ms') => (x === null ? '—' : `${Math.round(x)}${unit}`);

function hostNumbers(n: number): number[] {
  // 10.x.y.11 … : at most 240 per lab subnet.
  return Array.from({ length: n }, (_, i) => 11 + i);
}

/**
 * Avahi probes and then announces new services; until they are established it does not answer
 * queries promptly. Wait for two fast complete answers in a row.
 */
async function avahiSettled(lab: Lab, n: number, fastMs = 1_000): Promise<void> {
  let fast = 0;
  for (let i = 0; i < 40 && fast < 2; i++) {
    const r = await measure(lab, ['--mode', 'raw-mdns', '--n', String(n), '--interface', lab.teacherIp, '--timeout', '5000']);
    fast = typeof r.all === 'number' && r.all < fastMs ? fast + 1 : 0;
    await sleep(1_500);
  }
}

async function mdnsScenario(n: number) {
  const lab = await createLab({ extraRoomHosts: hostNumbers(n) });
  try {
    const services: AvahiService[] = hostNumbers(n).map((h) => ({
      name: `Écran ${h}`,
      type: '_googlecast._tcp',
      port: 8009,
      hostName: `tv${h}.local`,
      txt: [`id=${h.toString(16).padStart(32, '0')}`, `fn=Écran ${h}`, 'md=BRAVIA', 'ca=4101'],
    }));
    await lab.startAvahi(services, { hosts: hostNumbers(n).map((h) => ({ name: `tv${h}.local`, address: `${lab.prefix}.${h}` })) });
    await avahiSettled(lab, n);
    const raw: Result[] = [];
    const ours: Result[] = [];
    for (let i = 0; i < REPS; i++) {
      // Avahi does not repeat an answer it multicast less than a second ago: space the runs out.
      raw.push(await measure(lab, ['--mode', 'raw-mdns', '--n', String(n), '--interface', lab.teacherIp]));
      await sleep(1_500);
      ours.push(await measure(lab, ['--mode', 'ours-mdns', '--n', String(n), '--interface', lab.teacherIf]));
      await sleep(1_500);
    }
    return {
      n,
      startToQuery: median(ours.map((r) => r.queried as number | null)),
      oursFirst: median(ours.map((r) => sinceQuery(r, 'first'))),
      oursAll: median(ours.map((r) => sinceQuery(r, 'all'))),
      rawFirst: median(raw.map((r) => r.first as number | null)),
      rawAll: median(raw.map((r) => r.all as number | null)),
      oursRuns: ours.map((r) => sinceQuery(r, 'all')),
      rawRuns: raw.map((r) => r.all),
    };
  } finally {
    await lab.close();
  }
}

async function srchScenario(n: number) {
  const lab = await createLab({ extraRoomHosts: hostNumbers(n) });
  try {
    const devices: FakeProjector[] = hostNumbers(n).map((h) => ({
      address: `${lab.prefix}.${h}`,
      mac: `02:00:00:00:${(h >> 8).toString(16).padStart(2, '0')}:${(h & 255).toString(16).padStart(2, '0')}`,
      name: `VP ${h}`,
      maker: 'EPSON',
      model: 'EB-W49',
    }));
    const responder = lab.spawnTs(lab.roomNs, 'tests/support/pjlink-responder-main.ts', [JSON.stringify({ devices })]);
    await waitForOutput(responder, /pjlink-responder ready/, 30_000, 'PJLink responder');
    const raw: Result[] = [];
    const ours: Result[] = [];
    for (let i = 0; i < Math.min(REPS, 3); i++) {
      raw.push(await measure(lab, ['--mode', 'raw-srch', '--n', String(n), '--broadcast', lab.broadcast]));
      ours.push(await measure(lab, ['--mode', 'ours-srch', '--n', String(n), '--interface', lab.teacherIf, '--timeout', '30000']));
    }
    return {
      n,
      oursFirst: median(ours.map((r) => sinceQuery(r, 'first'))),
      oursAll: median(ours.map((r) => sinceQuery(r, 'all'))),
      oursNamed: median(ours.map((r) => sinceQuery(r, 'named'))),
      namedRuns: ours.map((r) => sinceQuery(r, 'named')),
      rawFirst: median(raw.map((r) => r.first as number | null)),
      rawAll: median(raw.map((r) => r.all as number | null)),
    };
  } finally {
    await lab.close();
  }
}

async function floodScenario(n: number) {
  const hosts = 20;
  const lab = await createLab({ extraRoomHosts: hostNumbers(hosts) });
  try {
    const services: AvahiService[] = Array.from({ length: n }, (_, i) => {
      const h = 11 + (i % hosts);
      return { name: `TV ${i}`, type: '_googlecast._tcp', port: 8009 + Math.floor(i / hosts), hostName: `tv${h}.local`, txt: [`id=${i.toString(16).padStart(32, '0')}`, `fn=Écran ${i}`, 'md=BRAVIA', 'ca=4101'] };
    });
    await lab.startAvahi(services, { hosts: hostNumbers(hosts).map((h) => ({ name: `tv${h}.local`, address: `${lab.prefix}.${h}` })) });
    await avahiSettled(lab, n, 15_000);
    const raw = await measure(lab, ['--mode', 'raw-mdns', '--n', String(n), '--interface', lab.teacherIp, '--timeout', '20000']);
    await sleep(1_500);
    const ours = await measure(lab, ['--mode', 'flood', '--n', String(n), '--interface', lab.teacherIf, '--timeout', '30000']);
    return { n, raw, ours };
  } finally {
    await lab.close();
  }
}

await checkLabPrerequisites(PARTS.has('mdns') || PARTS.has('flood') ? ['avahi-daemon'] : []);
const mdns = [];
if (PARTS.has('mdns')) for (const n of [10, 100]) mdns.push(await mdnsScenario(n));
const srch = [];
if (PARTS.has('srch')) for (const n of [10, 100]) srch.push(await srchScenario(n));
const flood = PARTS.has('flood') ? await floodScenario(2_000) : null;

if (mdns.length) {
  console.log(`\n### mDNS-advertised devices (medians of ${REPS} alternating runs)\n`);
  console.log('Times from the moment the query leaves (ours: start → query shown apart).\n');
  console.log('| N | start → query (ours) | first device (ours) | all N (ours) | first answer (raw query) | all N (raw query) | all N: ours / raw |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of mdns) {
    const ratio = r.oursAll !== null && r.rawAll ? (r.oursAll / r.rawAll).toFixed(2) : '—';
    console.log(`| ${r.n} | ${fmt(r.startToQuery)} | ${fmt(r.oursFirst)} | ${fmt(r.oursAll)} | ${fmt(r.rawFirst)} | ${fmt(r.rawAll)} | ${ratio} |`);
  }
  for (const r of mdns) console.log(`<!-- N=${r.n} runs (all N, ms): ours ${JSON.stringify(r.oursRuns)} raw ${JSON.stringify(r.rawRuns)} -->`);
}
if (srch.length) {
  console.log(`\n### PJLink class-2 devices answering %2SRCH (medians of ${Math.min(REPS, 3)} runs)\n`);
  console.log('| N | first device (ours) | all N listed (ours) | all N named (ours, PJLink info) | first ACKN (raw) | all N ACKN (raw) | all N listed: ours / raw |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of srch) {
    const ratio = r.oursAll !== null && r.rawAll ? (r.oursAll / r.rawAll).toFixed(2) : '—';
    console.log(`| ${r.n} | ${fmt(r.oursFirst)} | ${fmt(r.oursAll)} | ${fmt(r.oursNamed)} | ${fmt(r.rawFirst)} | ${fmt(r.rawAll)} | ${ratio} |`);
  }
  for (const r of srch) console.log(`<!-- N=${r.n} runs (all N named, ms): ${JSON.stringify(r.namedRuns)} -->`);
}
if (flood) {
  const o = flood.ours;
  console.log(`\n### ${flood.n} advertised services (one Avahi, 20 hosts)\n`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| raw query: answers received / time | ${flood.raw.answers} / ${fmt(flood.raw.all as number | null)} |`);
  console.log(`| ours: services seen by mDNS | ${o.mdnsFound} |`);
  console.log(`| ours: devices kept / evicted (cap 1,000) | ${o.devices} / ${o.evicted} |`);
  console.log(`| ours: first device / ${o.devices} devices listed / all ${flood.n} services seen (after the query) | ${fmt(sinceQuery(o, 'first'))} / ${fmt(sinceQuery(o, 'all'))} / ${fmt(sinceQuery(o, 'seenAll'))} |`);
  console.log(`| heap used before → after (after GC) | ${o.heapBeforeMb} MB → ${o.heapAfterMb} MB |`);
  console.log(`| RSS before → peak → after | ${o.rssBeforeMb} MB → ${o.rssPeakMb} MB → ${o.rssAfterMb} MB |`);
}
