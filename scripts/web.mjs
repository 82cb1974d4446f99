#!/usr/bin/env node
/**
 * `npm run web [-- --port 8080 --profile FILE]`: builds the app, then starts the web preview
 * (out/main/web.js) with the given options. It prints the URL to open (with its per-run token).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  process.stderr.write('The build failed: see above.\n');
  process.exit(build.status ?? 1);
}
const child = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
