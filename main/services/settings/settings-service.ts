/**
 * Effective settings = built-in defaults < profile recommended values < the user's own values < profile
 * locked values. The profile layers are set by the profiles service; this service only knows layers.
 */
import { Settings, SETTING_KEYS, type SettingKey, type SettingsView, type SettingSource } from '../../../preload/contract/settings';
import { TypedEmitter } from '../core/emitter';
import { ServiceError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { SettingsStore } from './store';

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  room: null,
  demoMode: false,
  displayMode: 'duplicate',
  confirmPowerOff: true,
  networkProbe: false,
  // French primary schools end around 16:30: a quarter of an hour to tidy up before the reminder.
  reminderTime: '16:45',
};

export interface SettingsPolicy {
  recommended: Partial<Settings>;
  locked: Partial<Settings>;
}

type Events = { changed: SettingsView; recovered: { movedTo: string | null } };

/** 'fr' unless the system asks for English: the product is French first. */
export function resolveLanguage(setting: Settings['language'], systemLocale: string): 'fr' | 'en' {
  if (setting === 'fr' || setting === 'en') return setting;
  return /^en\b/i.test(systemLocale) ? 'en' : 'fr';
}

/** Keeps only the keys whose value is valid; drops the rest (an old or hand-edited file loses nothing else). */
export function pickValidSettings(raw: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const key of SETTING_KEYS) {
    if (!(key in raw)) continue;
    const parsed = Settings.shape[key].safeParse(raw[key]);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

export class SettingsService extends TypedEmitter<Events> {
  private user: Partial<Settings> = {};
  private policy: SettingsPolicy = { recommended: {}, locked: {} };

  constructor(
    private readonly store: SettingsStore,
    private readonly systemLocale: string,
    private readonly logger: Logger,
  ) {
    super();
  }

  async init(): Promise<void> {
    const loaded = await this.store.load();
    this.user = pickValidSettings(loaded.values);
    if (loaded.recovered) {
      this.logger.warn(`settings file was corrupted; defaults restored (moved to ${loaded.recovered.movedTo ?? 'nowhere'})`);
      this.emit('recovered', { movedTo: loaded.recovered.movedTo });
    }
  }

  setPolicy(policy: SettingsPolicy): void {
    this.policy = { recommended: pickValidSettings(policy.recommended), locked: pickValidSettings(policy.locked) };
    this.emit('changed', this.view());
  }

  view(): SettingsView {
    const values = { ...DEFAULT_SETTINGS } as Record<SettingKey, unknown>;
    const sources = {} as Record<SettingKey, SettingSource>;
    for (const key of SETTING_KEYS) {
      sources[key] = 'default';
      if (key in this.policy.recommended) {
        values[key] = this.policy.recommended[key];
        sources[key] = 'recommended';
      }
      if (key in this.user) {
        values[key] = this.user[key];
        sources[key] = 'user';
      }
      if (key in this.policy.locked) {
        values[key] = this.policy.locked[key];
        sources[key] = 'locked';
      }
    }
    const settings = values as Settings;
    return { values: settings, sources, resolvedLanguage: resolveLanguage(settings.language, this.systemLocale) };
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    return this.view().values[key];
  }

  async set(patch: Partial<Settings>): Promise<SettingsView> {
    for (const key of Object.keys(patch) as SettingKey[]) {
      if (key in this.policy.locked) throw new ServiceError('settings.locked', { params: { key } });
    }
    const next = { ...this.user, ...pickValidSettings(patch) };
    await this.store.save(next);
    this.user = next;
    const view = this.view();
    this.emit('changed', view);
    return view;
  }

  async reset(key: SettingKey): Promise<SettingsView> {
    if (key in this.policy.locked) throw new ServiceError('settings.locked', { params: { key } });
    const next = { ...this.user };
    delete next[key];
    await this.store.save(next);
    this.user = next;
    const view = this.view();
    this.emit('changed', view);
    return view;
  }
}
