import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Card } from '../../ui/card';
import { Choice } from '../../ui/choice';
import { LockedNote } from './locked-note';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** What « À une heure précise » starts from when the reminder was off: the app's default. */
const DEFAULT_TIME = '16:45';

/**
 * « Fin de journée »: the time of the left-on reminder, or none. The time is the laptop's own
 * (a 24 h time field). Read-only with « Géré par votre service informatique » when the profile locks it.
 */
export function ReminderSection() {
  const { t } = useTranslation('settings');
  const value = useStore((s) => s.settings?.values.reminderTime ?? null);
  const locked = useStore((s) => s.settings?.sources.reminderTime === 'locked');
  const update = useStore((s) => s.updateSetting);
  const timeId = useId();
  // The time typed, kept while the teacher types (the field is only saved once it is a whole time).
  const [draft, setDraft] = useState(value ?? DEFAULT_TIME);
  const [lastTime, setLastTime] = useState(value ?? DEFAULT_TIME);
  // Follows main's value (another window, the profile) without an effect: adjusted during render.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== null) {
      setDraft(value);
      setLastTime(value);
    }
  }

  return (
    <Card as="section" aria-labelledby="settings-reminder" className="settings-section">
      <h2 id="settings-reminder">{t('sections.reminder')}</h2>
      <Choice
        legend={t('reminder.label')}
        hint={t('reminder.hint')}
        value={value === null ? 'off' : 'on'}
        disabled={locked}
        onChange={(v) => void update('reminderTime', v === 'on' ? lastTime : null)}
        options={[
          { value: 'on', label: t('reminder.on') },
          { value: 'off', label: t('reminder.off') },
        ]}
        extra={
          <>
            {value !== null ? (
              <div className="settings-field reminder-time">
                <label htmlFor={timeId} className="settings-field__label">
                  {t('reminder.time')}
                </label>
                <input
                  id={timeId}
                  className="input reminder-time__input"
                  type="time"
                  step={60}
                  value={draft}
                  disabled={locked}
                  onChange={(e) => {
                    const next = e.target.value;
                    setDraft(next);
                    if (TIME.test(next) && next !== value) void update('reminderTime', next);
                  }}
                />
              </div>
            ) : null}
            <LockedNote settingKey="reminderTime" />
          </>
        }
      />
    </Card>
  );
}
