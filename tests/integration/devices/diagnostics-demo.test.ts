/**
 * The guides' live diagnostics against the demo classroom's simulated projector (real PJLink over
 * loopback TCP): standby, wrong input and muted picture are each found (✗) and « Réparer » on each
 * makes every check ✓.
 *
 * PJLink lets a projector in standby either answer ERR3 to INPT?/AVMT? ("unavailable now", Epson-like:
 * the demo's default) or tell its stored input and mute (several NEC, Panasonic, Sony; many also keep
 * the mute across power-on). With ERR3, input and mute are « non vérifié » in standby, so standby+wrong
 * input and on+wrong input+muted are two scenarios. The trainer's « En veille sur une autre source,
 * image masquée » turns the demo projector into the other kind: the three ✗ show at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../main/host';
import type { ActionDone } from '../../../preload/contract/projector';
import { call, nextEvent, testHost } from '../../support/host';

interface Item {
  key: string;
  check: string;
  deviceId: string | null;
  status: string;
  fix: string | null;
  messageKey: string;
}
interface Run {
  id: string;
  finishedAt: number | null;
  items: Item[];
}

let host: Host;
const PROJECTOR = 'inv:demo-projector';

async function action(body: Record<string, unknown>): Promise<ActionDone> {
  const { actionId } = await call<{ actionId: string }>(host, 'actions.start', { deviceId: PROJECTOR, ...body });
  return nextEvent(host, 'actions.done', (d) => d.actionId === actionId, 30_000);
}

function mine(run: Run): Record<string, string> {
  return Object.fromEntries(run.items.filter((i) => i.deviceId === PROJECTOR).map((i) => [i.check, i.status]));
}

beforeAll(async () => {
  host = await testHost();
  const rooms = nextEvent(host, 'devices.rooms', (r) => r.currentRoom === 'demo');
  await call(host, 'settings.set', { patch: { demoMode: true } });
  await rooms;
  // The state a teacher finds in the morning: on the wrong source, muted, then switched off.
  expect(await action({ kind: 'show' })).toMatchObject({ status: 'succeeded' });
  const inputs = await call<{ code: string }[]>(host, 'projector.inputs', { deviceId: PROJECTOR });
  const status = await call<{ input: string }>(host, 'projector.refresh', { deviceId: PROJECTOR });
  const wrong = inputs.find((i) => i.code !== status.input)!.code;
  expect(await action({ kind: 'select-input', input: wrong })).toMatchObject({ status: 'succeeded' });
  expect(await action({ kind: 'off' })).toMatchObject({ status: 'succeeded' });
}, 120_000);

afterAll(async () => {
  await host.dispose();
});

async function finished(run: Run): Promise<Run> {
  if (run.finishedAt) return run;
  return (await nextEvent(host, 'diagnostics.updated', (r) => (r as Run).id === run.id && (r as Run).finishedAt !== null, 60_000)) as Run;
}

/** Clicks « Réparer » on each failing item that offers it, as a teacher would, top to bottom. */
async function repairAll(run: Run): Promise<Run> {
  const tried = new Set<string>();
  for (;;) {
    const item = run.items.find((i) => i.deviceId === PROJECTOR && i.status === 'fail' && i.fix && !tried.has(i.key));
    if (!item) return run;
    tried.add(item.key);
    run = await call<Run>(host, 'diagnostics.fix', { runId: run.id, itemKey: item.key });
  }
}

describe('« Pas de signal » diagnostic on the demo projector', () => {
  it('in standby on the wrong input: power ✗, then (once on) input ✗; « Réparer » each → all ✓', async () => {
    const first = await finished(await call<Run>(host, 'diagnostics.start', { guideId: 'no-signal', lang: 'fr' }));
    expect(mine(first)).toMatchObject({ 'projector.reachable': 'pass', 'projector.power': 'fail' });
    const power = first.items.find((i) => i.deviceId === PROJECTOR && i.check === 'projector.power')!;
    expect(power).toMatchObject({ fix: 'projector.powerOn', messageKey: 'check.projector.power.standby' });
    // ERR3 in standby: an unknown value is not a ✗, and nothing to repair there yet.
    for (const check of ['projector.input', 'projector.mute']) {
      const item = first.items.find((i) => i.deviceId === PROJECTOR && i.check === check)!;
      expect(item).toMatchObject({ status: 'skipped', messageKey: `check.${check}.unavailable`, fix: null });
    }

    // Réparer: the projector warms up, then the later checks run again and can read the input now.
    const afterPower = await call<Run>(host, 'diagnostics.fix', { runId: first.id, itemKey: power.key });
    expect(mine(afterPower)).toMatchObject({ 'projector.power': 'pass', 'projector.input': 'fail' });
    const input = afterPower.items.find((i) => i.deviceId === PROJECTOR && i.check === 'projector.input')!;
    expect(input).toMatchObject({ fix: 'projector.selectInput', messageKey: 'check.projector.input.wrong' });

    const final = mine(await repairAll(afterPower));
    expect(Object.entries(final).filter(([, status]) => status === 'fail')).toEqual([]);
    expect(final).toMatchObject({ 'projector.power': 'pass', 'projector.input': 'pass', 'projector.mute': 'pass' });
  });

  it('on, on the wrong input and muted: input ✗ and mute ✗; « Réparer » each → all ✓ and the picture is back', async () => {
    const inputs = await call<{ code: string }[]>(host, 'projector.inputs', { deviceId: PROJECTOR });
    const status = await call<{ input: string }>(host, 'projector.refresh', { deviceId: PROJECTOR });
    expect(await action({ kind: 'select-input', input: inputs.find((i) => i.code !== status.input)!.code })).toMatchObject({ status: 'succeeded' });
    expect(await action({ kind: 'blank' })).toMatchObject({ status: 'succeeded' });

    const first = await finished(await call<Run>(host, 'diagnostics.start', { guideId: 'no-signal', lang: 'fr' }));
    expect(mine(first)).toMatchObject({ 'projector.power': 'pass', 'projector.input': 'fail', 'projector.mute': 'fail' });
    const final = mine(await repairAll(first));
    expect(Object.entries(final).filter(([, s]) => s === 'fail')).toEqual([]);
    const after = await call<{ power: string; input: string; mute: { video: boolean } }>(host, 'projector.refresh', { deviceId: PROJECTOR });
    expect(after).toMatchObject({ power: 'on', input: status.input, mute: { video: false } });
  });
});

