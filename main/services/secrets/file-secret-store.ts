/**
 * Secrets in one JSON file in the user data folder. Without a cipher (CLI, tests, web preview) the
 * values are plain text and the file is the protection: mode 0600 in a 0700 folder, i.e. readable by
 * the OS user only (on Windows the user profile's ACLs play that role). With a cipher (the app's
 * safeStorage adapter) each value is encrypted by the OS.
 *
 * Each entry records how it was stored, so a value written as plain text (keyring unavailable that day)
 * is still readable later, and re-encrypted on the next write.
 */
import { chmod, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ServiceError } from '../core/errors';
import type { Logger } from '../core/logger';
import { readFileCapped, writeFileAtomic } from '../profiles/files';
import { assertSecretKey, assertSecretValue, type SecretCipher, type SecretProtection, type SecretStore } from './secret-store';

interface Entry {
  /** "plain": the value as is; "os": base64 of the cipher's output. */
  enc: 'plain' | 'os';
  v: string;
}

interface FileShape {
  version: 1;
  secrets: Record<string, Entry>;
}

const MAX_FILE = 1024 * 1024;

export interface FileSecretStoreOptions {
  cipher?: SecretCipher | null;
  logger?: Logger;
}

export class FileSecretStore implements SecretStore {
  private cache: Record<string, Entry> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly options: FileSecretStoreOptions = {},
  ) {}

  protection(): SecretProtection {
    const cipher = this.options.cipher;
    if (cipher && cipher.available()) return cipher.protection();
    // Wanted encryption but the OS has none: say so (the app shows a notice).
    if (cipher) return { kind: 'file-permissions', plainTextFallback: true, backend: cipher.protection().backend };
    return { kind: 'file-permissions', plainTextFallback: false, backend: null };
  }

  async get(key: string): Promise<string | null> {
    assertSecretKey(key);
    const entries = await this.load();
    const entry = entries[key];
    if (!entry) return null;
    if (entry.enc === 'plain') return entry.v;
    const cipher = this.options.cipher;
    if (!cipher || !cipher.available()) {
      this.options.logger?.warn(`secret ${key} is encrypted but the OS encryption is unavailable`);
      return null;
    }
    try {
      return cipher.decrypt(Buffer.from(entry.v, 'base64'));
    } catch {
      this.options.logger?.warn(`secret ${key} could not be decrypted (OS keyring changed?)`);
      return null;
    }
  }

  async set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    assertSecretValue(value);
    await this.mutate((entries) => {
      const cipher = this.options.cipher;
      entries[key] = cipher && cipher.available() ? { enc: 'os', v: cipher.encrypt(value).toString('base64') } : { enc: 'plain', v: value };
      return true;
    });
  }

  async delete(key: string): Promise<boolean> {
    assertSecretKey(key);
    let deleted = false;
    await this.mutate((entries) => {
      deleted = key in entries;
      delete entries[key];
      return deleted;
    });
    return deleted;
  }

  async keys(): Promise<string[]> {
    return Object.keys(await this.load()).sort();
  }

  private async mutate(change: (entries: Record<string, Entry>) => boolean): Promise<void> {
    const run = this.queue.then(async () => {
      const entries = { ...(await this.load()) };
      if (!change(entries)) return;
      const data: FileShape = { version: 1, secrets: entries };
      try {
        await writeFileAtomic(this.file, JSON.stringify(data, null, 2) + '\n', { mode: 0o600, dirMode: 0o700 });
        // mkdir's mode only applies to folders it creates: tighten an existing one too.
        await chmod(dirname(this.file), 0o700).catch(() => {});
      } catch (e) {
        throw new ServiceError('secrets.write_failed', { detail: (e as Error).message.slice(0, 200), cause: e });
      }
      this.cache = entries;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async load(): Promise<Record<string, Entry>> {
    if (this.cache) return this.cache;
    const read = await readFileCapped(this.file, MAX_FILE).catch(() => ({ kind: 'missing' as const }));
    if (read.kind !== 'ok') {
      this.cache = {};
      return this.cache;
    }
    await this.tightenMode();
    try {
      const parsed = JSON.parse(read.bytes.toString('utf8')) as Partial<FileShape>;
      const out: Record<string, Entry> = {};
      if (parsed.version === 1 && parsed.secrets && typeof parsed.secrets === 'object') {
        for (const [k, e] of Object.entries(parsed.secrets)) {
          if (e && (e.enc === 'plain' || e.enc === 'os') && typeof e.v === 'string') out[k] = { enc: e.enc, v: e.v };
        }
      }
      this.cache = out;
    } catch {
      // Keep the damaged file for IT instead of overwriting it on the next save.
      const movedTo = `${this.file}.corrupted-${Date.now()}`;
      await rename(this.file, movedTo).catch(() => {});
      this.options.logger?.warn(`secrets file was not readable JSON: moved to ${movedTo}; starting empty`);
      this.cache = {};
    }
    return this.cache;
  }

  /** A file someone made group/world-readable is tightened back to 0600. */
  private async tightenMode(): Promise<void> {
    if (process.platform === 'win32') return;
    const st = await stat(this.file).catch(() => null);
    if (st && (st.mode & 0o077) !== 0) {
      this.options.logger?.warn('secrets file was readable by others: permissions reset to owner only');
      await chmod(this.file, 0o600).catch(() => {});
    }
  }
}
