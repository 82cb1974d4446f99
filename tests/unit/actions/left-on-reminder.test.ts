/**
 * The left-on reminders on fake time: the end-of-day reminder fires at the teacher's time (not before),
 * once a day per projector, again the next day; « Plus tard » hides it 30 minutes; standby, cooling, no
 * answer or leaving the room clear it; a projector on with no signal for 20 minutes is pointed out;
 * `reminderTime: null` (« Pas de rappel ») turns every reminder off, the no-signal one too.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { LeftOnReminders, localDay, timeOnDay, type Reminder, type ReminderClock, type ReminderStatus } from '../../../main/services/actions/left-on-reminder';

/** A clock whose timers run only when the test moves time on. */
class FakeClock implements ReminderClock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;
  constructor(public t: number) {}
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  /** Moves time on by `ms`, running each timer at its time. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = end;
  }
  pending(): number {
    return this.timers.size;
  }
}

const MIN = 60_000;
/** 10 March 2025 (a Monday), local time: the tests do not depend on the machine's time zone. */
const at = (h: number, m: number, day = 10) => new Date(2025, 2, day, h, m, 0, 0).getTime();
const ON: ReminderStatus = { reachable: true, power: 'on', signal: 'ok' };
const NO_SIGNAL: ReminderStatus = { reachable: true, power: 'on', signal: 'none' };
const STANDBY: ReminderStatus = { reachable: true, power: 'standby', signal: null };

let clock: FakeClock;
let time: string | null;
let reminders: LeftOnReminders;
let changes: Reminder[][];

function setup(start: number): void {
  clock = new FakeClock(start);
  reminders = new LeftOnReminders({ reminderTime: () => time, clock });
  changes = [];
  reminders.on('changed', (list) => changes.push(list));
  reminders.setDevices([
    { deviceId: 'vp', name: 'Vidéoprojecteur' },
    { deviceId: 'vpi', name: 'VPI' },
  ]);
}

beforeEach(() => {
  time = '16:45';
});

