import { describe, expect, it } from 'vitest';
import { classe } from '../../support/cli';
import { version } from '../../../package.json';

describe('classe (command line skeleton)', () => {
  it('prints its version', async () => {
    const r = await classe(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints help in French by default (LANG=fr_FR) and in English with --lang en or LANG=en', async () => {
    const fr = await classe(['--help']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Utilisation\u202f:');
    expect(fr.stdout).toContain('--json');
    const en = await classe(['--help', '--lang', 'en']);
    expect(en.stdout).toContain('Usage:');
    const enEnv = await classe(['--help'], { LANG: 'en_GB.UTF-8' });
    expect(enEnv.stdout).toContain('display help');
  });

  it('exits with 2 and a translated message on an unknown command', async () => {
    const r = await classe(['projecteur-inconnu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('commande inconnue');
    const j = await classe(['--json', 'projecteur-inconnu']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, error: { code: 'cli.unknownCommand' } });
  });

  it('exits with 2 on an unknown option', async () => {
    const r = await classe(['info', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option inconnue');
  });

  it('gives stable JSON for `info --json`', async () => {
    const r = await classe(['info', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, info: { name: 'Classe numérique', version, runtime: 'cli' }, health: { ok: true } });
    expect(r.stderr).toBe('');
  });

  it('prints a human line for `info`', async () => {
    const r = await classe(['info']);
    expect(r.stdout).toMatch(/^Classe numérique .* — état\u202f: tout va bien\n$/);
  });
});
