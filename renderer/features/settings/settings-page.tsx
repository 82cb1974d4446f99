import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Choice } from '../../ui/choice';
import { Card } from '../../ui/card';
import { Spinner } from '../../ui/spinner';
import type { SettingKey } from '../../../preload/contract/settings';
import { ProfileSection } from '../profiles/profile-section';
import { ReportSection } from '../profiles/report-section';
import { ExportSection } from '../profiles/export-section';
import { LockedNote } from './locked-note';
import { RoomSection } from './room-section';
import { ReminderSection } from './reminder-section';
import './settings.css';

/**
 * « Réglages »: display (language, theme), room, the end-of-day reminder, demo mode, the IT configuration profile, the report
 * for IT and, folded away, the IT tools. A setting the profile locks is read-only with « Géré par
 * votre service informatique »; a feature the profile forbids is not shown at all.
 */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const settings = useStore((s) => s.settings);
  const info = useStore((s) => s.info);
  const features = useStore((s) => s.profile?.features ?? null);
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
  // Until the profile is known, hide what a profile may forbid rather than flash it.
  const demoVisible = features?.demoModeVisible === true;
  return (
    <div className="settings-page">
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      <Card as="section" aria-labelledby="settings-display" className="settings-section">
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
      <RoomSection />
      <ReminderSection />
      {demoVisible ? (
        <Card as="section" aria-labelledby="settings-demo" className="settings-section">
          <h2 id="settings-demo">{t('sections.demo')}</h2>
          <Choice
            legend={t('demo.label')}
            hint={t('demo.hint')}
            value={settings.values.demoMode ? 'on' : 'off'}
            disabled={isLocked('demoMode')}
            onChange={(v) => void update('demoMode', v === 'on')}
            options={[
              { value: 'on', label: t('demo.on') },
              { value: 'off', label: t('demo.off') },
            ]}
            extra={<LockedNote settingKey="demoMode" />}
          />
        </Card>
      ) : null}
      <ProfileSection />
      <ReportSection />
      <details className="settings-it">
        <summary>
          <h2>{t('sections.it')}</h2>
        </summary>
        <ExportSection />
      </details>
      {info ? (
        <p className="cn-muted settings-about">
          {t('about', { version: info.version, runtime: t(`runtime.${info.runtime}`) })}
        </p>
      ) : null}
    </div>
  );
}
