#!/usr/bin/env node
/**
 * `npm run bench`: builds, then runs every benchmark in tests/bench/*.ts (plain scripts, `node --import
 * tsx`), one after the other, and prints their Markdown tables. `npm run bench -- discovery` runs those
 * whose file name contains "discovery". Lab benchmarks need root (network namespaces). Figures go to
 * docs/benchmarks.md by hand, with the date and the machine.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const filter = process.argv[2];
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const files = readdirSync(join(root, 'tests', 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .filter((f) => !filter || f.includes(filter))
  .sort();
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n## ${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join('tests', 'bench', f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
