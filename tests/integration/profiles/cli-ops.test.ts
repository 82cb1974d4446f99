import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, keygenCommand, signCommand, validateCommand, verifyCommand } from '../../../main/services/profiles/cli-ops';
import { fr, SAMPLE_PROFILE_PATH, SAMPLE_PROFILE_TEXT, variant } from '../../unit/profiles/fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'classe-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('classe profile validate FILE [--json]', () => {
  it('exit 0 and a summary for the documented sample', async () => {
    const r = await validateCommand({ file: SAMPLE_PROFILE_PATH, lang: 'fr' });
    expect(r.exitCode).toBe(EXIT.ok);
    expect(r.text).toBe(fr(`${SAMPLE_PROFILE_PATH} : profil valide — écoles : 1, salles : 10, appareils : 19\n`));
    expect(r.json).toMatchObject({ command: 'profile.validate', ok: true, exitCode: 0, errors: [], summary: { schools: 1, rooms: 10, devices: 19 } });
  });

  it('exit 1 with every error as FILE:line:column path : message, in French and English', async () => {
    const file = write(
      'profile.json',
      variant((p) => {
        p.schools[0].rooms[2].devices[0].host = 'salle 12';
        p.features.powerOffAllowed = 'non';
      }),
    );
    const frResult = await validateCommand({ file, lang: 'fr' });
    expect(frResult.exitCode).toBe(EXIT.invalid);
    const lines = frResult.text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  `));
    expect(lines[0]).toContain(fr('schools[0].rooms[2].devices[0].host : adresse attendue, reçu « salle 12 »'));
    expect(lines[1]).toContain(fr('features.powerOffAllowed : true ou false attendu, reçu « non »'));
    expect(lines[2]).toBe(fr(`${file} : 2 erreurs`));
    const en = await validateCommand({ file, lang: 'en' });
    expect(en.text).toContain('schools[0].rooms[2].devices[0].host: address expected, got "salle 12"');
    expect(en.text).toContain(`${file}: 2 errors`);
  });

  it('--json gives stable objects with code, path, line, column and message', async () => {
    const file = write('profile.json', '{\n  "schemaVersion": 1,\n  "organisation": 3\n}\n');
    const { json } = await validateCommand({ file, lang: 'en' });
    expect(json).toEqual({
      command: 'profile.validate',
      ok: false,
      exitCode: 1,
      file,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      errors: [{ code: 'expected_object', path: ['organisation'], pathText: 'organisation', line: 3, column: 19, params: {}, received: { type: 'number', value: '3' }, message: 'object { … } expected, got 3' }],
      truncated: false,
      summary: null,
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('one error in the singular; a 10 MB file is refused cleanly', async () => {
    const one = await validateCommand({ file: write('a.json', '{"schemaVersion":1,}'), lang: 'fr' });
    expect(one.text).toContain(fr(': 1 erreur\n'));
    const big = await validateCommand({ file: write('big.json', '{"x":"' + 'y'.repeat(10 * 1024 * 1024) + '"}'), lang: 'fr' });
    expect(big.exitCode).toBe(EXIT.invalid);
    expect(big.json.errors[0]?.code).toBe('file_too_large');
  });

  it('exit 2 when the file cannot be read', async () => {
    const r = await validateCommand({ file: join(dir, 'absent.json'), lang: 'fr' });
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.json.failure).toEqual({ code: 'unreadable', reason: 'ENOENT' });
    expect(r.text).toContain('impossible de lire');
  });
});

describe('classe profile keygen | sign | verify', () => {
  it('keygen writes a private key readable by its owner only and a public key; refuses to overwrite', async () => {
    const out = join(dir, 'keys', 'mairie');
    const r = await keygenCommand({ out, lang: 'fr' });
    expect(r.exitCode).toBe(EXIT.ok);
    expect(r.json).toMatchObject({ ok: true, privateKey: `${out}.key`, publicKey: `${out}.pub.pem`, keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(statSync(`${out}.key`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${out}.key`, 'utf8')).toContain('PRIVATE KEY');
    expect(readFileSync(`${out}.pub.pem`, 'utf8')).toContain('PUBLIC KEY');
    expect(r.text).toContain(r.json.keyId as string);
    const again = await keygenCommand({ out, lang: 'en' });
    expect(again.exitCode).toBe(EXIT.usage);
    expect(again.json.failure).toEqual({ code: 'exists', file: `${out}.key` });
    expect((await keygenCommand({ out, lang: 'en', force: true })).exitCode).toBe(EXIT.ok);
  });

  it('the sample validates, signs and verifies; tampered, wrong key and missing signature give distinct codes', async () => {
    const mairie = (await keygenCommand({ out: join(dir, 'mairie'), lang: 'fr' })).json;
    const other = (await keygenCommand({ out: join(dir, 'autre'), lang: 'fr' })).json;
    const file = write('profile.json', SAMPLE_PROFILE_TEXT);
    const keysDir = join(dir, 'trusted-keys');

    const signed = await signCommand({ file, key: mairie.privateKey, lang: 'fr' });
    expect(signed.exitCode).toBe(EXIT.ok);
    expect(signed.json).toMatchObject({ ok: true, signature: `${file}.sig`, keyId: mairie.keyId });

    const good = await verifyCommand({ file, keys: [mairie.publicKey], keysDir, lang: 'fr' });
    expect(good.exitCode).toBe(EXIT.ok);
    expect(good.json).toMatchObject({ ok: true, state: 'valid', keyId: mairie.keyId, trustedKeys: [mairie.keyId] });
    expect(good.text).toContain(fr(`${file} : signature valide (clé ${mairie.keyId})`));

    const wrongKey = await verifyCommand({ file, keys: [other.publicKey], keysDir, lang: 'fr' });
    expect([wrongKey.exitCode, wrongKey.json.state]).toEqual([EXIT.wrongKey, 'wrong_key']);
    expect(wrongKey.text).toContain('qui n’est pas une clé de confiance');

    writeFileSync(file, SAMPLE_PROFILE_TEXT.replace('remplacez-moi', 'remplacez-mol'));
    const tampered = await verifyCommand({ file, keys: [mairie.publicKey], keysDir, lang: 'en' });
    expect([tampered.exitCode, tampered.json.state]).toEqual([EXIT.tampered, 'tampered']);
    expect(tampered.text).toContain('the file was changed after it was signed');

    rmSync(`${file}.sig`);
    const missing = await verifyCommand({ file, keys: [mairie.publicKey], keysDir, lang: 'en' });
    expect([missing.exitCode, missing.json.state]).toEqual([EXIT.missingSignature, 'missing']);

    writeFileSync(`${file}.sig`, 'bonjour\n');
    const malformed = await verifyCommand({ file, keys: [mairie.publicKey], keysDir, lang: 'en' });
    expect([malformed.exitCode, malformed.json.state]).toEqual([EXIT.badSignature, 'malformed']);

    await signCommand({ file, key: mairie.privateKey, lang: 'fr' });
    const noKeys = await verifyCommand({ file, keysDir, lang: 'fr' });
    expect([noKeys.exitCode, noKeys.json.state]).toEqual([EXIT.noTrustedKeys, 'no_trusted_keys']);
  });

  it('verify uses the trusted-keys folder when no --key is given', async () => {
    const keysDir = join(dir, 'trusted-keys');
    const mairie = (await keygenCommand({ out: join(keysDir, 'mairie'), lang: 'fr' })).json;
    rmSync(mairie.privateKey); // a private key never stays in trusted-keys
    const key = (await keygenCommand({ out: join(dir, 'signing'), lang: 'fr' })).json;
    writeFileSync(join(keysDir, 'signing.pem'), readFileSync(key.publicKey));
    const file = write('profile.json', SAMPLE_PROFILE_TEXT);
    await signCommand({ file, key: key.privateKey, lang: 'fr' });
    const r = await verifyCommand({ file, keysDir, lang: 'fr' });
    expect(r.exitCode).toBe(EXIT.ok);
    expect(r.json.trustedKeys.sort()).toEqual([mairie.keyId, key.keyId].sort());
  });

  it('sign refuses an invalid profile (exit 1, no .sig) and a key that is not an Ed25519 private key (exit 2)', async () => {
    const key = (await keygenCommand({ out: join(dir, 'k'), lang: 'fr' })).json;
    const file = write('profile.json', variant((p) => (p.schemaVersion = 3)));
    const r = await signCommand({ file, key: key.privateKey, lang: 'fr' });
    expect(r.exitCode).toBe(EXIT.invalid);
    expect(r.json.failure?.code).toBe('invalid_profile');
    expect(r.json.errors[0]?.code).toBe('unsupported_schema_version');
    expect(r.text).toContain('n’est pas signé');
    expect(() => statSync(`${file}.sig`)).toThrow();
    const bad = await signCommand({ file: write('ok.json', SAMPLE_PROFILE_TEXT), key: key.publicKey, lang: 'en' });
    expect(bad.exitCode).toBe(EXIT.usage);
    expect(bad.json.failure?.code).toBe('bad_private_key');
  });

  it('verify refuses a --key that is not a public key (exit 2)', async () => {
    const file = write('profile.json', SAMPLE_PROFILE_TEXT);
    const notKey = write('x.pem', 'hello');
    const r = await verifyCommand({ file, keys: [notKey], keysDir: dir, lang: 'fr' });
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.json.failure).toEqual({ code: 'bad_public_key', file: notKey });
  });
});
