import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileSecretStore } from '../../../main/services/secrets/file-secret-store';

/** Electron's safeStorage, faked: "encrypts" by reversing and tagging, with a settable backend. */
const fake = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: vi.fn(() => fake.available),
  encryptString: vi.fn((text: string) => Buffer.from(`enc:${[...text].reverse().join('')}`)),
  decryptString: vi.fn((data: Buffer) => {
    const s = data.toString();
    if (!s.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...s.slice(4)].reverse().join('');
  }),
  getSelectedStorageBackend: vi.fn(() => fake.backend),
};
vi.mock('electron', () => ({ safeStorage: fake }));

const { createSafeStorageCipher } = await import('../../../main/app/secret-cipher');

let dir: string;
beforeEach(() => {
  fake.available = true;
  fake.backend = 'gnome_libsecret';
  vi.clearAllMocks();
  dir = mkdtempSync(join(tmpdir(), 'classe-cipher-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safeStorage cipher (electron mocked)', () => {
  it('uses Electron safeStorage by default and round-trips through it', () => {
    const cipher = createSafeStorageCipher({ platform: 'linux' });
    expect(cipher.available()).toBe(true);
    const data = cipher.encrypt('motdepasse');
    expect(fake.encryptString).toHaveBeenCalledWith('motdepasse');
    expect(data.toString()).not.toContain('motdepasse');
    expect(cipher.decrypt(data)).toBe('motdepasse');
    expect(cipher.protection()).toEqual({ kind: 'os-encryption', plainTextFallback: false, backend: 'gnome_libsecret' });
  });

  it('names the OS backend on Windows and macOS (no Linux-only call)', () => {
    expect(createSafeStorageCipher({ platform: 'win32' }).protection()).toEqual({ kind: 'os-encryption', plainTextFallback: false, backend: 'dpapi' });
    expect(createSafeStorageCipher({ platform: 'darwin' }).protection()).toEqual({ kind: 'os-encryption', plainTextFallback: false, backend: 'keychain' });
    expect(fake.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('treats Linux "basic_text" (a hard-coded key) as no encryption and flags the plain-text fallback', () => {
    fake.backend = 'basic_text';
    const cipher = createSafeStorageCipher({ platform: 'linux' });
    expect(cipher.available()).toBe(false);
    expect(cipher.protection()).toEqual({ kind: 'os-encryption', plainTextFallback: true, backend: 'basic_text' });
  });

  it('flags the fallback when safeStorage has no encryption at all, or throws', () => {
    fake.available = false;
    expect(createSafeStorageCipher({ platform: 'win32' }).protection().plainTextFallback).toBe(true);
    fake.isEncryptionAvailable.mockImplementationOnce(() => {
      throw new Error('not ready');
    });
    expect(createSafeStorageCipher({ platform: 'win32' }).available()).toBe(false);
  });

  it('gives FileSecretStore real encryption with a keyring, and plain text + the warning without one', async () => {
    const file = join(dir, 'secrets.json');
    const store = new FileSecretStore(file, { cipher: createSafeStorageCipher({ platform: 'linux' }) });
    await store.set('pjlink:vp-1', 'secret-1');
    expect(readFileSync(file, 'utf8')).not.toContain('secret-1');
    expect(await store.get('pjlink:vp-1')).toBe('secret-1');
    expect(store.protection()).toMatchObject({ kind: 'os-encryption', plainTextFallback: false });

    fake.backend = 'basic_text';
    const plain = new FileSecretStore(join(dir, 'plain.json'), { cipher: createSafeStorageCipher({ platform: 'linux' }) });
    await plain.set('pjlink:vp-2', 'secret-2');
    expect(fake.encryptString).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8')).secrets['pjlink:vp-2']).toEqual({ enc: 'plain', v: 'secret-2' });
    expect(plain.protection()).toEqual({ kind: 'file-permissions', plainTextFallback: true, backend: 'basic_text' });
  });
});
