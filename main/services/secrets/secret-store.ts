/**
 * Passwords typed in the app (a PJLink password entered by IT on site) are kept by a SecretStore.
 * They never cross the contract and are never logged. Implementations:
 *  - FileSecretStore with a SecretCipher: the app passes an Electron safeStorage cipher (written in
 *    main/app, see SecretCipher below); the CLI and tests use no cipher: the file is then readable by
 *    the OS user only (mode 0600 in a 0700 folder);
 *  - MemorySecretStore for tests.
 */
import { ServiceError } from '../core/errors';

export interface SecretProtection {
  /** "os-encryption": encrypted by the OS keychain (safeStorage); "file-permissions": plain text, user-only file; "memory": not persisted. */
  kind: 'os-encryption' | 'file-permissions' | 'memory';
  /**
   * True when the OS offered no real encryption and secrets are stored as plain text although an
   * encrypting store was wanted (Electron on Linux without a keyring: safeStorage's "basic_text"
   * backend). The app shows the secrets.plaintext_fallback notice.
   */
  plainTextFallback: boolean;
  /** For the report/IT: e.g. "gnome_libsecret", "basic_text", "dpapi", "keychain". Never a secret. */
  backend: string | null;
}

export interface SecretStore {
  get(key: string): Promise<string | null>;
  /** Throws ServiceError("secrets.invalid_key") for a malformed key, "secrets.write_failed" when it cannot be saved. */
  set(key: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
  /** The keys (never the values), e.g. for "forget every password" or an export. */
  keys(): Promise<string[]>;
  protection(): SecretProtection;
}

/**
 * What the Electron safeStorage adapter (main/app) must implement. Suggested implementation:
 *   available():    safeStorage.isEncryptionAvailable()
 *   encrypt(text):  safeStorage.encryptString(text)
 *   decrypt(data):  safeStorage.decryptString(data)
 *   protection():   { kind: 'os-encryption',
 *                     backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform name,
 *                     plainTextFallback: process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text' }
 * Call it only after app 'ready' (safeStorage needs it). On Linux with "basic_text", Electron still
 * "encrypts" with a hard-coded key: treat it as plain text and show the notice.
 */
export interface SecretCipher {
  available(): boolean;
  encrypt(plainText: string): Buffer;
  decrypt(cipherText: Buffer): string;
  protection(): SecretProtection;
}

/** "<namespace>:<id>", e.g. "pjlink:vp-salle-3". */
const KEY = /^[a-z][a-z0-9-]{0,31}:[A-Za-z0-9._:@-]{1,200}$/;
export const MAX_SECRET_LENGTH = 1024;

export function assertSecretKey(key: string): void {
  if (!KEY.test(key)) throw new ServiceError('secrets.invalid_key', { detail: `key ${JSON.stringify(key.slice(0, 60))}` });
}

export function assertSecretValue(value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SECRET_LENGTH) {
    throw new ServiceError('secrets.write_failed', { detail: `value must be 1..${MAX_SECRET_LENGTH} characters` });
  }
}

export const pjlinkSecretKey = (deviceId: string): string => `pjlink:${deviceId}`;
export const pjlinkHostSecretKey = (host: string): string => `pjlink-host:${host.trim().toLowerCase().replace(/\.$/, '')}`;

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    assertSecretKey(key);
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    assertSecretValue(value);
    this.values.set(key, value);
  }
  async delete(key: string): Promise<boolean> {
    assertSecretKey(key);
    return this.values.delete(key);
  }
  async keys(): Promise<string[]> {
    return [...this.values.keys()].sort();
  }
  protection(): SecretProtection {
    return { kind: 'memory', plainTextFallback: false, backend: null };
  }
}
