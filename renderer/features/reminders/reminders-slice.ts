import type { StateCreator } from 'zustand';
import type { Reminder, ReminderList } from '../../../preload/contract/reminders';
import { api } from '../../store/api';
import type { RootState } from '../../store';

/** « Le vidéoprojecteur est encore allumé »: main's list, kept as it sends it (reminders.changed). */
export interface RemindersSlice {
  reminders: Reminder[];
  loadReminders(): Promise<void>;
  receiveReminders(list: ReminderList): void;
  /** « Plus tard »: hidden at once; main brings it back in 30 minutes if the projector is still on. */
  snoozeReminder(deviceId: string): Promise<void>;
}

export const remindersInitialState = { reminders: [] as Reminder[] };

export const createRemindersSlice: StateCreator<RootState, [], [], RemindersSlice> = (set, get) => ({
  ...remindersInitialState,
  async loadReminders() {
    const r = await api().reminders.list();
    if (r.ok) set({ reminders: r.value.reminders });
  },
  receiveReminders(list) {
    set({ reminders: list.reminders });
  },
  async snoozeReminder(deviceId) {
    const previous = get().reminders;
    set({ reminders: previous.filter((r) => r.deviceId !== deviceId) });
    const r = await api().reminders.snooze({ deviceId });
    if (!r.ok) {
      set({ reminders: previous });
      get().pushError(r.error);
    }
  },
});
