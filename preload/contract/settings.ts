import { z } from 'zod';
import { channel, NoInput, LIMITS } from './common';

/**
 * The user's settings. Every key has a default; the IT profile may recommend or lock any of them.
 * Keep in step with main/services/settings (defaults) and the profile schema (recommended/locked).
 */
export const Settings = z.strictObject({
  /** UI language; 'system' follows the OS (French unless the OS is in English). */
  language: z.enum(['system', 'fr', 'en']),
  /** Light/dark; 'system' follows the OS. */
  theme: z.enum(['system', 'light', 'dark']),
  /** The room this laptop is in (a room id from the profile or the demo room), null = not chosen yet. */
  room: z.string().max(LIMITS.id).nullable(),
  /** Mode démonstration: adds the simulated "Salle de démonstration". */
  demoMode: z.boolean(),
  /** What "Afficher mon écran" does with the laptop's screens. */
  displayMode: z.enum(['duplicate', 'extend']),
  /** Ask before "Éteindre". */
  confirmPowerOff: z.boolean(),
  /** Also probe the local network (TCP 4352) when searching; IT may allow or forbid it. */
  networkProbe: z.boolean(),
  /**
   * End of the school day, "HH:MM" (24 h, the laptop's local time): from then on, a projector of the room
   * left on brings up « Le vidéoprojecteur est encore allumé. L'éteindre ? ». null = no such reminder.
   */
  reminderTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable(),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Settings.keyof().options;

export const SettingSource = z.enum(['default', 'recommended', 'user', 'locked']);
export type SettingSource = z.infer<typeof SettingSource>;

export const SettingsView = z.strictObject({
  values: Settings,
  /** Where each effective value comes from; 'locked' ones are read-only in Réglages. */
  sources: z.record(z.enum(SETTING_KEYS), SettingSource),
  /** The language actually used once 'system' is resolved. */
  resolvedLanguage: z.enum(['fr', 'en']),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const SettingsPatch = Settings.partial().strict();

export const settingsChannels = {
  'settings.get': channel(NoInput, SettingsView, [undefined]),
  'settings.set': channel(z.strictObject({ patch: SettingsPatch }), SettingsView, [{ patch: { theme: 'dark' } }, { patch: { language: 'en' } }]),
  'settings.reset': channel(z.strictObject({ key: z.enum(SETTING_KEYS) }), SettingsView, [{ key: 'theme' }]),
};

export const settingsEvents = {
  'settings.changed': SettingsView,
};
