/** The reminders' contract: strict payloads, bounded, and the `reminderTime` setting's "HH:MM" or null. */
import { describe, expect, it } from 'vitest';
import { events } from '../../../preload/contract';
import { REMINDER_SAMPLES } from '../../../preload/contract/reminders';
import { Settings } from '../../../preload/contract/settings';

describe('reminders contract', () => {
  it('accepts its samples and refuses extra keys, unknown reasons and long lists', () => {
    for (const sample of REMINDER_SAMPLES) expect(events['reminders.changed'].safeParse(sample).success).toBe(true);
    const one = REMINDER_SAMPLES[1]!.reminders[0]!;
    expect(events['reminders.changed'].safeParse({ reminders: [{ ...one, host: '10.0.0.1' }] }).success).toBe(false);
    expect(events['reminders.changed'].safeParse({ reminders: [{ ...one, reason: 'lamp' }] }).success).toBe(false);
    expect(events['reminders.changed'].safeParse({ reminders: Array.from({ length: 65 }, () => one) }).success).toBe(false);
  });

  it('reminderTime is "HH:MM" (24 h) or null', () => {
    for (const ok of ['16:45', '00:00', '23:59', null]) expect(Settings.shape.reminderTime.safeParse(ok).success).toBe(true);
    for (const bad of ['24:00', '7:30', '16h45', '16:60', '', 1645]) expect(Settings.shape.reminderTime.safeParse(bad).success).toBe(false);
  });
});
