/**
 * The build produces the three bundles, the preload is ONE self-contained CommonJS file whose only
 * require is 'electron' (a sandboxed preload cannot load anything else), and the plain-Node entries
 * (CLI, web preview) never pull in Electron.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'out');

beforeAll(() => {
  if (process.env.CLASSE_SKIP_BUILD !== '1') execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

/** Static imports and requires of an ESM/CJS file. */
function specifiers(code: string): string[] {
  const found = new Set<string>();
  for (const re of [/\bimport\s+(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g, /\brequire\(\s*["']([^"']+)["']\s*\)/g, /\bexport\s+[^'"]*?\sfrom\s+["']([^"']+)["']/g]) {
    for (const m of code.matchAll(re)) found.add(m[1]!);
  }
  return [...found];
}

/** Every bare module a bundle entry reaches through its own relative chunks. */
function reachableBareModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else bare.add(spec);
    }
  };
  visit(entry);
  return bare;
}

describe('npm run build', () => {
  it('produces out/main, out/preload/index.cjs and out/renderer', () => {
    for (const f of ['main/index.js', 'main/cli.js', 'main/web.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(OUT, f)), f).toBe(true);
    }
  });

  it('bundles the preload as one CommonJS file whose only require is electron', () => {
    const code = readFileSync(join(OUT, 'preload', 'index.cjs'), 'utf8');
    expect(code.startsWith('"use strict";')).toBe(true);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\(/);
    expect(specifiers(code)).toEqual(['electron']);
  });

  it('keeps zod out of the preload and the renderer (main validates; they only need the names)', () => {
    // zod's error class name survives minification as a string literal.
    expect(readFileSync(join(OUT, 'preload', 'index.cjs'), 'utf8')).not.toContain('ZodError');
    const assets = join(OUT, 'renderer', 'assets');
    for (const f of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
      expect(readFileSync(join(assets, f), 'utf8'), f).not.toContain('ZodError');
    }
  });

  it('keeps Electron out of the CLI and the web preview bundles', () => {
    for (const entry of ['cli.js', 'web.js']) {
      const modules = reachableBareModules(join(OUT, 'main', entry));
      expect([...modules].filter((m) => m === 'electron' || m.startsWith('electron-store')), entry).toEqual([]);
    }
    expect(reachableBareModules(join(OUT, 'main', 'index.js')).has('electron')).toBe(true);
  });

  it('puts the CSP in the built page and loads no inline script', () => {
    const html = readFileSync(join(OUT, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('runs the built `classe` command', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'classe.mjs'), '--version'], { encoding: 'utf8' });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs `classe profile validate` and `classe --profile … report --json` from the built command, with their exit codes', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'classe-bin-'));
    const env = { ...process.env, LANG: 'fr_FR.UTF-8', CLASSE_USER_DATA: join(scratch, 'user-data'), CLASSE_PROFILE: join(scratch, 'none', 'profile.json') };
    const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'classe.mjs'), ...args], { encoding: 'utf8', env });
    try {
      const sample = join(ROOT, 'docs', 'it', 'sample-profile.json');
      const valid = run(['profile', 'validate', sample]);
      expect(valid.status, valid.stderr).toBe(0);
      expect(valid.stdout).toContain('salles\u202f: 10, appareils\u202f: 19');
      writeFileSync(join(scratch, 'bad.json'), '{ "schemaVersion": 1, "organisation": 3 }');
      const invalid = run(['profile', 'validate', join(scratch, 'bad.json'), '--json']);
      expect(invalid.status).toBe(1);
      expect(JSON.parse(invalid.stdout)).toMatchObject({ ok: false, errors: [{ code: 'expected_object', pathText: 'organisation' }] });
      const report = run(['--profile', sample, 'report', '--json']);
      expect(report.status, report.stderr).toBe(0);
      expect(JSON.parse(report.stdout)).toMatchObject({ app: { runtime: 'cli' }, profile: { state: 'ok', organisation: 'Ville de Pézenas — écoles publiques' } });
      expect(report.stdout).not.toContain('remplacez-moi');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
