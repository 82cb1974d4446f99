import { useT } from '../../i18n/use-t';
import type { Reminder } from '../../../preload/contract/reminders';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { usePowerOff } from '../projector/use-power-off';
import './reminders.css';

/**
 * One reminder: « Le vidéoprojecteur « … » est encore allumé. L'éteindre ? » with a big « Éteindre »
 * (the same off action as the projector's card, which then shows the cooling) and « Plus tard ».
 * A polite status, not an alert: it waits for the teacher rather than interrupting the lesson.
 */
function ReminderBanner({ reminder }: { reminder: Reminder }) {
  const t = useT(['home', 'actions']);
  const snooze = useStore((s) => s.snoozeReminder);
  const powerOff = usePowerOff({ id: reminder.deviceId, name: reminder.deviceName }, { alreadyAsked: true });
  return (
    <>
      <Banner
        tone="warning"
        role="status"
        actions={
          <div className="button-row reminder-actions">
            <Button variant="primary" size="large" icon="power" onClick={() => void powerOff.ask()}>
              {t('actions:kind.off')}
            </Button>
            <Button size="large" onClick={() => void snooze(reminder.deviceId)}>
              {t('home:reminder.later')}
            </Button>
          </div>
        }
      >
        <p>{t(reminder.reason === 'no-signal' ? 'home:reminder.noSignal' : 'home:reminder.endOfDay', { name: reminder.deviceName })}</p>
      </Banner>
      {powerOff.dialog}
    </>
  );
}

/**
 * The reminders on « Ma salle ». A projector already switching off (its off action running) has no
 * banner: main clears the reminder when the projector reports cooling, a second later. Not shown when
 * the IT profile forbids switching off from the app.
 */
export function ReminderBanners() {
  const reminders = useStore((s) => s.reminders);
  const runs = useStore((s) => s.runs);
  const powerOffAllowed = useStore((s) => s.profile?.features.powerOffAllowed !== false);
  if (!powerOffAllowed) return null;
  const shown = reminders.filter((r) => !(runs[r.deviceId]?.kind === 'off' && runs[r.deviceId]?.status === 'running'));
  if (shown.length === 0) return null;
  return (
    <div className="reminders">
      {shown.map((r) => (
        <ReminderBanner key={r.deviceId} reminder={r} />
      ))}
    </div>
  );
}
