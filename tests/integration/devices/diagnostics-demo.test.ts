/**
 * The guides' live diagnostics against the demo classroom's simulated projector: standby, wrong input
 * and muted picture are each found (✗) and « Réparer » on each makes every check ✓. A projector in
 * standby does not tell its input or mute state (PJLink answers ERR3), and powering on clears the mute
 * as real projectors do: so standby+wrong input and on+wrong input+muted are two scenarios.
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
