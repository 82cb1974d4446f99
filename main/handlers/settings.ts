import type { Handlers } from '../rpc/dispatcher';
import type { SettingsService } from '../services/settings/settings-service';

export function settingsHandlers(settings: SettingsService): Pick<Handlers, 'settings.get' | 'settings.set' | 'settings.reset'> {
  return {
    'settings.get': () => settings.view(),
    'settings.set': ({ patch }) => settings.set(patch),
    'settings.reset': ({ key }) => settings.reset(key),
  };
}
