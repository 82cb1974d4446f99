import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Choice } from '../../ui/choice';
import { Card } from '../../ui/card';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';
import type { SettingKey } from '../../../preload/contract/settings';

function LockedNote({ settingKey }: { settingKey: SettingKey }) {
  const { t } = useTranslation('settings');
  const locked = useStore((s) => s.settings?.sources[settingKey] === 'locked');
  if (!locked) return null;
  return (
    <p className="cn-locked">
      <Icon name="lock" />
      {t('managed')}
    </p>
  );
}

/** « Réglages »: language, theme, and (later) room, devices, demo mode, profile. */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const settings = useStore((s) => s.settings);
  const info = useStore((s) => s.info);
  const update = useStore((s) => s.updateSetting);
  if (!settings) {
    return (
      <div className="page-header">
        <h1>{t('title')}</h1>
        <Spinner label={t('common:loading')} />
      </div>
    );
  }
  const isLocked = (key: SettingKey) => settings.sources[key] === 'locked';
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      <Card as="section" aria-labelledby="settings-display">
        <h2 id="settings-display">{t('sections.display')}</h2>
        <Choice
          legend={t('language.label')}
          value={settings.values.language}
          disabled={isLocked('language')}
          onChange={(v) => void update('language', v)}
          options={[
            { value: 'system', label: t('language.system') },
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ]}
          extra={<LockedNote settingKey="language" />}
        />
        <Choice
          legend={t('theme.label')}
          value={settings.values.theme}
          disabled={isLocked('theme')}
          onChange={(v) => void update('theme', v)}
          options={[
            { value: 'system', label: t('theme.system') },
            { value: 'light', label: t('theme.light') },
            { value: 'dark', label: t('theme.dark') },
          ]}
          extra={<LockedNote settingKey="theme" />}
        />
      </Card>
      {info ? (
        <p className="cn-muted settings-about">
          {t('about', { version: info.version, runtime: t(`runtime.${info.runtime}`) })}
        </p>
      ) : null}
    </>
  );
}
