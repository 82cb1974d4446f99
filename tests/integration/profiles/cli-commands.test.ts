/**
 * `classe profile …` and `classe report` as IT scripts call them (in-process, tests/support/cli.ts):
 * argument parsing, which stream gets what, --json, the exit codes of the README, --profile and
 * CLASSE_PROFILE. The logic behind each command is tested in cli-ops.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classe } from '../../support/cli';
import { SAMPLE_PROFILE_PATH, SAMPLE_PROFILE_TEXT, variant } from '../../unit/profiles/fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'classe-cli-profile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const path = (name: string) => join(dir, name);
const write = (name: string, text: string) => {
  writeFileSync(path(name), text);
  return path(name);
};

describe('classe profile validate FILE [--json]', () => {
  it('exit 0 with a summary line for the sample; exit 1 with every error on stdout', async () => {
    const ok = await classe(['profile', 'validate', SAMPLE_PROFILE_PATH]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('profil valide');
    const bad = write('profile.json', variant((p) => (p.schools[0].rooms[2].devices[0].host = 'salle 12')));
    const r = await classe(['profile', 'validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/profile\.json:\d+:\d+ {2}schools\[0\]\.rooms\[2\]\.devices\[0\]\.host\u202f: adresse attendue, reçu «\u202fsalle 12\u202f»/);
    expect(r.stderr).toBe('');
    const en = await classe(['profile', 'validate', bad, '--lang', 'en']);
    expect(en.stdout).toContain('address expected, got "salle 12"');
  });

  it('--json (before or after the command) prints one stable object; exit 2 on a missing file, message on stderr', async () => {
    const r = await classe(['--json', 'profile', 'validate', SAMPLE_PROFILE_PATH]);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'profile.validate', ok: true, exitCode: 0, summary: { schools: 1, rooms: 10, devices: 19 } });
    const after = await classe(['profile', 'validate', path('absent.json'), '--json']);
    expect(after.code).toBe(2);
    expect(JSON.parse(after.stdout)).toMatchObject({ ok: false, exitCode: 2, failure: { code: 'unreadable', reason: 'ENOENT' } });
    const human = await classe(['profile', 'validate', path('absent.json')]);
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toContain('impossible de lire');
  });

  it('exit 2 when FILE is missing from the command line', async () => {
    const r = await classe(['profile', 'validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('argument manquant');
  });
});

describe('classe profile keygen / sign / verify', () => {
  it('creates a key pair, signs, verifies with --key and with the trusted keys next to --profile', async () => {
    const prefix = path('keys/mairie');
    const keygen = await classe(['profile', 'keygen', '--out', prefix]);
    expect(keygen.code).toBe(0);
    if (process.platform !== 'win32') expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
    expect((await classe(['profile', 'keygen', '--out', prefix])).code).toBe(2);
    expect((await classe(['profile', 'keygen', '--out', prefix, '--force'])).code).toBe(0);

    const file = write('profile.json', SAMPLE_PROFILE_TEXT);
    const sign = await classe(['profile', 'sign', file, '--key', `${prefix}.key`]);
    expect(sign.code).toBe(0);
    expect(readFileSync(`${file}.sig`, 'utf8')).toMatch(/^[A-Za-z0-9+/]{86}==\n/);
    const other = await classe(['profile', 'sign', file, '--key', `${prefix}.key`, '--out', path('other.sig')]);
    expect(other.code).toBe(0);

    const verified = await classe(['profile', 'verify', file, '--key', `${prefix}.pub.pem`, '--json']);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, state: 'valid', exitCode: 0 });
    expect((await classe(['profile', 'verify', file, '--key', `${prefix}.pub.pem`, '--sig', path('other.sig')])).code).toBe(0);

    // Without --key: the trusted-keys folder of the managed location (--profile, else CLASSE_PROFILE).
    const managed = path('etc/profile.json');
    expect((await classe(['--profile', managed, 'profile', 'verify', file])).code).toBe(7);
    mkdirSync(path('etc/trusted-keys'), { recursive: true });
    writeFileSync(path('etc/trusted-keys/mairie.pem'), readFileSync(`${prefix}.pub.pem`));
    expect((await classe(['--profile', managed, 'profile', 'verify', file])).code).toBe(0);
    expect((await classe(['profile', 'verify', file], { CLASSE_PROFILE: managed })).code).toBe(0);
  });

  it('exit codes 1 (invalid, not signed), 3 (tampered), 4 (untrusted key), 5 (no .sig)', async () => {
    const prefix = path('k');
    await classe(['profile', 'keygen', '--out', prefix]);
    await classe(['profile', 'keygen', '--out', path('other')]);
    const invalid = write('invalid.json', '{ "schemaVersion": 2 }');
    expect((await classe(['profile', 'sign', invalid, '--key', `${prefix}.key`])).code).toBe(1);
    const file = write('profile.json', SAMPLE_PROFILE_TEXT);
    expect((await classe(['profile', 'verify', file, '--key', `${prefix}.pub.pem`])).code).toBe(5);
    await classe(['profile', 'sign', file, '--key', `${prefix}.key`]);
    expect((await classe(['profile', 'verify', file, '--key', `${path('other')}.pub.pem`])).code).toBe(4);
    writeFileSync(file, SAMPLE_PROFILE_TEXT + ' ');
    const tampered = await classe(['profile', 'verify', file, '--key', `${prefix}.pub.pem`]);
    expect(tampered.code).toBe(3);
    expect(tampered.stdout).toContain('modifié après avoir été signé');
  });

  it('exit 2 without the required --key or --out', async () => {
    expect((await classe(['profile', 'sign', SAMPLE_PROFILE_PATH])).code).toBe(2);
    expect((await classe(['profile', 'keygen'])).code).toBe(2);
  });
});

describe('classe profile export [--include-passwords] [--out FILE]', () => {
  it('prints a valid draft without passwords on stdout, the summary on stderr', async () => {
    const r = await classe(['--profile', SAMPLE_PROFILE_PATH, 'profile', 'export']);
    expect(r.code).toBe(0);
    const draft = JSON.parse(r.stdout);
    expect(draft.schemaVersion).toBe(1);
    expect(draft.schools[0].rooms).toHaveLength(10);
    expect(r.stdout).not.toContain('remplacez-moi');
    expect(r.stderr).toContain('10 salles, 19 appareils');
    expect(r.stderr).toContain('10 mots de passe PJLink connus ne sont pas dans le brouillon');
    // The draft validates with the same command.
    const file = write('draft.json', r.stdout);
    expect((await classe(['profile', 'validate', file])).code).toBe(0);
  });

  it('--include-passwords only into a file readable by the user only', async () => {
    const refused = await classe(['--profile', SAMPLE_PROFILE_PATH, 'profile', 'export', '--include-passwords']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--out FICHIER');
    const out = path('with-passwords.json');
    const r = await classe(['--profile', SAMPLE_PROFILE_PATH, 'profile', 'export', '--include-passwords', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'profile.export', ok: true, file: out, rooms: 10, devices: 19, passwordsIncluded: 10, passwordsLeftOut: 0 });
    expect(r.stdout).not.toContain('remplacez-moi');
    expect(readFileSync(out, 'utf8')).toContain('"pjlinkPassword": "remplacez-moi"');
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe('classe report [--json]', () => {
  it('reports the profile of --profile in French text, and as the stable JSON object, without passwords', async () => {
    const text = await classe(['--profile', SAMPLE_PROFILE_PATH, 'report']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Rapport pour le service informatique');
    expect(text.stdout).toContain('Ville de Pézenas');
    expect(text.stdout).not.toContain('remplacez-moi');
    const json = await classe(['--profile', SAMPLE_PROFILE_PATH, 'report', '--json']);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ reportVersion: 1, app: { runtime: 'cli' }, profile: { state: 'ok', source: 'managed', location: SAMPLE_PROFILE_PATH } });
    expect(json.stdout).not.toContain('remplacez-moi');
  });

  it('still exits 0 and says what is wrong when the profile is invalid', async () => {
    const bad = write('profile.json', '{ "schemaVersion": 1, ');
    const r = await classe(['--profile', bad, 'report', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).profile).toMatchObject({ state: 'invalid', problem: { code: 'profiles.invalid' } });
  });
});
