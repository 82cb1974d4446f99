/**
 * The host's devices module end to end on loopback: demo mode adds the "Salle de démonstration" with
 * real simulated PJLink devices; the one-click actions drive them through the contract; statuses and
 * progress come back as events; faults injected by the trainer show up with their guide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../main/host';
import type { Device, DeviceList } from '../../../preload/contract/devices';
import type { ActionDone, ProjectorStatus, PowerOffCheck } from '../../../preload/contract/projector';
import { call, nextEvent, testHost } from '../../support/host';

let host: Host;

beforeAll(async () => {
  host = await testHost();
});
afterAll(async () => {
  await host.dispose();
});

async function runAction(deviceId: string, action: Record<string, unknown>): Promise<ActionDone> {
  const started = call<{ actionId: string }>(host, 'actions.start', { deviceId, ...action });
  const { actionId } = await started;
  return nextEvent(host, 'actions.done', (d) => d.actionId === actionId, 30_000);
}

describe('demo classroom through the contract', () => {
  it('starts with no room and no device, then the demo mode adds the demo room and chooses it', async () => {
    const before = await call<DeviceList>(host, 'devices.list');
    expect(before.devices).toEqual([]);
    expect(before.currentRoom).toBeNull();
    const rooms = nextEvent(host, 'devices.rooms', (r) => r.currentRoom === 'demo');
    await call(host, 'settings.set', { patch: { demoMode: true } });
    expect(await rooms).toMatchObject({ currentRoom: 'demo', roomChoice: 'demo', rooms: [{ id: 'demo', name: 'Salle de démonstration', source: 'demo' }] });
    const list = await call<DeviceList>(host, 'devices.list');
    const demo = list.devices.filter((d) => d.room === 'demo');
    expect(demo.map((d) => d.id).sort()).toEqual(['inv:demo-projector', 'inv:demo-screen', 'inv:demo-vpi']);
    expect(demo.find((d) => d.id === 'inv:demo-vpi')).toMatchObject({ kind: 'interactive-projector', capabilities: expect.arrayContaining(['pjlink']) });
  });

  it('« Afficher mon écran » powers on through warm-up, selects the laptop input and unmutes', async () => {
    const progress: string[] = [];
    const off = host.events.on('actions.progress', (p) => progress.push(p.step));
    const done = await runAction('inv:demo-projector', { kind: 'show' });
    off();
    expect(done).toMatchObject({ status: 'succeeded', deviceId: 'inv:demo-projector', kind: 'show', error: null });
    expect(progress).toEqual(expect.arrayContaining(['powering_on', 'warming_up', 'unmuting']));
    const status = await call<ProjectorStatus>(host, 'projector.refresh', { deviceId: 'inv:demo-projector' });
    expect(status).toMatchObject({ deviceId: 'inv:demo-projector', reachable: true, power: 'on', mute: { video: false, audio: false } });
    expect(status.input).toBe(done.input);
  });

  it('« Masquer » then « Réafficher » (AVMT 31/30) are reflected in the status', async () => {
    expect(await runAction('inv:demo-projector', { kind: 'blank' })).toMatchObject({ status: 'succeeded' });
    expect((await call<ProjectorStatus>(host, 'projector.refresh', { deviceId: 'inv:demo-projector' })).mute).toEqual({ video: true, audio: true });
    expect(await runAction('inv:demo-projector', { kind: 'unblank' })).toMatchObject({ status: 'succeeded' });
    expect((await call<ProjectorStatus>(host, 'projector.refresh', { deviceId: 'inv:demo-projector' })).mute).toEqual({ video: false, audio: false });
  });

  it('lists the inputs with their names (INNM) for « Changer de source »', async () => {
    const inputs = await call<{ code: string; name: string | null }[]>(host, 'projector.inputs', { deviceId: 'inv:demo-vpi' });
    expect(inputs.map((i) => i.code)).toEqual(expect.arrayContaining(['32', '53', '55', '57']));
    expect(inputs.every((i) => typeof i.name === 'string' && i.name.length > 0)).toBe(true);
  });

  it('a lamp failure injected by the trainer shows as an alert with its guide', async () => {
    await call(host, 'demo.fault', { deviceId: 'inv:demo-projector', fault: 'lamp-error' });
    const status = await call<ProjectorStatus>(host, 'projector.refresh', { deviceId: 'inv:demo-projector' });
    expect(status.alerts).toContainEqual(expect.objectContaining({ component: 'lamp', level: 'error', code: 'pjlink.lamp_error', guide: 'guide:lamp-filter' }));
    await call(host, 'demo.fault', { deviceId: 'inv:demo-projector', fault: 'clear' });
  });

  it('a projector that does not answer ends « Afficher » with a clear message and its guide', async () => {
    await call(host, 'demo.fault', { deviceId: 'inv:demo-screen', fault: 'unplug-network' });
    const done = await runAction('inv:demo-screen', { kind: 'show' });
    expect(done.status).toBe('failed');
    expect(done.error?.code).toMatch(/^pjlink\.(unreachable|timeout|connection_lost)$/);
    expect(done.error?.guide).toBe('guide:standby-network');
    await call(host, 'demo.fault', { deviceId: 'inv:demo-screen', fault: 'clear' });
  });

  it('checks before « Éteindre », then powers off', async () => {
    // (The lamp failure above shut the projector down, as real ones do: show the screen again first.)
    expect(await runAction('inv:demo-projector', { kind: 'show' })).toMatchObject({ status: 'succeeded' });
    const check = await call<PowerOffCheck>(host, 'projector.checkPowerOff', { deviceId: 'inv:demo-projector' });
    expect(check).toMatchObject({ power: 'on', confirm: true, otherSourceInUse: false });
    expect(await runAction('inv:demo-projector', { kind: 'off' })).toMatchObject({ status: 'succeeded' });
    expect((await call<ProjectorStatus>(host, 'projector.refresh', { deviceId: 'inv:demo-projector' })).power).toMatch(/^(standby|cooling)$/);
  });

  it('refuses unknown devices and input that does not fit the contract', async () => {
    const r = await host.dispatcher.dispatch('actions.start', { deviceId: 'inv:nope', kind: 'show' }, { transport: 'web' });
    expect(r).toMatchObject({ ok: false, error: { code: 'devices.not_found' } });
    const bad = await host.dispatcher.dispatch('actions.start', { deviceId: 'inv:demo-projector', kind: 'explode' }, { transport: 'web' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'contract.invalid_input' } });
  });

  it('turning the demo mode off removes the demo room and its devices', async () => {
    const rooms = nextEvent(host, 'devices.rooms', (r) => r.currentRoom === null);
    await call(host, 'settings.set', { patch: { demoMode: false } });
    expect((await rooms).rooms).toEqual([]);
    const list = await call<DeviceList>(host, 'devices.list');
    expect(list.devices.filter((d: Device) => d.room === 'demo')).toEqual([]);
  });
});