describe('end-of-day reminder', () => {
  it('fires at the reminder time for a projector left on, not before', () => {
    setup(at(16, 0));
    reminders.update('vp', ON);
    reminders.update('vpi', STANDBY);
    clock.advance(44 * MIN + 59_000);
    expect(reminders.list()).toEqual([]);
    clock.advance(1000);
    expect(reminders.list()).toEqual([{ deviceId: 'vp', deviceName: 'Vidéoprojecteur', reason: 'end-of-day', since: at(16, 45) }]);
    expect(changes).toHaveLength(1);
  });

  it('fires at once for a projector switched on (or warming up) after the time', () => {
    setup(at(17, 10));
    reminders.update('vp', { reachable: true, power: 'warming', signal: null });
    expect(reminders.list()).toMatchObject([{ deviceId: 'vp', reason: 'end-of-day' }]);
  });

  it('does not fire for a projector in standby or cooling', () => {
    setup(at(17, 0));
    reminders.update('vp', STANDBY);
    reminders.update('vpi', { reachable: true, power: 'cooling', signal: null });
    clock.advance(10 * MIN);
    expect(reminders.list()).toEqual([]);
  });

  it('clears itself when the projector goes to cooling or standby, and comes back only the next day', () => {
    setup(at(16, 50));
    reminders.update('vp', ON);
    expect(reminders.list()).toHaveLength(1);
    reminders.update('vp', { reachable: true, power: 'cooling', signal: null });
    expect(reminders.list()).toEqual([]);
    reminders.update('vp', STANDBY);
    // Switched on again the same evening: once a day is enough.
    clock.advance(30 * MIN);
    reminders.update('vp', ON);
    clock.advance(60 * MIN);
    expect(reminders.list()).toEqual([]);
    // Day rollover: left on overnight, reminded again at tomorrow's time, not at midnight.
    clock.t = at(8, 0, 11);
    reminders.update('vp', { ...ON, signal: 'unknown' });
    expect(reminders.list()).toEqual([]);
    clock.advance(8 * 60 * MIN + 45 * MIN);
    expect(reminders.list()).toEqual([{ deviceId: 'vp', deviceName: 'Vidéoprojecteur', reason: 'end-of-day', since: at(16, 45, 11) }]);
  });

  it('a projector left on overnight is reminded again at the next day\'s time, with its new time', () => {
    setup(at(16, 50));
    reminders.update('vp', ON);
    const first = reminders.list()[0]!.since;
    clock.advance(24 * 60 * MIN);
    expect(reminders.list()).toMatchObject([{ deviceId: 'vp', reason: 'end-of-day' }]);
    expect(reminders.list()[0]!.since).toBe(at(16, 45, 11));
    expect(first).toBe(at(16, 45, 10));
  });

  it('clears itself when the projector stops answering or leaves the room', () => {
    setup(at(17, 0));
    reminders.update('vp', ON);
    reminders.update('vpi', ON);
    expect(reminders.list().map((r) => r.deviceId)).toEqual(['vp', 'vpi']);
    reminders.update('vpi', { ...ON, reachable: false });
    expect(reminders.list().map((r) => r.deviceId)).toEqual(['vp']);
    reminders.setDevices([{ deviceId: 'vpi', name: 'VPI' }]);
    expect(reminders.list()).toEqual([]);
  });

  it('« Plus tard » hides it for 30 minutes, then it comes back while the projector is still on', () => {
    setup(at(16, 45));
    reminders.update('vp', ON);
    expect(reminders.snooze('vp')).toBe(at(17, 15));
    expect(reminders.list()).toEqual([]);
    clock.advance(29 * MIN);
    expect(reminders.list()).toEqual([]);
    clock.advance(1 * MIN);
    expect(reminders.list()).toMatchObject([{ deviceId: 'vp', reason: 'end-of-day', since: at(16, 45) }]);
  });

  it('« Plus tard » on a projector without a reminder changes nothing', () => {
    setup(at(16, 0));
    reminders.update('vp', ON);
    expect(reminders.snooze('vp')).toBeNull();
    expect(reminders.snooze('unknown')).toBeNull();
    clock.advance(45 * MIN);
    expect(reminders.list()).toHaveLength(1);
  });

  it('reminderTime null: no end-of-day reminder at all', () => {
    time = null;
    setup(at(16, 0));
    reminders.update('vp', ON);
    clock.advance(8 * 60 * MIN);
    expect(reminders.list()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('reminderTime null: no no-signal reminder either', () => {
    time = null;
    setup(at(9, 0));
    reminders.update('vp', { ...ON, signal: 'none' });
    clock.advance(60 * MIN);
    expect(reminders.list()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('turning the setting off clears a reminder; a new time applies at once', () => {
    setup(at(17, 0));
    reminders.update('vp', ON);
    expect(reminders.list()).toHaveLength(1);
    time = null;
    reminders.settingChanged();
    expect(reminders.list()).toEqual([]);
    time = '17:30';
    reminders.settingChanged();
    expect(reminders.list()).toEqual([]);
    clock.advance(30 * MIN);
    expect(reminders.list()).toMatchObject([{ deviceId: 'vp', reason: 'end-of-day', since: at(17, 30) }]);
  });

  it('sleeps with no timer while every projector is off', () => {
    setup(at(9, 0));
    reminders.update('vp', STANDBY);
    reminders.update('vpi', STANDBY);
    expect(clock.pending()).toBe(0);
    reminders.update('vp', ON);
    expect(clock.pending()).toBe(1);
    reminders.dispose();
    expect(clock.pending()).toBe(0);
  });
});

describe('no-signal reminder', () => {
  it('fires after 20 minutes on with no signal, not before', () => {
    setup(at(10, 0));
    reminders.update('vp', NO_SIGNAL);
    clock.advance(19 * MIN);
    expect(reminders.list()).toEqual([]);
    clock.advance(1 * MIN);
    expect(reminders.list()).toEqual([{ deviceId: 'vp', deviceName: 'Vidéoprojecteur', reason: 'no-signal', since: at(10, 0) }]);
  });

  it('the picture coming back clears it and starts the 20 minutes over', () => {
    setup(at(10, 0));
    reminders.update('vp', NO_SIGNAL);
    clock.advance(15 * MIN);
    reminders.update('vp', ON);
    clock.advance(1 * MIN);
    reminders.update('vp', NO_SIGNAL);
    clock.advance(19 * MIN);
    expect(reminders.list()).toEqual([]);
    clock.advance(1 * MIN);
    expect(reminders.list()).toMatchObject([{ reason: 'no-signal', since: at(10, 16) }]);
    reminders.update('vp', ON);
    expect(reminders.list()).toEqual([]);
  });

  it('snoozes 30 minutes and clears on standby', () => {
    setup(at(10, 0));
    reminders.update('vp', NO_SIGNAL);
    clock.advance(20 * MIN);
    expect(reminders.snooze('vp')).toBe(at(10, 50));
    clock.advance(29 * MIN);
    expect(reminders.list()).toEqual([]);
    clock.advance(1 * MIN);
    expect(reminders.list()).toMatchObject([{ reason: 'no-signal' }]);
    reminders.update('vp', STANDBY);
    expect(reminders.list()).toEqual([]);
  });

  it('an unknown signal (class 1 projector) is not « no signal »', () => {
    setup(at(10, 0));
    reminders.update('vp', { ...ON, signal: null });
    reminders.update('vpi', { ...ON, signal: 'unknown' });
    clock.advance(60 * MIN);
    expect(reminders.list()).toEqual([]);
  });

  it('with no signal at the end of the day, the end-of-day reminder wins', () => {
    setup(at(16, 30));
    reminders.update('vp', NO_SIGNAL);
    clock.advance(15 * MIN);
    expect(reminders.list()).toMatchObject([{ reason: 'end-of-day' }]);
    clock.advance(10 * MIN);
    expect(reminders.list()).toMatchObject([{ reason: 'end-of-day' }]);
  });
});

describe('local time helpers', () => {
  it('reads "HH:MM" on the local day and refuses malformed times', () => {
    expect(timeOnDay(at(9, 12), '16:45')).toBe(at(16, 45));
    expect(timeOnDay(at(9, 12), null)).toBeNull();
    expect(timeOnDay(at(9, 12), '24:00')).toBeNull();
    expect(localDay(at(23, 59))).toBe('2025-03-10');
    expect(localDay(at(0, 0, 11))).toBe('2025-03-11');
  });
});
