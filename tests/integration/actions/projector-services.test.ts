/** The composed projector services: wiring, the one-shot status read, and a clean dispose. */
import { afterEach, describe, expect, it } from 'vitest';
import { createProjectorServices, type ProjectorServices } from '../../../main/services/actions/projector-services';
import { readProjectorStatus } from '../../../main/services/pjlink/poller';
import { SimulatedProjector } from '../../../main/services/simulator/pjlink-projector';
import { waitFor } from '../pjlink/helpers';

let services: ProjectorServices | null = null;
const sims: SimulatedProjector[] = [];
afterEach(async () => {
  await services?.dispose();
  services = null;
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

describe('createProjectorServices', () => {
  it('reads a status once (CLI "status"), including lamp hours, with the password from the lookup', async () => {
    const sim = new SimulatedProjector({ power: 'on', password: 'pw', lampHours: 77, input: '31' });
    sims.push(sim);
    await sim.start();
    services = createProjectorServices({ secrets: () => 'pw' });
    const status = await readProjectorStatus(services.manager.client(sim.address), { includeSlow: true });
    expect(status).toMatchObject({ reachable: true, power: 'on', input: '31', lamps: [{ hours: 77, on: true }], resolution: { width: 1920, height: 1080 }, problem: null });
  });

  it('wires notifications into the poller and actions into the same connection', async () => {
    services = createProjectorServices({ notifications: { port: 0, address: '127.0.0.1' }, poller: { intervals: { fastMs: 50, normalMs: 60_000, idleMs: 60_000, offlineMs: 60_000 } }, timing: { pollIntervalMs: 30 } });
    expect(await services.start()).toBe(true);
    const sim = new SimulatedProjector({ warmupMs: 150, notify: { host: '127.0.0.1', port: services.notifications!.port! } });
    sims.push(sim);
    await sim.start();
    services.poller.watch(sim.address);
    await services.poller.pollAll();
    const outcome = await services.actions.start({ kind: 'on', projector: sim.address }).result;
    expect(outcome.status).toBe('succeeded');
    await waitFor(() => services!.poller.get(sim.address)?.power === 'on');
    expect(sim.stats.connections).toBe(1);
  });

  it('disposes while an action waits on a silent projector, without waiting for it', async () => {
    const sim = new SimulatedProjector({ power: 'on' });
    sims.push(sim);
    await sim.start();
    sim.setFault('silent');
    services = createProjectorServices({ connection: { commandTimeoutMs: 120_000 } });
    const run = services.actions.start({ kind: 'blank', projector: sim.address });
    await new Promise((r) => setTimeout(r, 50));
    await services.dispose();
    services = null;
    // The 120 s command timeout was not waited for: the test itself would time out.
    expect((await run.result).status).toBe('cancelled');
  });
});
