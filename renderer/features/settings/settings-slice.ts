import type { StateCreator } from 'zustand';
import type { Settings, SettingKey, SettingsView } from '../../../preload/contract/settings';
import { api } from '../../store/api';
import type { RootState } from '../../store';

export interface SettingsSlice {
  settings: SettingsView | null;
  loadSettings(): Promise<void>;
  receiveSettings(view: SettingsView): void;
  updateSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<void>;
}

export const settingsInitialState = { settings: null as SettingsView | null };

export const createSettingsSlice: StateCreator<RootState, [], [], SettingsSlice> = (set, get) => ({
  ...settingsInitialState,
  async loadSettings() {
    const r = await api().settings.get();
    if (r.ok) set({ settings: r.value });
    else get().pushError(r.error);
  },
  receiveSettings(view) {
    set({ settings: view });
  },
  async updateSetting(key, value) {
    const previous = get().settings;
    // Optimistic: the control reflects the choice at once; main's answer (or event) confirms it.
    if (previous) set({ settings: { ...previous, values: { ...previous.values, [key]: value } } });
    const r = await api().settings.set({ patch: { [key]: value } as Partial<Settings> });
    if (r.ok) set({ settings: r.value });
    else {
      set({ settings: previous });
      get().pushError(r.error);
    }
  },
});

export const selectTheme = (s: RootState) => s.settings?.values.theme ?? 'system';
export const selectLanguage = (s: RootState) => s.settings?.resolvedLanguage ?? 'fr';
