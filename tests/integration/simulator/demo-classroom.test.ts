/** The demo classroom: three devices on loopback, usable by the real actions, broken on purpose by a trainer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoClassroom, DEMO_ROOM_ID } from '../../../main/services/simulator/demo-classroom';
import { ProjectorManager } from '../../../main/services/pjlink/manager';
import { ProjectorActions } from '../../../main/services/actions/projector-actions';
import type { ActionRequest } from '../../../main/services/actions/types';
import { waitFor } from '../pjlink/helpers';

let demo: DemoClassroom;
let manager: ProjectorManager;
let actions: ProjectorActions;

beforeEach(async () => {
  demo = await DemoClassroom.start({ timeScale: 0.015 });
  manager = new ProjectorManager({ secrets: demo.secretFor, connection: { commandTimeoutMs: 800, authRetryMs: 60_000, backoffInitialMs: 50, backoffMaxMs: 100 } });
  actions = new ProjectorActions({ manager, timing: { pollIntervalMs: 40, busyRetryMs: 30, signalSettleMs: 20, unreachableGraceMs: 200, maxWarmupMs: 5000 } });
  demo.on('fault', ({ target, credentialsChanged }) => {
    if (credentialsChanged) manager.credentialsChanged(target);
  });
});
afterEach(async () => {
  await actions.dispose();
  await manager.dispose();
  await demo.stop();
});

function projectorRef(id: 'demo-projector' | 'demo-vpi' | 'demo-screen') {
  const entry = demo.inventory().find((e) => e.id === id)!;
  return { host: entry.host, port: entry.pjlinkPort!, deviceId: entry.id, preferredInput: entry.preferredInput ?? null };
}

function act(request: ActionRequest) {
  return actions.start(request).result;
}

describe('DemoClassroom', () => {
  it('describes the room for the registry: inventory and reports, room id "demo"', () => {
    const inventory = demo.inventory();
    expect(demo.room).toEqual({ id: 'demo', name: 'Salle de démonstration', school: null, source: 'demo' });
    expect(inventory.map((e) => [e.id, e.kind, e.room])).toEqual([
      ['demo-projector', 'projector', DEMO_ROOM_ID],
      ['demo-vpi', 'interactive-projector', DEMO_ROOM_ID],
      ['demo-screen', 'screen', DEMO_ROOM_ID],
    ]);
    expect(new Set(inventory.map((e) => e.pjlinkPort)).size).toBe(3);
    const reports = demo.reports();
    expect(reports[0]).toMatchObject({
      source: 'demo',
      identity: { inventoryId: 'demo-projector', host: '127.0.0.1' },
      capabilities: ['pjlink'],
      endpoints: { pjlink: { class: 2, authRequired: true } },
      alive: true,
    });
    expect(reports[2]?.endpoints?.pjlink).toMatchObject({ class: 1, authRequired: false });
    expect(demo.secretFor(demo.target('demo-projector'))).toMatch(/^[0-9a-f]{12}$/);
    expect(demo.secretFor({ host: '127.0.0.1', port: 1 })).toBeNull();
  });

  it('"Afficher" works on each device (signal search, single digital input, class 1 screen)', async () => {
    expect(await act({ kind: 'show', projector: projectorRef('demo-projector') })).toMatchObject({ status: 'succeeded', input: '31', warnings: [] });
    expect(await act({ kind: 'show', projector: projectorRef('demo-vpi') })).toMatchObject({ status: 'succeeded', input: '32', warnings: [] });
    // The class 1 screen has three HDMI inputs: the demo profile names the laptop's.
    expect(await act({ kind: 'show', projector: projectorRef('demo-screen') })).toMatchObject({ status: 'succeeded', input: '31' });
    expect(demo.snapshot()['demo-vpi']).toMatchObject({ power: 'on', input: '32' });
  });

  it('names the interactive projector\'s inputs like an Epson VPI', async () => {
    const inputs = await manager.client(demo.target('demo-vpi')).inputs();
    expect(inputs.map((i) => `${i.code}=${i.name}`)).toEqual(['32=HDMI1', '53=USB Display', '55=Whiteboard', '57=Screen Mirroring']);
  });

  it('trainer faults: lamp error, then repaired', async () => {
    await demo.apply('demo-projector', 'lamp-error');
    expect((await act({ kind: 'show', projector: projectorRef('demo-projector') })).error).toMatchObject({ code: 'pjlink.lamp_error', guide: 'guide:lamp-filter' });
    await demo.apply('demo-projector', 'clear');
    expect((await act({ kind: 'show', projector: projectorRef('demo-projector') })).status).toBe('succeeded');
  });

  it('trainer faults: wrong password, then repaired (credentials reset through the event)', async () => {
    await demo.apply('demo-vpi', 'wrong-password');
    expect((await act({ kind: 'blank', projector: projectorRef('demo-vpi') })).error).toMatchObject({ code: 'pjlink.auth_failed', guide: 'guide:pjlink-password' });
    await demo.apply('demo-vpi', 'clear');
    expect((await act({ kind: 'on', projector: projectorRef('demo-vpi') })).status).toBe('succeeded');
  });

  it('trainer faults: network unplugged, no signal, overheat', async () => {
    await demo.apply('demo-screen', 'unplug-network');
    expect((await act({ kind: 'on', projector: projectorRef('demo-screen') })).error).toMatchObject({ code: 'pjlink.unreachable', guide: 'guide:standby-network' });
    expect(demo.reports()[2]?.alive).toBe(false);

    await demo.apply('demo-projector', 'no-signal');
    const shown = await act({ kind: 'show', projector: { ...projectorRef('demo-projector'), preferredInput: '31' } });
    expect(shown.warnings).toEqual([expect.objectContaining({ code: 'pjlink.no_signal', guide: 'guide:no-signal' })]);

    await demo.apply('demo-projector', 'overheat');
    await waitFor(() => demo.snapshot()['demo-projector'].power !== 'on');
    expect(demo.snapshot()['demo-projector'].errors.temperature).toBe('error');
  });

  it('trainer scenario « en veille sur une autre source, image masquée »: told in standby, mute kept at power-on; « Tout réparer » restores ERR3', async () => {
    const client = manager.client(demo.target('demo-projector'));
    await expect(client.input()).rejects.toMatchObject({ code: 'pjlink.unavailable' });
    await demo.apply('demo-projector', 'standby-wrong-input-muted');
    expect(demo.snapshot()['demo-projector']).toMatchObject({ power: 'standby', input: '11', mute: { video: true, audio: true } });
    expect(await client.input()).toBe('11');
    expect(await client.mute()).toEqual({ video: true, audio: true });
    // Setting them still needs the projector on (ERR3 → « allumez-le d'abord »).
    expect((await act({ kind: 'unblank', projector: projectorRef('demo-projector') })).error).toMatchObject({ code: 'pjlink.is_off' });
    expect(await act({ kind: 'on', projector: projectorRef('demo-projector') })).toMatchObject({ status: 'succeeded' });
    expect(await client.mute()).toEqual({ video: true, audio: true });

    await demo.apply('demo-projector', 'clear');
    demo.device('demo-projector').simulator.setPower('standby');
    await expect(client.input()).rejects.toMatchObject({ code: 'pjlink.unavailable' });
    await expect(client.mute()).rejects.toMatchObject({ code: 'pjlink.unavailable' });
  });
});
