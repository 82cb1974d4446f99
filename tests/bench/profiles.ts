/**
 * Profile timings (plain script, no assertion): npx tsx tests/bench/profiles.ts
 * Goals: validating a real profile stays well under 50 ms; refusing a 10 MB or deeply nested file is
 * immediate; a managed-file change is applied within the debounce delay (300 ms) plus a few ms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../main/services/core/logger';
import { resolveManagedLocation } from '../../main/services/profiles/managed-paths';
import { ProfileService } from '../../main/services/profiles/profile-service';
import { validateProfile } from '../../main/services/profiles/validate';
import { SAMPLE_PROFILE_TEXT, sample } from '../unit/profiles/fixtures';

function time(label: string, runs: number, fn: () => void): void {
  for (let i = 0; i < Math.min(runs, 20); i++) fn(); // warm-up (JIT)
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  console.log(`${label.padEnd(58)} ${((performance.now() - start) / runs).toFixed(2)} ms`);
}

const big = sample();
big.schools = Array.from({ length: 20 }, (_, s) => ({
  id: `ecole-${s}`,
  name: `École ${s}`,
  rooms: Array.from({ length: 15 }, (_, r) => ({
    id: `e${s}-salle-${r}`,
    name: `Salle ${r}`,
    devices: Array.from({ length: 3 }, (_, d) => ({ id: `e${s}-s${r}-d${d}`, name: `Appareil ${d}`, kind: 'projector', host: `10.${s}.${r}.${d + 10}`, pjlinkPassword: 'secret' })),
  })),
}));
big.placement = { subnets: [] };
big.settings = {};
const bigText = JSON.stringify(big, null, 2);
const broken = bigText.replace(/"10\.(\d+)\.1\.10"/g, '"salle $1"');

time(`sample (${SAMPLE_PROFILE_TEXT.length} bytes, 19 devices)`, 200, () => validateProfile(SAMPLE_PROFILE_TEXT));
time(`20 schools, 300 rooms, 900 devices (${(bigText.length / 1024).toFixed(0)} KB)`, 20, () => validateProfile(bigText));
time('same with 20 errors (positions + messages)', 20, () => validateProfile(broken));
const tenMb = Buffer.alloc(10 * 1024 * 1024, 0x20);
time('10 MB file refused', 20, () => validateProfile(tenMb));
const deep = '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
time('100 000 nested brackets refused', 20, () => validateProfile(deep));

const dir = mkdtempSync(join(tmpdir(), 'classe-bench-'));
const location = resolveManagedLocation({ platform: 'linux', env: {}, profileOption: join(dir, 'profile.json') });
writeFileSync(location.profile, SAMPLE_PROFILE_TEXT);
const service = new ProfileService({ location, userDataDir: join(dir, 'user'), settings: { setPolicy: () => {} }, logger: silentLogger, networkInterfaces: () => ({}), pollIntervalMs: 0 });
await service.start();
// The service's watchers and timers do not keep a process alive (the app or the CLI does): this script must.
const keepAlive = setInterval(() => {}, 1000);
const latencies: number[] = [];
for (let i = 0; i < 5; i++) {
  const applied = new Promise<void>((resolve) => {
    const off = service.on('status', () => {
      off();
      resolve();
    });
  });
  const start = performance.now();
  writeFileSync(location.profile, SAMPLE_PROFILE_TEXT.replace('Ville de Pézenas', `Ville de Pézenas ${i}`));
  await applied;
  latencies.push(performance.now() - start);
}
console.log(`${'hot reload via fs.watch (debounce 300 ms), median of 5'.padEnd(58)} ${latencies.sort((a, b) => a - b)[2]?.toFixed(0)} ms`);
service.dispose();
clearInterval(keepAlive);
rmSync(dir, { recursive: true, force: true });
