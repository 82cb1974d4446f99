import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogBook } from '../../../main/services/core/logger';
import { DEFAULT_SETTINGS, SettingsService } from '../../../main/services/settings/settings-service';
import { JsonFileSettingsStore } from '../../../main/services/settings/store';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'classe-settings-'));
  file = join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function service(store = new JsonFileSettingsStore(file)) {
  const log = new LogBook();
  const settings = new SettingsService(store, 'fr-FR', log.logger('settings'));
  const recovered: { movedTo: string | null }[] = [];
  settings.on('recovered', (r) => recovered.push(r));
  await settings.init();
  return { settings, recovered, log };
}

describe('user settings file faults', () => {
  for (const [name, content] of [
    ['a corrupted file', '\u0000\u0001garbage{{{'],
    ['a truncated file', '{\n  "theme": "da'],
    ['an empty file (power cut)', ''],
    ['JSON that is not an object', '[1, 2, 3]'],
  ] as const) {
    it(`${name}: moved aside, defaults restored, a notice, no crash`, async () => {
      writeFileSync(file, content);
      const { settings, recovered, log } = await service();
      expect(settings.view().values).toEqual(DEFAULT_SETTINGS);
      expect(recovered).toHaveLength(1);
      const movedTo = recovered[0]?.movedTo as string;
      expect(movedTo).toMatch(/settings\.json\.corrupted-\d+$/);
      expect(readFileSync(movedTo, 'utf8')).toBe(content);
      expect(existsSync(file)).toBe(false);
      expect(log.recent().some((l) => l.level === 'warn' && l.message.includes('defaults restored'))).toBe(true);
      // The next save writes a fresh, valid file.
      await settings.set({ theme: 'dark' });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ theme: 'dark' });
    });
  }

  it('a file with some invalid values keeps the valid ones (no recovery needed)', async () => {
    writeFileSync(file, JSON.stringify({ theme: 'dark', language: 'klingon', demoMode: 'yes', unknown: 1 }));
    const { settings, recovered } = await service();
    expect(recovered).toHaveLength(0);
    expect(settings.view().values).toMatchObject({ theme: 'dark', language: 'system', demoMode: false });
  });

  it('an interrupted write (temporary file left behind) is ignored: the old file is intact, the stale temporary file is removed', async () => {
    writeFileSync(file, JSON.stringify({ theme: 'dark' }));
    const leftover = `${file}.4242.1700000000000.tmp`;
    writeFileSync(leftover, '{\n  "theme": "li');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(leftover, old, old);
    const recent = `${file}.4243.${Date.now()}.tmp`;
    writeFileSync(recent, '{"theme":"light"}');
    const { settings, recovered } = await service();
    expect(recovered).toHaveLength(0);
    expect(settings.view().values.theme).toBe('dark');
    expect(existsSync(leftover)).toBe(false);
    // A temporary file that may belong to another process's save in progress is left alone.
    expect(existsSync(recent)).toBe(true);
  });

  it('a write that fails before the rename leaves the old file intact, no temporary file, and the old values in force', async () => {
    writeFileSync(file, JSON.stringify({ theme: 'dark' }));
    const store = new JsonFileSettingsStore(file, {
      rename: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    const { settings } = await service(store);
    await expect(settings.set({ theme: 'light' })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(settings.view().values.theme).toBe('dark');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ theme: 'dark' });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('saves atomically: the file is always complete JSON', async () => {
    const { settings } = await service();
    for (const theme of ['dark', 'light', 'system'] as const) {
      await settings.set({ theme });
      expect(JSON.parse(readFileSync(file, 'utf8')).theme).toBe(theme);
    }
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});
