/**
 * « Le vidéoprojecteur est encore allumé » — reminders that save the lamp (and the school's electricity)
 * without getting in the way. Fed with the current room's projector statuses (the poller's events,
 * through the devices module), it raises at most one reminder per projector:
 *
 * - `end-of-day`: at or after the teacher's end-of-day time (setting `reminderTime`, "HH:MM" local time,
 *   null = no reminder at all, of either kind), a projector is on or warming up. Once per day per projector: after it is switched off
 *   (or the teacher changes the time) it does not come back that day.
 * - `no-signal`: a projector has been on with no picture on its input (PJLink IRES: no signal) for
 *   `noSignalMs` (20 min): nobody is using it.
 *
 * « Plus tard » snoozes a projector's reminder (30 min). A reminder clears itself as soon as the projector
 * goes to standby or cooling, stops answering, or leaves the room. Pure Node: the clock and the timers
 * are injected, so tests run on fake time.
 */
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';

export type ReminderReason = 'end-of-day' | 'no-signal';

export interface Reminder {
  deviceId: string;
  deviceName: string;
  reason: ReminderReason;
  /** When the condition began (ms since epoch): the end-of-day time reached, or the picture lost. */
  since: number;
}

/** What the service needs of a projector's status (the contract's ProjectorStatus fits). */
export interface ReminderStatus {
  reachable: boolean | null;
  power: 'standby' | 'on' | 'cooling' | 'warming' | null;
  signal: 'ok' | 'none' | 'unknown' | null;
}

export interface ReminderClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LeftOnReminderOptions {
  /** The end-of-day time, read at every evaluation ("HH:MM", 24 h, local time; null = no end-of-day reminder). */
  reminderTime: () => string | null;
  clock?: ReminderClock;
  /** On with no signal this long → reminder (default 20 min). */
  noSignalMs?: number;
  /** « Plus tard » (default 30 min). */
  snoozeMs?: number;
  /**
   * Longest sleep between two evaluations while a projector is on (default 60 s): a timer does not run
   * while the laptop sleeps and the wall clock may jump, so a long timer could fire hours late.
   */
  maxSleepMs?: number;
  logger?: Logger;
}

export interface LeftOnReminderEvents extends Record<string, unknown> {
  /** The whole list, whenever it changes. */
  changed: Reminder[];
}

interface Tracked {
  deviceId: string;
  name: string;
  status: ReminderStatus | null;
  /** The local day (YYYY-MM-DD) the end-of-day reminder was raised for this projector. */
  endOfDayDay: string | null;
  /** Raised and still on (not cleared by standby). */
  endOfDaySince: number | null;
  /** When the projector was first seen on with no signal (this stretch). */
  noSignalSince: number | null;
  snoozedUntil: number;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Local day key: the reminder is once per day of the laptop's calendar. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Today's `HH:MM` (local time) in ms since epoch, or null when the setting is off or malformed. */
export function timeOnDay(ms: number, hhmm: string | null): number | null {
  const m = hhmm === null ? null : TIME.exec(hhmm);
  if (!m) return null;
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), Number(m[1]), Number(m[2]), 0, 0).getTime();
}