describe('« Pas de signal » on a projector that tells its input and mute in standby', () => {
  function item(run: Run, check: string): Item {
    return run.items.find((i) => i.deviceId === PROJECTOR && i.check === check)!;
  }
  function failing(run: Run): string[] {
    return Object.entries(mine(run))
      .filter(([, status]) => status === 'fail')
      .map(([check]) => check);
  }
  async function morning(): Promise<Run> {
    expect(await call(host, 'demo.fault', { deviceId: PROJECTOR, fault: 'standby-wrong-input-muted' })).toEqual({ applied: true });
    return finished(await call<Run>(host, 'diagnostics.start', { guideId: 'no-signal', lang: 'fr' }));
  }

  it('in standby on the wrong input and muted: exactly three ✗ (power, input, mute); « Réparer » each in order → all ✓', async () => {
    const first = await morning();
    expect(failing(first)).toEqual(['projector.power', 'projector.input', 'projector.mute']);
    expect(item(first, 'projector.power')).toMatchObject({ fix: 'projector.powerOn', messageKey: 'check.projector.power.standby' });
    expect(item(first, 'projector.input')).toMatchObject({ fix: 'projector.selectInput', messageKey: 'check.projector.input.wrong' });
    expect(item(first, 'projector.mute')).toMatchObject({ fix: 'projector.unmute', messageKey: 'check.projector.mute.on' });

    // 1. Power: on after the warm-up; the input is still the wrong one and the mute survived.
    const afterPower = await call<Run>(host, 'diagnostics.fix', { runId: first.id, itemKey: item(first, 'projector.power').key });
    expect(mine(afterPower)).toMatchObject({ 'projector.power': 'pass', 'projector.input': 'fail', 'projector.mute': 'fail' });
    // The wrong input receives nothing: « pas d'image » follows from the input, with no « Réparer » of its own.
    expect(item(afterPower, 'projector.signal')).toMatchObject({ status: 'fail', fix: null });

    // 2. Input: the laptop's picture arrives.
    const afterInput = await call<Run>(host, 'diagnostics.fix', { runId: first.id, itemKey: item(first, 'projector.input').key });
    expect(mine(afterInput)).toMatchObject({ 'projector.power': 'pass', 'projector.input': 'pass', 'projector.signal': 'pass', 'projector.mute': 'fail' });

    // 3. Mute: nothing left.
    const afterMute = await call<Run>(host, 'diagnostics.fix', { runId: first.id, itemKey: item(first, 'projector.mute').key });
    expect(failing(afterMute)).toEqual([]);
    expect(mine(afterMute)).toMatchObject({ 'projector.power': 'pass', 'projector.input': 'pass', 'projector.mute': 'pass' });
    const after = await call<{ power: string; input: string; mute: { video: boolean } }>(host, 'projector.refresh', { deviceId: PROJECTOR });
    expect(after).toMatchObject({ power: 'on', input: '31', mute: { video: false } });
  });

  it('« Réparer » on the input or the mute before the power: refused in standby, the fix says to switch it on first', async () => {
    const first = await morning();
    expect(failing(first)).toEqual(['projector.power', 'projector.input', 'projector.mute']);
    for (const check of ['projector.input', 'projector.mute']) {
      const run = await call<Run & { items: (Item & { fixError: { code: string; guide?: string } | null })[] }>(host, 'diagnostics.fix', { runId: first.id, itemKey: item(first, check).key });
      const refused = run.items.find((i) => i.deviceId === PROJECTOR && i.check === check)!;
      expect(refused).toMatchObject({ status: 'fail', fixError: { code: 'guides.fix_power_first', guide: 'guide:power-lamp' } });
      expect(mine(run)['projector.power']).toBe('fail');
    }
    // Then in the right order: everything ✓.
    const afterPower = await call<Run>(host, 'diagnostics.fix', { runId: first.id, itemKey: item(first, 'projector.power').key });
    expect(failing(await repairAll(afterPower))).toEqual([]);
  });
});
