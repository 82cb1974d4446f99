/**
 * "Ask once and remember": the input a teacher chose for a projector in "Afficher mon écran", kept in
 * userData/inputs.json (device id → input code) so that the next lesson does not ask again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputMemory } from '../../services/actions/input-memory';
import type { Logger } from '../../services/core/logger';
import { writeFileAtomic } from '../../services/profiles/files';

const MAX_ENTRIES = 500;

export class FileInputMemory implements InputMemory {
  private readonly map = new Map<string, string>();
  private readonly file: string;

  constructor(userDataDir: string, private readonly logger: Logger) {
    this.file = join(userDataDir, 'inputs.json');
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && /^[1-6][1-9A-Z]$/.test(v) && k.length <= 128) this.map.set(k, v);
      }
    } catch {
      // first run, or unreadable: nothing remembered
    }
  }

  get(deviceId: string): string | null {
    return this.map.get(deviceId) ?? null;
  }

  async set(deviceId: string, input: string): Promise<void> {
    this.map.delete(deviceId);
    this.map.set(deviceId, input);
    while (this.map.size > MAX_ENTRIES) this.map.delete(this.map.keys().next().value as string);
    await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.map), null, 2)).catch((e: unknown) => this.logger.warn(`inputs not saved: ${String(e)}`));
  }
}
