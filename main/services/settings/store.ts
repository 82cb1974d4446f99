/**
 * Where the user's own settings are kept. The app uses electron-store (main/app); the web preview and
 * the CLI use a JSON file; tests use memory. All behave the same: a corrupted file is moved aside and
 * reported, never a crash; a write never leaves a half-written file (write to a temporary file, then rename).
 */
import { mkdir, readFile, rename, writeFile, open } from 'node:fs/promises';
import { dirname } from 'node:path';

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

export class JsonFileSettingsStore implements SettingsStore {
  constructor(private readonly file: string) {}

  async load(): Promise<LoadedSettings> {
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
    await writeFile(tmp, JSON.stringify(values, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
    // fsync before rename so that a power cut leaves either the old or the new file, never an empty one.
    const handle = await open(tmp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
  }
}
