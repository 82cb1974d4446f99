/** The poller against simulators over loopback: events on change only, adaptive pace, pause, fleets. */
import { afterEach, describe, expect, it } from 'vitest';
import { Rig, sleep, waitFor } from './helpers';
import { ProjectorPoller, type PollerOptions } from '../../../main/services/pjlink/poller';
import type { ProjectorStatus } from '../../../main/services/pjlink/status';
import { componentAlerts } from '../../../main/services/pjlink/status';

const rig = new Rig();
const pollers: ProjectorPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.dispose()));
  await rig.cleanup();
});

function poller(options: Partial<PollerOptions> = {}): ProjectorPoller {
  const p = new ProjectorPoller({ manager: options.manager ?? rig.manager(), intervals: { fastMs: 40, normalMs: 60, idleMs: 60, offlineMs: 200 }, ...options });
  pollers.push(p);
  return p;
}

describe('ProjectorPoller', () => {
  it('reads the full status of a class 2 projector', async () => {
    const sim = await rig.sim({ power: 'on', input: '31', filterHours: 120, lampHours: 900 });
    const p = poller();
    p.watch(sim.address);
    const [status] = await p.pollAll();
    expect(status).toMatchObject({
      reachable: true,
      problem: null,
      pjlinkClass: 2,
      power: 'on',
      input: '31',
      mute: { video: false, audio: false },
      freeze: false,
      errors: { lamp: 'ok' },
      lamps: [{ hours: 900, on: true }],
      hasLamp: true,
      filterHours: 120,
      resolution: { width: 1920, height: 1080 },
    });
  });

  it('reports no signal (IRES -) and standby without input', async () => {
    const sim = await rig.sim({ power: 'on', input: '32' });
    const p = poller();
    p.watch(sim.address);
    expect((await p.pollAll())[0]?.resolution).toBe('no-signal');
    sim.setPower('standby');
    const [status] = await p.pollAll();
    expect(status).toMatchObject({ power: 'standby', input: null, mute: null, resolution: null });
  });

  it('reads the stored input and mute in standby from a projector that tells them', async () => {
    const sim = await rig.sim({ power: 'on', input: '31', quirks: { standbyQueries: 'answer', muteSurvivesPowerOn: true } });
    const p = poller();
    p.watch(sim.address);
    await p.pollAll();
    sim.setInput('32');
    sim.setMute({ video: true, audio: true });
    sim.setPower('standby');
    const [status] = await p.pollAll();
    expect(status).toMatchObject({ power: 'standby', input: '32', mute: { video: true, audio: true }, freeze: null, resolution: null });
  });

  it('asks a projector that answered ERR3 in standby again only with the slow values; one that answers, every time', async () => {
    const refusing = await rig.sim({ power: 'standby' });
    const telling = await rig.sim({ power: 'standby', quirks: { standbyQueries: 'answer' } });
    const count = (sim: typeof refusing) => {
      const seen = { POWR: 0, INPT: 0, AVMT: 0 };
      sim.on('command', ({ line }) => {
        const command = line.slice(2, 6) as keyof typeof seen;
        if (command in seen) seen[command]++;
      });
      return seen;
    };
    const [r, t] = [count(refusing), count(telling)];
    const p = poller({ slowEvery: 4, intervals: { fastMs: 15, normalMs: 15, idleMs: 15, offlineMs: 15 } });
    p.watch(refusing.address);
    p.watch(telling.address);
    await waitFor(() => r.POWR >= 12 && t.POWR >= 12);
    p.pause();
    await sleep(50);
    expect(p.get(refusing.address)).toMatchObject({ power: 'standby', input: null, mute: null });
    expect(p.get(telling.address)).toMatchObject({ power: 'standby', input: '11', mute: { video: false, audio: false } });
    // Polls 0, 4, 8…: about a quarter of the polls (and never none: a projector may change its mind).
    expect(r.INPT).toBeGreaterThanOrEqual(1);
    expect(r.INPT).toBeLessThanOrEqual(Math.ceil(r.POWR / 4) + 1);
    expect(r.AVMT).toBe(r.INPT);
    expect(t.INPT).toBe(t.POWR);
    expect(t.AVMT).toBe(t.POWR);
  });

  it('emits status events only when something changed', async () => {
    const sim = await rig.sim({ power: 'on' });
    const p = poller({ intervals: { fastMs: 20, normalMs: 20, idleMs: 20, offlineMs: 20 } });
    const events: { changed: (keyof ProjectorStatus)[] }[] = [];
    p.on('status', (e) => events.push(e));
    p.watch(sim.address);
    await waitFor(() => sim.stats.commands > 40);
    expect(events).toHaveLength(1);
    sim.setError('lamp', 'warning');
    await waitFor(() => events.length === 2);
    expect(events[1]?.changed).toEqual(['errors']);
    expect(componentAlerts(p.get(sim.address)!.errors)).toEqual([{ component: 'lamp', level: 'warning', code: 'pjlink.lamp_warning', guide: 'guide:lamp-filter' }]);
    const commandsBefore = sim.stats.commands;
    await waitFor(() => sim.stats.commands > commandsBefore + 20);
    expect(events).toHaveLength(2);
  });

  it('polls fast during warm-up and slowly in standby', async () => {
    const sim = await rig.sim({ warmupMs: 600 });
    const manager = rig.manager();
    const p = poller({ manager, intervals: { fastMs: 30, normalMs: 400, idleMs: 400, offlineMs: 400 } });
    p.watch(sim.address);
    await p.pollAll();
    const standbyStart = sim.stats.commands;
    await sleep(300);
    // In standby: at most one more poll (POWR + ERST) in 300 ms.
    expect(sim.stats.commands - standbyStart).toBeLessThanOrEqual(2);
    // The same manager, so the same single connection (the simulator accepts one client).
    await manager.client(sim.address).setPower(true);
    await p.refresh(sim.address);
    const warmStart = sim.stats.commands;
    await sleep(300);
    // Every 30 ms while warming (POWR + ERST each time): well above the standby pace.
    expect(sim.stats.commands - warmStart).toBeGreaterThanOrEqual(6);
  });

  it('stops while paused and catches up on resume', async () => {
    const sim = await rig.sim({ power: 'on' });
    const p = poller();
    p.watch(sim.address);
    await p.pollAll();
    p.pause();
    await sleep(50);
    const before = sim.stats.commands;
    await sleep(250);
    expect(sim.stats.commands).toBe(before);
    p.resume();
    await waitFor(() => sim.stats.commands > before);
  });

  it('reports an unreachable projector with its guide, then recovers', async () => {
    const sim = await rig.sim({ power: 'on' });
    const p = new ProjectorPoller({ manager: rig.manager({ connection: { backoffInitialMs: 20, backoffMaxMs: 40 } }), intervals: { fastMs: 30, normalMs: 30, idleMs: 30, offlineMs: 30 } });
    pollers.push(p);
    const seen: ProjectorStatus[] = [];
    p.on('status', ({ status }) => seen.push(status));
    p.watch(sim.address);
    await waitFor(() => seen.some((s) => s.power === 'on'));
    await sim.setNetwork(false);
    await waitFor(() => seen.at(-1)?.reachable === false);
    expect(seen.at(-1)?.problem).toEqual({ code: 'pjlink.unreachable', guide: 'guide:standby-network' });
    await sim.setNetwork(true);
    await waitFor(() => seen.at(-1)?.reachable === true, 5000);
    expect(seen.at(-1)?.problem).toBeNull();
  });

  it('retries soon, not after the offline interval, when a single-client projector was busy with another connection', async () => {
    // The IT inventory's reachability check (or `classe scan`) holds the only connection at the first poll.
    const sim = await rig.sim({ power: 'on', singleClient: 'refuse' });
    const other = rig.raw(sim.address.port);
    await new Promise((r) => other.once('data', r));
    const p = new ProjectorPoller({ manager: rig.manager({ connection: { backoffInitialMs: 20, backoffMaxMs: 40 } }), intervals: { fastMs: 100, normalMs: 60_000, idleMs: 60_000, offlineMs: 60_000 } });
    pollers.push(p);
    const seen: ProjectorStatus[] = [];
    p.on('status', ({ status }) => seen.push(status));
    p.watch(sim.address);
    await waitFor(() => seen.at(-1)?.reachable === false);
    expect(seen.at(-1)?.problem?.code).toBe('pjlink.connection_lost');
    other.destroy();
    // 200 ms later (2 × fastMs), not a minute later.
    await waitFor(() => seen.at(-1)?.reachable === true, 2_000);
    expect(seen.at(-1)).toMatchObject({ power: 'on', problem: null });
  });

  it('does not retry a wrong password faster than the offline interval', async () => {
    const sim = await rig.sim({ password: 'right' });
    const p = new ProjectorPoller({ manager: rig.manager({ secrets: () => 'wrong' }), intervals: { fastMs: 20, normalMs: 60_000, idleMs: 60_000, offlineMs: 60_000 } });
    pollers.push(p);
    let failures = 0;
    sim.on('auth-failed', () => failures++);
    p.watch(sim.address);
    await waitFor(() => failures === 1);
    await sleep(400);
    expect(failures).toBe(1);
  });

  it('reports a wrong password as reachable with an auth problem', async () => {
    const sim = await rig.sim({ password: 'right' });
    const p = new ProjectorPoller({ manager: rig.manager({ secrets: () => 'wrong' }) });
    pollers.push(p);
    p.watch(sim.address);
    const [status] = await p.pollAll();
    expect(status).toMatchObject({ reachable: true, problem: { code: 'pjlink.auth_failed', guide: 'guide:pjlink-password' } });
  });

  it('applies a notification at once when it can tell which projector sent it', async () => {
    const sim = await rig.sim({ power: 'on', host: '127.0.0.1' });
    const p = poller({ intervals: { fastMs: 10_000, normalMs: 10_000, idleMs: 10_000, offlineMs: 10_000 } });
    p.watch(sim.address);
    await p.pollAll();
    const events: ProjectorStatus[] = [];
    p.on('status', ({ status }) => events.push(status));
    p.applyNotification('127.0.0.1', { type: 'errors', errors: { fan: 'ok', lamp: 'error', temperature: 'ok', cover: 'ok', filter: 'ok', other: 'ok' } });
    expect(events[0]?.errors?.lamp).toBe('error');
    // …and the next poll (soon) sets the truth back.
    await waitFor(() => events.length === 2);
    expect(events[1]?.errors?.lamp).toBe('ok');
  });

  it('polls a fleet with bounded concurrency', async () => {
    const sims = await Promise.all(Array.from({ length: 12 }, () => rig.sim({ power: 'on', pjlinkClass: 1, responseDelayMs: 5 })));
    const p = new ProjectorPoller({ manager: rig.manager(), concurrency: 3, intervals: { fastMs: 60_000, normalMs: 60_000, idleMs: 60_000, offlineMs: 60_000 } });
    pollers.push(p);
    // Each projector's poll spans from its first to its last command; count how many overlap.
    const spans = sims.map(() => ({ first: Infinity, last: 0 }));
    sims.forEach((sim, i) =>
      sim.on('command', () => {
        const t = performance.now();
        spans[i]!.first = Math.min(spans[i]!.first, t);
        spans[i]!.last = Math.max(spans[i]!.last, t);
      }),
    );
    for (const sim of sims) p.watch(sim.address, { pjlinkClass: 1 });
    const statuses = await p.pollAll();
    expect(statuses.every((s) => s.power === 'on')).toBe(true);
    const maxOverlap = Math.max(...spans.map((a) => spans.filter((b) => b.first <= a.first && a.first <= b.last).length));
    expect(maxOverlap).toBeLessThanOrEqual(3);
    expect(maxOverlap).toBeGreaterThanOrEqual(2);
  });
});
