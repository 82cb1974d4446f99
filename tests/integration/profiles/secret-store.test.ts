import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../main/services/secrets/file-secret-store';
import { pjlinkSecretKey, type SecretCipher } from '../../../main/services/secrets/secret-store';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'classe-secrets-'));
  file = join(dir, 'user', 'secrets.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A reversible stand-in for safeStorage (XOR is not encryption: it only shows the value is transformed). */
function fakeCipher(available = true, backend = 'gnome_libsecret'): SecretCipher {
  const x = (b: Buffer) => Buffer.from(b.map((c) => c ^ 0x5a));
  return {
    available: () => available,
    encrypt: (t) => x(Buffer.from(t, 'utf8')),
    decrypt: (b) => x(b).toString('utf8'),
    protection: () => ({ kind: 'os-encryption', plainTextFallback: backend === 'basic_text', backend }),
  };
}

describe('file secret store', () => {
  it('stores, reads, lists and deletes; the file is 0600 in a 0700 folder', async () => {
    const store = new FileSecretStore(file);
    await store.set(pjlinkSecretKey('vp-salle-1'), 'JBMIAProjectorLink');
    await store.set('pjlink-host:10.0.0.21', 'autre');
    expect(await store.get('pjlink:vp-salle-1')).toBe('JBMIAProjectorLink');
    expect(await store.keys()).toEqual(['pjlink-host:10.0.0.21', 'pjlink:vp-salle-1']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'user')).mode & 0o777).toBe(0o700);
    // A new instance reads what the first wrote.
    expect(await new FileSecretStore(file).get('pjlink:vp-salle-1')).toBe('JBMIAProjectorLink');
    expect(await store.delete('pjlink:vp-salle-1')).toBe(true);
    expect(await store.delete('pjlink:vp-salle-1')).toBe(false);
    expect(await new FileSecretStore(file).get('pjlink:vp-salle-1')).toBeNull();
    expect(store.protection()).toEqual({ kind: 'file-permissions', plainTextFallback: false, backend: null });
    expect(readdirSync(join(dir, 'user'))).toEqual(['secrets.json']);
  });

  it('refuses malformed keys and empty or huge values', async () => {
    const store = new FileSecretStore(file);
    await expect(store.set('no namespace', 'x')).rejects.toMatchObject({ code: 'secrets.invalid_key' });
    await expect(store.get('../etc/passwd')).rejects.toMatchObject({ code: 'secrets.invalid_key' });
    await expect(store.set('pjlink:a', '')).rejects.toMatchObject({ code: 'secrets.write_failed' });
    await expect(store.set('pjlink:a', 'x'.repeat(2000))).rejects.toMatchObject({ code: 'secrets.write_failed' });
  });

  it('tightens a file that was made readable by others', async () => {
    const store = new FileSecretStore(file);
    await store.set('pjlink:a', 'value');
    chmodSync(file, 0o644);
    expect(await new FileSecretStore(file).get('pjlink:a')).toBe('value');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('moves a damaged file aside instead of overwriting it', async () => {
    await new FileSecretStore(file).set('pjlink:a', 'value');
    writeFileSync(file, '{ broken');
    const store = new FileSecretStore(file);
    expect(await store.get('pjlink:a')).toBeNull();
    await store.set('pjlink:b', 'new');
    const names = readdirSync(join(dir, 'user'));
    expect(names.some((n) => /^secrets\.json\.corrupted-\d+$/.test(n))).toBe(true);
    expect(await new FileSecretStore(file).get('pjlink:b')).toBe('new');
  });

  it('with a cipher: values are stored transformed, and read back', async () => {
    const store = new FileSecretStore(file, { cipher: fakeCipher() });
    await store.set('pjlink:a', 'JBMIAProjectorLink');
    expect(readFileSync(file, 'utf8')).not.toContain('JBMIAProjectorLink');
    expect(await new FileSecretStore(file, { cipher: fakeCipher() }).get('pjlink:a')).toBe('JBMIAProjectorLink');
    expect(store.protection()).toEqual({ kind: 'os-encryption', plainTextFallback: false, backend: 'gnome_libsecret' });
  });

  it('reports the Linux plain-text fallback, and when the OS encryption is unavailable', async () => {
    expect(new FileSecretStore(file, { cipher: fakeCipher(true, 'basic_text') }).protection().plainTextFallback).toBe(true);
    const unavailable = new FileSecretStore(file, { cipher: fakeCipher(false, 'unknown') });
    expect(unavailable.protection()).toEqual({ kind: 'file-permissions', plainTextFallback: true, backend: 'unknown' });
    // Still works (user-only file), and an encrypted entry it cannot read is "no secret", not a crash.
    await unavailable.set('pjlink:plain', 'v1');
    await new FileSecretStore(file, { cipher: fakeCipher() }).set('pjlink:enc', 'v2');
    const again = new FileSecretStore(file, { cipher: fakeCipher(false) });
    expect(await again.get('pjlink:plain')).toBe('v1');
    expect(await again.get('pjlink:enc')).toBeNull();
  });
});
