/**
 * The left-on reminder end to end on loopback: the demo classroom's simulated projectors (real PJLink
 * over TCP), the poller, the devices module and the contract. The reminders' clock is the real one
 * shifted to a chosen time of day, so the test reaches 16:45 without waiting for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../main/host';
import type { ReminderClock } from '../../../main/services/actions/left-on-reminder';
import type { ActionDone, ProjectorStatus } from '../../../preload/contract/projector';
import type { ReminderList } from '../../../preload/contract/reminders';
import { call, nextEvent, testHost } from '../../support/host';

/** Real time plus an offset; `jumpTo` moves the offset and runs the timers that became due. */
class ShiftedClock implements ReminderClock {
  private offset = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void; real: NodeJS.Timeout }>();
  now = () => Date.now() + this.offset;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    const real = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    this.timers.set(id, { at: this.now() + ms, fn, real });
    return id;
  };
  clearTimeout = (h: unknown) => {
    const t = this.timers.get(h as number);
    if (t) clearTimeout(t.real);
    this.timers.delete(h as number);
  };
  jumpTo(time: number): void {
    this.offset += time - this.now();
    for (const [id, t] of [...this.timers]) {
      if (t.at > time) continue;
      clearTimeout(t.real);
      this.timers.delete(id);
      t.fn();
    }
  }
}

const today = (h: number, m: number, s = 0) => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m, s).getTime();
};

const clock = new ShiftedClock();
let host: Host;

beforeAll(async () => {
  clock.jumpTo(today(16, 30));
  host = await testHost({ devices: { networkDiscovery: false, notifications: false, demoTimeScale: 0.02, reminderClock: clock } });
  const rooms = nextEvent(host, 'devices.rooms', (r) => r.currentRoom === 'demo');
  await call(host, 'settings.set', { patch: { demoMode: true } });
  await rooms;
});
afterAll(async () => {
  await host?.dispose();
});

async function runAction(deviceId: string, kind: string): Promise<ActionDone> {
  const { actionId } = await call<{ actionId: string }>(host, 'actions.start', { deviceId, kind });
  return nextEvent(host, 'actions.done', (d) => d.actionId === actionId, 30_000);
}

describe('left-on reminder with the demo classroom', () => {
  it('no reminder before the end-of-day time, one when it comes for the projector left on', async () => {
    expect((await call<{ values: { reminderTime: string | null } }>(host, 'settings.get')).values.reminderTime).toBe('16:45');
    expect(await runAction('inv:demo-projector', 'show')).toMatchObject({ status: 'succeeded' });
    expect(await call<ReminderList>(host, 'reminders.list')).toEqual({ reminders: [] });
    const raised = nextEvent(host, 'reminders.changed', (l) => l.reminders.length > 0);
    clock.jumpTo(today(16, 45));
    expect(await raised).toEqual({ reminders: [{ deviceId: 'inv:demo-projector', deviceName: 'Vidéoprojecteur', reason: 'end-of-day', since: today(16, 45) }] });
    expect((await call<ReminderList>(host, 'reminders.list')).reminders).toHaveLength(1);
  });

  it('« Plus tard » hides it; it comes back 30 minutes later', async () => {
    expect(await call(host, 'reminders.snooze', { deviceId: 'inv:demo-vpi' })).toEqual({ snoozed: false, until: null });
    const hidden = nextEvent(host, 'reminders.changed', (l) => l.reminders.length === 0);
    expect(await call(host, 'reminders.snooze', { deviceId: 'inv:demo-projector' })).toEqual({ snoozed: true, until: expect.any(Number) });
    await hidden;
    const back = nextEvent(host, 'reminders.changed', (l) => l.reminders.length === 1);
    clock.jumpTo(today(17, 16));
    expect((await back).reminders[0]).toMatchObject({ deviceId: 'inv:demo-projector', reason: 'end-of-day' });
  });

  it('« Éteindre » (the off action) puts the projector to standby and clears the reminder', async () => {
    const cleared = nextEvent(host, 'reminders.changed', (l) => l.reminders.length === 0, 30_000);
    expect(await runAction('inv:demo-projector', 'off')).toMatchObject({ status: 'succeeded' });
    await cleared;
    expect((await call<ProjectorStatus>(host, 'projector.refresh', { deviceId: 'inv:demo-projector' })).power).toBe('standby');
    expect(await call<ReminderList>(host, 'reminders.list')).toEqual({ reminders: [] });
  });

  it('a projector on with no signal for 20 minutes is pointed out', async () => {
    // The next morning, long before the end-of-day time: only the no-signal reminder can come.
    await call(host, 'settings.set', { patch: { reminderTime: '16:45' } });
    clock.jumpTo(today(9, 0) + 24 * 3600_000);
    expect(await runAction('inv:demo-vpi', 'show')).toMatchObject({ status: 'succeeded' });
    const noSignal = nextEvent(host, 'projector.status', (s) => s.deviceId === 'inv:demo-vpi' && s.signal === 'none');
    await call(host, 'demo.fault', { deviceId: 'inv:demo-vpi', fault: 'no-signal' });
    await noSignal;
    expect(await call<ReminderList>(host, 'reminders.list')).toEqual({ reminders: [] });
    const raised = nextEvent(host, 'reminders.changed', (l) => l.reminders.length > 0);
    clock.jumpTo(clock.now() + 20 * 60_000);
    expect((await raised).reminders).toMatchObject([{ deviceId: 'inv:demo-vpi', deviceName: 'Vidéoprojecteur interactif (VPI)', reason: 'no-signal' }]);
    await call(host, 'demo.fault', { deviceId: 'inv:demo-vpi', fault: 'clear' });
  });
});
