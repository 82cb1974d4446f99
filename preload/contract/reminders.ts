import { z } from 'zod';
import { channel, LIMITS, NoInput } from './common';

/**
 * « Le vidéoprojecteur est encore allumé » (journey 4, Éteindre en fin de journée): the current room's
 * projectors left on at the end of the day (setting `reminderTime`) or on with no picture for 20 minutes.
 * Main keeps the list (main/services/actions/left-on-reminder.ts); « Éteindre » is the ordinary
 * `actions.start` kind 'off', « Plus tard » is `reminders.snooze`.
 */
const DeviceId = z.string().min(1).max(LIMITS.id);

export const ReminderReason = z.enum(['end-of-day', 'no-signal']);
export type ReminderReason = z.infer<typeof ReminderReason>;

export const Reminder = z.strictObject({
  deviceId: DeviceId,
  /** The projector's name as « Ma salle » shows it. */
  deviceName: z.string().max(LIMITS.name),
  reason: ReminderReason,
  /** When the condition began (ms since epoch): the end-of-day time reached, or the picture lost. */
  since: z.number().int().nonnegative(),
});
export type Reminder = z.infer<typeof Reminder>;

/** At most one reminder per projector of the room. */
export const ReminderList = z.strictObject({ reminders: z.array(Reminder).max(64) });
export type ReminderList = z.infer<typeof ReminderList>;

/** Valid payloads (contract tests; the renderer tests use them too). */
export const REMINDER_SAMPLES: ReminderList[] = [
  { reminders: [] },
  {
    reminders: [
      { deviceId: 'inv:demo-projector', deviceName: 'Vidéoprojecteur', reason: 'end-of-day', since: 1_741_621_500_000 },
      { deviceId: 'inv:demo-vpi', deviceName: 'Vidéoprojecteur interactif (VPI)', reason: 'no-signal', since: 1_741_618_800_000 },
    ],
  },
];

export const remindersChannels = {
  /** The reminders now (a page opened later shows them). */
  'reminders.list': channel(NoInput, ReminderList, [undefined]),
  /** « Plus tard »: hides this projector's reminder for 30 minutes; `until` null when it had none. */
  'reminders.snooze': channel(z.strictObject({ deviceId: DeviceId }), z.strictObject({ snoozed: z.boolean(), until: z.number().nullable() }), [{ deviceId: 'inv:demo-projector' }]),
};

export const remindersEvents = {
  /** The whole list, whenever it changes. */
  'reminders.changed': ReminderList,
};
