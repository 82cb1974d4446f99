#!/usr/bin/env node
/**
 * `npm test`: lint, typecheck, catalog typography, generated files up to date (preload/contract/names.ts, docs/profile.schema.json), build, then every
 * test project (unit, renderer, integration, lab, e2e).
 * Every step runs even if an earlier one failed, so one CI run shows everything; the exit code is
 * non-zero if any step failed. `npm test -- --only unit,renderer` runs a subset (developers).
 */
import { spawnSync } from 'node:child_process';

const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? (process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;

const env = { ...process.env, CLASSE_SKIP_BUILD: '1', CLASSE_E2E_SKIP_BUILD: '1' };
const steps = [
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.node.json']],
  ['typecheck-web', 'npx', ['tsc', '-p', 'tsconfig.web.json']],
  ['typecheck-e2e', 'npx', ['tsc', '-p', 'tsconfig.e2e.json']],
  ['typography', 'node', ['scripts/typography.mjs']],
  ['contract-names', 'npx', ['tsx', 'scripts/gen-contract-names.ts', '--check']],
  ['profile-schema', 'npx', ['tsx', 'scripts/gen-profile-schema.ts', '--check']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['unit', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'renderer']],
  ['integration', 'npx', ['vitest', 'run', '--project', 'integration']],
  ['lab', 'npx', ['vitest', 'run', '--project', 'lab']],
  ['e2e', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

const results = [];
for (const [name, cmd, args] of steps) {
  if (only && !only.has(name) && !(name === 'build' && [...only].some((o) => ['integration', 'e2e', 'lab'].includes(o)))) continue;
  process.stdout.write(`\n━━ ${name}: ${cmd} ${args.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: r.status === 0, seconds });
  if (name === 'build' && r.status !== 0) break; // nothing after can run without the bundles
}

process.stdout.write('\n━━ summary\n');
for (const r of results) process.stdout.write(`${r.ok ? '✔' : '✘'} ${r.name.padEnd(14)} ${r.seconds} s\n`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