const systemClock: ReminderClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Never the reason the process stays alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class LeftOnReminders extends TypedEmitter<LeftOnReminderEvents> {
  private readonly tracked = new Map<string, Tracked>();
  private readonly clock: ReminderClock;
  private readonly noSignalMs: number;
  private readonly snoozeMs: number;
  private readonly maxSleepMs: number;
  private readonly log: Logger;
  private timer: unknown = null;
  private current: Reminder[] = [];
  private disposed = false;

  constructor(private readonly options: LeftOnReminderOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.noSignalMs = options.noSignalMs ?? 20 * 60_000;
    this.snoozeMs = options.snoozeMs ?? 30 * 60_000;
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
    this.log = (options.logger ?? silentLogger).child('reminders');
  }

  /**
   * The projectors of the current room (id and name). Others are forgotten, with their reminders:
   * a projector that left the room is no longer this teacher's to switch off.
   */
  setDevices(devices: readonly { deviceId: string; name: string }[]): void {
    const wanted = new Map(devices.map((d) => [d.deviceId, d.name]));
    for (const id of [...this.tracked.keys()]) if (!wanted.has(id)) this.tracked.delete(id);
    for (const [deviceId, name] of wanted) {
      const t = this.tracked.get(deviceId);
      if (t) t.name = name;
      else this.tracked.set(deviceId, { deviceId, name, status: null, endOfDayDay: null, endOfDaySince: null, noSignalSince: null, snoozedUntil: 0 });
    }
    this.evaluate();
  }

  /** A projector's new status (ignored for a projector not in the room). */
  update(deviceId: string, status: ReminderStatus): void {
    const t = this.tracked.get(deviceId);
    if (!t) return;
    t.status = { reachable: status.reachable, power: status.power, signal: status.signal };
    this.evaluate();
  }

  /**
   * The end-of-day time changed: today's reminders start over with the new time (a teacher who moves
   * it later is not reminded at the old time; one who moves it earlier is reminded at the new one).
   */
  settingChanged(): void {
    for (const t of this.tracked.values()) {
      t.endOfDayDay = null;
      t.endOfDaySince = null;
    }
    this.evaluate();
  }

  /** « Plus tard »: hides this projector's reminder for `snoozeMs`. Returns when it may come back, or null if there was none. */
  snooze(deviceId: string): number | null {
    const t = this.tracked.get(deviceId);
    if (!t || !this.current.some((r) => r.deviceId === deviceId)) return null;
    t.snoozedUntil = this.clock.now() + this.snoozeMs;
    this.log.info(`reminder for ${deviceId} snoozed`);
    this.evaluate();
    return t.snoozedUntil;
  }

  list(): Reminder[] {
    return this.current.map((r) => ({ ...r }));
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.tracked.clear();
    this.removeAll();
  }

  // -------------------------------------------------------------------------------------------

  private evaluate(): void {
    if (this.disposed) return;
    this.clearTimer();
    const now = this.clock.now();
    const today = localDay(now);
    const setting = this.options.reminderTime();
    const remindersOff = setting === null;
    const endOfDay = timeOnDay(now, setting);
    const next: Reminder[] = [];
    let wakeAt = Infinity;
    for (const t of this.tracked.values()) {
      const s = t.status;
      // Standby, cooling, unknown or not answering: nothing to remind (and the reminder clears).
      const active = s !== null && s.reachable !== false && (s.power === 'on' || s.power === 'warming');
      // « Pas de rappel » (null) silences both kinds: the Réglages switch is one « reminder if left on ».
      if (!active || remindersOff) {
        t.endOfDaySince = null;
        t.noSignalSince = null;
        t.snoozedUntil = 0;
        continue;
      }
      if (endOfDay === null) t.endOfDaySince = null;
      else if (now >= endOfDay && t.endOfDayDay !== today) {
        t.endOfDayDay = today;
        t.endOfDaySince = endOfDay;
      } else if (t.endOfDayDay !== today) wakeAt = Math.min(wakeAt, endOfDay);

      if (s.power === 'on' && s.signal === 'none') t.noSignalSince ??= now;
      else t.noSignalSince = null;
      const noSignal = t.noSignalSince !== null && now - t.noSignalSince >= this.noSignalMs;
      if (t.noSignalSince !== null && !noSignal) wakeAt = Math.min(wakeAt, t.noSignalSince + this.noSignalMs);

      if (t.endOfDaySince === null && !noSignal) continue;
      if (now < t.snoozedUntil) {
        wakeAt = Math.min(wakeAt, t.snoozedUntil);
        continue;
      }
      // The end of the day says more than « no picture »: it wins when both hold.
      next.push(
        t.endOfDaySince !== null
          ? { deviceId: t.deviceId, deviceName: t.name, reason: 'end-of-day', since: t.endOfDaySince }
          : { deviceId: t.deviceId, deviceName: t.name, reason: 'no-signal', since: t.noSignalSince! },
      );
    }
    // A projector left on also needs the day to roll over (tomorrow's end-of-day time): the capped
    // sleep below covers it, since it only runs while something is on.
    const anyActive = !remindersOff && [...this.tracked.values()].some((t) => t.status && (t.status.power === 'on' || t.status.power === 'warming'));
    if (anyActive) wakeAt = Math.min(wakeAt, now + this.maxSleepMs);
    if (wakeAt !== Infinity) this.timer = this.clock.setTimeout(() => ((this.timer = null), this.evaluate()), Math.max(0, wakeAt - now));
    if (!sameReminders(this.current, next)) {
      this.current = next;
      this.log.info(`reminders: ${next.map((r) => `${r.deviceId}=${r.reason}`).join(', ') || 'none'}`);
      this.emit('changed', this.list());
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

function sameReminders(a: Reminder[], b: Reminder[]): boolean {
  return a.length === b.length && a.every((r, i) => r.deviceId === b[i]!.deviceId && r.reason === b[i]!.reason && r.since === b[i]!.since && r.deviceName === b[i]!.deviceName);
}
