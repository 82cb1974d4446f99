/** The projector info reader (discovery's view of the PJLink client) against the simulator over TCP on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { Rig, errorOf, waitFor } from './helpers';
import { createProjectorInfoReader } from '../../../main/services/pjlink/info-reader';

const rig = new Rig();
afterEach(() => rig.cleanup());

/** What a second controller gets: the greeting, or '' when the projector drops it at once. */
function greetingOf(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      if (received.includes('\r')) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('close', () => resolve(received));
  });
}

describe('createProjectorInfoReader', () => {
  it('reads name, maker, model, class and the named inputs of a class 2 projector, and nothing more', async () => {
    const sim = await rig.sim({
      pjlinkClass: 2,
      name: 'VP salle 12',
      manufacturer: 'EPSON',
      model: 'EB-695Wi',
      inputs: [{ code: '31', name: 'HDMI 1' }, { code: '32', name: 'HDMI 2' }, { code: '55', name: 'Whiteboard' }],
    });
    const commands: string[] = [];
    sim.on('command', ({ line }) => commands.push(line));
    const read = createProjectorInfoReader(rig.manager());
    const info = await read(sim.address.host, sim.address.port);
    expect(info).toEqual({
      name: 'VP salle 12',
      maker: 'EPSON',
      model: 'EB-695Wi',
      pjlinkClass: 2,
      authRequired: false,
      inputs: [{ code: '31', name: 'HDMI 1' }, { code: '32', name: 'HDMI 2' }, { code: '55', name: 'Whiteboard' }],
    });
    // Only what discovery uses (no INFO, SNUM, SVER, RLMP, RFIL round trips).
    expect(commands).toEqual(['%1CLSS ?', '%1NAME ?', '%1INF1 ?', '%1INF2 ?', '%2INST ?', '%2INNM ?31', '%2INNM ?32', '%2INNM ?55']);
  });

  it('lists a class 1 projector’s inputs without names (INNM is class 2)', async () => {
    const sim = await rig.sim({ pjlinkClass: 1, name: 'Salle 3', manufacturer: 'BenQ', model: 'MX550' });
    const commands: string[] = [];
    sim.on('command', ({ line }) => commands.push(line));
    const info = await createProjectorInfoReader(rig.manager())(sim.address.host, sim.address.port);
    expect(info).toMatchObject({ name: 'Salle 3', maker: 'BenQ', model: 'MX550', pjlinkClass: 1, authRequired: false });
    expect(info.inputs).toEqual([
      { code: '11', name: null },
      { code: '31', name: null },
      { code: '32', name: null },
      { code: '52', name: null },
    ]);
    expect(commands.filter((c) => c.startsWith('%2'))).toEqual([]);
  });

  it('reports a password-protected projector as authRequired when no password is known', async () => {
    const sim = await rig.sim({ password: 'secret', name: 'Protégé' });
    const info = await createProjectorInfoReader(rig.manager())(sim.address.host, sim.address.port);
    expect(info).toEqual({ name: null, maker: null, model: null, pjlinkClass: null, authRequired: true });
  });

  it('reports authRequired when the known password is refused (PJLINK ERRA)', async () => {
    const sim = await rig.sim({ password: 'secret', name: 'Protégé' });
    const read = createProjectorInfoReader(rig.manager({ secrets: () => 'wrong' }));
    expect(await read(sim.address.host, sim.address.port)).toEqual({ name: null, maker: null, model: null, pjlinkClass: null, authRequired: true });
  });

  it('reads a protected projector with the right password and still says it asks for one', async () => {
    const sim = await rig.sim({ password: 'secret', name: 'Protégé', model: 'EB-W49' });
    const read = createProjectorInfoReader(rig.manager({ secrets: () => 'secret' }));
    const info = await read(sim.address.host, sim.address.port);
    expect(info).toMatchObject({ name: 'Protégé', model: 'EB-W49', pjlinkClass: 2, authRequired: true });
    expect(info.inputs?.map((i) => i.code)).toEqual(['11', '31', '32', '52']);
  });

  it('rejects with pjlink.timeout at its own deadline when the host accepts TCP and never speaks, and lets go of it', async () => {
    const sim = await rig.sim({});
    sim.setFault('no-greeting');
    // The connection's own timeouts are far longer: the rejection can only come from the reader's deadline.
    const manager = rig.manager({ connection: { connectTimeoutMs: 60_000, commandTimeoutMs: 60_000 } });
    const read = createProjectorInfoReader(manager, { timeoutMs: 300 });
    const error = await errorOf(read(sim.address.host, sim.address.port));
    expect(error.code).toBe('pjlink.timeout');
    expect(error.detail).toMatch(/within 300 ms/);
    expect(manager.has(sim.address)).toBe(false);
  });

  it('releases the connection afterwards: a single-client projector accepts the next controller at once', async () => {
    const sim = await rig.sim({ singleClient: 'refuse', name: 'Salle 12' });
    const manager = rig.manager();
    const read = createProjectorInfoReader(manager);
    expect((await read(sim.address.host, sim.address.port)).name).toBe('Salle 12');
    expect(manager.has(sim.address)).toBe(false);
    // Our socket is closed when the read settles; the simulator (same process) notices the FIN an
    // event-loop turn or two later. Compare with the watched case below, where it stays connected.
    await waitFor(() => sim.snapshot().clients === 0, 1_000, 1);
    expect(await greetingOf(rig.raw(sim.address.port))).toBe('PJLINK 0\r');
    expect(sim.stats.connections).toBe(2);
  });

  it('keeps the connection of a watched projector (the room’s poller uses it)', async () => {
    const sim = await rig.sim({ singleClient: 'refuse', name: 'Salle 12' });
    const manager = rig.manager();
    const watched: string[] = [];
    const read = createProjectorInfoReader(manager, {
      isWatched: (t) => {
        watched.push(`${t.host}:${t.port}`);
        return true;
      },
    });
    expect((await read(sim.address.host, sim.address.port)).name).toBe('Salle 12');
    expect(watched).toEqual([`127.0.0.1:${sim.address.port}`]);
    expect(manager.has(sim.address)).toBe(true);
    expect(sim.snapshot().clients).toBe(1);
    expect(await greetingOf(rig.raw(sim.address.port))).toBe('');
  });
});
