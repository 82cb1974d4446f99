/**
 * The SettingsStore of the app: electron-store (schema-free JSON with atomic writes) in userData.
 * A file that cannot be parsed is moved aside first and reported, so the teacher gets defaults and a
 * notice instead of a crash or a silent reset.
 */
import Store from 'electron-store';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedSettings, SettingsStore } from '../services/settings/store';

export class ElectronSettingsStore implements SettingsStore {
  private store: Store<Record<string, unknown>> | null = null;
  private recovered: LoadedSettings['recovered'];

  constructor(private readonly userData: string) {}

  private open(): Store<Record<string, unknown>> {
    if (this.store) return this.store;
    const file = join(this.userData, 'settings.json');
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        const movedTo = `${file}.corrupted-${Date.now()}`;
        try {
          renameSync(file, movedTo);
          this.recovered = { reason: 'corrupted', movedTo };
        } catch {
          this.recovered = { reason: 'corrupted', movedTo: null };
        }
      }
    }
    this.store = new Store<Record<string, unknown>>({ name: 'settings', cwd: this.userData, clearInvalidConfig: true });
    return this.store;
  }

  async load(): Promise<LoadedSettings> {
    const values = { ...this.open().store };
    return this.recovered ? { values, recovered: this.recovered } : { values };
  }

  async save(values: Record<string, unknown>): Promise<void> {
    this.open().store = values;
  }
}
