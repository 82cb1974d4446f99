import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsService, DEFAULT_SETTINGS, resolveLanguage, pickValidSettings } from '../../../main/services/settings/settings-service';
import { JsonFileSettingsStore, MemorySettingsStore } from '../../../main/services/settings/store';
import { silentLogger } from '../../../main/services/core/logger';
import { ServiceError } from '../../../main/services/core/errors';

async function service(store = new MemorySettingsStore(), locale = 'fr-FR') {
  const s = new SettingsService(store, locale, silentLogger);
  await s.init();
  return s;
}

describe('settings layering: defaults < recommended < user < locked', () => {
  it('starts from the defaults', async () => {
    const s = await service();
    expect(s.view().values).toEqual(DEFAULT_SETTINGS);
    expect(Object.values(s.view().sources).every((src) => src === 'default')).toBe(true);
  });

  it('applies recommended values, then the user’s, then locked ones', async () => {
    const s = await service(new MemorySettingsStore({ theme: 'light', displayMode: 'extend' }));
    s.setPolicy({ recommended: { theme: 'dark', language: 'en' }, locked: { displayMode: 'duplicate' } });
    const v = s.view();
    expect(v.values.language).toBe('en');
    expect(v.sources.language).toBe('recommended');
    expect(v.values.theme).toBe('light');
    expect(v.sources.theme).toBe('user');
    expect(v.values.displayMode).toBe('duplicate');
    expect(v.sources.displayMode).toBe('locked');
  });

  it('refuses to change or reset a locked setting and keeps the stored value', async () => {
    const store = new MemorySettingsStore();
    const s = await service(store);
    s.setPolicy({ recommended: {}, locked: { theme: 'dark' } });
    await expect(s.set({ theme: 'light' })).rejects.toMatchObject({ code: 'settings.locked' });
    await expect(s.reset('theme')).rejects.toBeInstanceOf(ServiceError);
    expect((await store.load()).values).toEqual({});
  });

  it('emits changed with the new view and persists', async () => {
    const store = new MemorySettingsStore();
    const s = await service(store);
    const seen: string[] = [];
    s.on('changed', (v) => seen.push(v.values.theme));
    await s.set({ theme: 'dark' });
    await s.reset('theme');
    expect(seen).toEqual(['dark', 'system']);
    expect((await store.load()).values).toEqual({});
  });

  it('drops invalid stored values instead of failing', () => {
    expect(pickValidSettings({ theme: 'purple', language: 'en', demoMode: 'yes', bogus: 1 })).toEqual({ language: 'en' });
  });

  it('resolves the language: French unless the system (or the teacher) says English', () => {
    expect(resolveLanguage('system', 'fr-FR')).toBe('fr');
    expect(resolveLanguage('system', 'en-GB')).toBe('en');
    expect(resolveLanguage('system', 'de-DE')).toBe('fr');
    expect(resolveLanguage('en', 'fr-FR')).toBe('en');
  });
});

describe('JsonFileSettingsStore', () => {
  it('round-trips and writes atomically (no temporary file left)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classe-settings-'));
    const store = new JsonFileSettingsStore(join(dir, 'sub', 'settings.json'));
    expect((await store.load()).values).toEqual({});
    await store.save({ theme: 'dark' });
    expect((await store.load()).values).toEqual({ theme: 'dark' });
    expect(await readdir(join(dir, 'sub'))).toEqual(['settings.json']);
  });

  it.each([
    ['a truncated file', '{"theme": "da'],
    ['not JSON', '\u0000\u0001garbage'],
    ['a JSON array', '[1,2]'],
  ])('moves %s aside, restores defaults and reports it', async (_why, content) => {
    const dir = await mkdtemp(join(tmpdir(), 'classe-settings-'));
    const file = join(dir, 'settings.json');
    await writeFile(file, content);
    const s = new SettingsService(new JsonFileSettingsStore(file), 'fr-FR', silentLogger);
    const recovered: unknown[] = [];
    s.on('recovered', (r) => recovered.push(r));
    await s.init();
    expect(s.view().values).toEqual(DEFAULT_SETTINGS);
    expect(recovered).toHaveLength(1);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('settings.json.corrupted-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(content);
    // and the next save works
    await s.set({ theme: 'dark' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ theme: 'dark' });
  });
});
