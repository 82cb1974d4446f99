/**
 * Where the user's own settings are kept. The app uses electron-store (main/app); the web preview and
 * the CLI use a JSON file; tests use memory. All behave the same: a corrupted file is moved aside and
 * reported, never a crash; a write never leaves a half-written file (write to a temporary file, then rename).
 */
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface LoadedSettings {
  values: Record<string, unknown>;
  /** Set when the stored file could not be read and defaults were restored. */
  recovered?: { reason: 'corrupted'; movedTo: string | null };
}

export interface SettingsStore {
  load(): Promise<LoadedSettings>;
  save(values: Record<string, unknown>): Promise<void>;
}

export class MemorySettingsStore implements SettingsStore {
  constructor(private values: Record<string, unknown> = {}) {}
  async load(): Promise<LoadedSettings> {
    return { values: structuredClone(this.values) };
  }
  async save(values: Record<string, unknown>): Promise<void> {
    this.values = structuredClone(values);
  }
}

const STALE_TEMP_MS = 60_000;

export interface JsonFileSettingsStoreOptions {
  /** For tests: replaces the final rename (to simulate a crash or a full disk at the worst moment). */
  rename?: (from: string, to: string) => Promise<void>;
}

export class JsonFileSettingsStore implements SettingsStore {
  constructor(
    private readonly file: string,
    private readonly options: JsonFileSettingsStoreOptions = {},
  ) {}

  /**
   * Temporary files of an interrupted save ("settings.json.<pid>.<time>.tmp") are never read; once
   * older than a minute (so not another process's save in progress) they are removed.
   */
  private async removeStaleTempFiles(): Promise<void> {
    const prefix = `${basename(this.file)}.`;
    let names: string[];
    try {
      names = await readdir(dirname(this.file));
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix) || !/\.\d+\.\d+\.tmp$/.test(name)) continue;
      const path = join(dirname(this.file), name);
      const st = await stat(path).catch(() => null);
      if (st && Date.now() - st.mtimeMs > STALE_TEMP_MS) await unlink(path).catch(() => {});
    }
  }

  async load(): Promise<LoadedSettings> {
    await this.removeStaleTempFiles();
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { values: {} };
      throw e;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { values: parsed as Record<string, unknown> };
    } catch {
      // fall through: the file is not JSON
    }
    const movedTo = `${this.file}.corrupted-${Date.now()}`;
    try {
      await rename(this.file, movedTo);
      return { values: {}, recovered: { reason: 'corrupted', movedTo } };
    } catch {
      return { values: {}, recovered: { reason: 'corrupted', movedTo: null } };
    }
  }

  async save(values: Record<string, unknown>): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(values, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
      // fsync before rename so that a power cut leaves either the old or the new file, never an empty one.
      const handle = await open(tmp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await (this.options.rename ?? rename)(tmp, this.file);
    } catch (e) {
      // The old file is untouched; do not leave the half-done temporary file behind.
      await unlink(tmp).catch(() => {});
      throw e;
    }
  }
}
