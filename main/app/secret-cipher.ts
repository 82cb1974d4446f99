/**
 * The SecretCipher of the app: Electron safeStorage (DPAPI on Windows, the Keychain on macOS, the
 * Secret Service / KWallet on Linux), used by FileSecretStore to encrypt typed PJLink passwords.
 *
 * On Linux without a keyring, safeStorage picks the "basic_text" backend: it still "encrypts", with a
 * key hard-coded in Chromium, which protects nothing. We treat that as unavailable, so the store keeps
 * the value as plain text in its user-only file and says so (protection().plainTextFallback, shown as
 * the secrets.plaintext_fallback notice). It also keeps the value readable once a keyring appears; the
 * next write then encrypts it for real.
 *
 * Create it after app 'ready': safeStorage answers nothing useful before.
 */
import { safeStorage } from 'electron';
import type { SecretCipher, SecretProtection } from '../services/secrets/secret-store';

/** The part of Electron's safeStorage this adapter uses (getSelectedStorageBackend exists on Linux only). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?: () => string;
}

const OS_BACKEND: Partial<Record<NodeJS.Platform, string>> = { win32: 'dpapi', darwin: 'keychain' };

export function createSafeStorageCipher(options: { storage?: SafeStorageLike; platform?: NodeJS.Platform } = {}): SecretCipher {
  const storage = options.storage ?? safeStorage;
  const platform = options.platform ?? process.platform;

  const backend = (): string | null => {
    if (platform !== 'linux') return OS_BACKEND[platform] ?? platform;
    try {
      // "unknown" until isEncryptionAvailable() has been called once.
      storage.isEncryptionAvailable();
      return storage.getSelectedStorageBackend?.() ?? null;
    } catch {
      return null;
    }
  };
  const plainTextOnly = (): boolean => platform === 'linux' && backend() === 'basic_text';

  return {
    available() {
      try {
        return storage.isEncryptionAvailable() && !plainTextOnly();
      } catch {
        return false;
      }
    },
    encrypt(plainText) {
      return storage.encryptString(plainText);
    },
    decrypt(cipherText) {
      return storage.decryptString(cipherText);
    },
    protection(): SecretProtection {
      let available = false;
      try {
        available = storage.isEncryptionAvailable();
      } catch {
        available = false;
      }
      const name = backend();
      return { kind: 'os-encryption', plainTextFallback: !available || plainTextOnly(), backend: name };
    },
  };
}
