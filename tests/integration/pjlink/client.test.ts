/** The PJLink client against the simulator over real TCP on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { Rig, errorOf, sleep, waitFor } from './helpers';
import { query } from '../../../main/services/pjlink/codec';

const rig = new Rig();
afterEach(() => rig.cleanup());

describe('class 1 commands', () => {
  it('answers every class 1 query and set', async () => {
    const sim = await rig.sim({ pjlinkClass: 1, power: 'on', name: 'Salle 12', manufacturer: 'EPSON', model: 'EB-E20', otherInfo: 'v1', input: '11', lampHours: 1500 });
    const client = rig.client(sim);
    expect(await client.detectClass()).toBe(1);
    expect(await client.power()).toBe('on');
    expect(await client.input()).toBe('11');
    await client.setInput('31');
    expect(await client.input()).toBe('31');
    expect(await client.mute()).toEqual({ video: false, audio: false });
    await client.setMute('31');
    expect(await client.mute()).toEqual({ video: true, audio: true });
    await client.setMute('30');
    expect(sim.snapshot().mute).toEqual({ video: false, audio: false });
    expect(await client.errors()).toMatchObject({ lamp: 'ok', temperature: 'ok' });
    sim.setError('filter', 'warning');
    expect((await client.errors()).filter).toBe('warning');
    expect(await client.lamps()).toEqual([{ hours: 1500, on: true }]);
    expect(await client.inputCodes()).toEqual(['11', '31', '32', '52']);
    expect(await client.name()).toBe('Salle 12');
    expect(await client.manufacturer()).toBe('EPSON');
    expect(await client.model()).toBe('EB-E20');
    expect(await client.otherInfo()).toBe('v1');
    await client.setPower(false);
    expect(await client.power()).toBe('cooling');
    await waitFor(async () => (await client.power()) === 'standby');
  });

  it('uses one TCP connection for a burst of commands', async () => {
    const sim = await rig.sim({ power: 'on' });
    const client = rig.client(sim);
    await Promise.all([client.power(), client.input(), client.mute(), client.errors(), client.lamps(), client.name()]);
    expect(sim.stats.connections).toBe(1);
    expect(rig.connectionsOpened).toBe(1);
  });

  it('refuses class 2 features on a class 1 device without sending them', async () => {
    const sim = await rig.sim({ pjlinkClass: 1, power: 'on' });
    const client = rig.client(sim);
    const commands: string[] = [];
    sim.on('command', ({ line }) => commands.push(line));
    const error = await errorOf(client.freeze());
    expect(error.code).toBe('pjlink.unsupported');
    expect(error.params).toMatchObject({ feature: 'FREZ' });
    expect((await errorOf(client.inputResolution())).code).toBe('pjlink.unsupported');
    expect(commands.filter((c) => c.startsWith('%2'))).toEqual([]);
    expect(await client.serialNumber()).toBeNull();
  });

  it('lists inputs with null names on class 1 (the UI shows type names)', async () => {
    const sim = await rig.sim({ pjlinkClass: 1, power: 'on' });
    const inputs = await rig.client(sim).inputs();
    expect(inputs.map((i) => [i.code, i.type, i.name])).toEqual([
      ['11', 'rgb', null],
      ['31', 'digital', null],
      ['32', 'digital', null],
      ['52', 'network', null],
    ]);
    expect(inputs[1]?.typeKey).toBe('input_type.digital');
  });

  it('maps ERR2 on input selection to input_not_found with its guide', async () => {
    const sim = await rig.sim({ power: 'on' });
    const error = await errorOf(rig.client(sim).setInput('45'));
    expect(error.code).toBe('pjlink.input_not_found');
    expect(error.guide).toBe('guide:choose-source');
    expect((await errorOf(rig.client(sim).setInput('zz'))).code).toBe('pjlink.input_not_found');
  });
});

describe('class 2 commands', () => {
  it('answers every class 2 query and set', async () => {
    const sim = await rig.sim({ pjlinkClass: 2, power: 'on', serialNumber: 'SN42', softwareVersion: '2.1', input: '31', filterHours: 250, replacementLamp: 'ELPLP96', replacementFilter: 'ELPAF32' });
    const client = rig.client(sim);
    expect(await client.detectClass()).toBe(2);
    expect(await client.serialNumber()).toBe('SN42');
    expect(await client.softwareVersion()).toBe('2.1');
    expect(await client.inputName('31')).toBe('HDMI 1');
    expect(await client.inputResolution()).toEqual({ width: 1920, height: 1080 });
    await client.setInput('32');
    expect(await client.inputResolution()).toBe('no-signal');
    expect(await client.recommendedResolution()).toEqual({ width: 1920, height: 1080 });
    expect(await client.filterHours()).toBe(250);
    expect(await client.replacementLamp()).toBe('ELPLP96');
    expect(await client.replacementFilter()).toBe('ELPAF32');
    await client.speakerVolume('up');
    await client.speakerVolume('up');
    await client.microphoneVolume('down');
    expect(sim.snapshot().speakerVolume).toBe(12);
    expect(sim.snapshot().microphoneVolume).toBe(9);
    expect(await client.freeze()).toBe(false);
    await client.setFreeze(true);
    expect(await client.freeze()).toBe(true);
    await client.setFreeze(false);
    expect(sim.snapshot().freeze).toBe(false);
  });

  it('gives info() and inputs() with INNM names', async () => {
    const sim = await rig.sim({
      pjlinkClass: 2,
      power: 'on',
      name: 'VPI salle 3',
      manufacturer: 'EPSON',
      model: 'EB-695Wi',
      inputs: [
        { code: '32', name: 'HDMI1', signal: null },
        { code: '53', name: 'USB Display' },
        { code: '55', name: 'Whiteboard' },
        { code: '57', name: 'Screen Mirroring' },
        { code: '3A', name: '' },
      ],
    });
    const client = rig.client(sim);
    const info = await client.info();
    expect(info).toMatchObject({ pjlinkClass: 2, name: 'VPI salle 3', manufacturer: 'EPSON', model: 'EB-695Wi', otherInfo: null });
    expect(info.serialNumber).toMatch(/^SIM/);
    const inputs = await client.inputs();
    expect(inputs.map((i) => [i.code, i.type, i.name])).toEqual([
      ['32', 'digital', 'HDMI1'],
      ['53', 'network', 'USB Display'],
      ['55', 'network', 'Whiteboard'],
      ['57', 'network', 'Screen Mirroring'],
      ['3A', 'digital', null],
    ]);
    await client.setInput('3A');
    expect(await client.input()).toBe('3A');
  });

  it('reports no lamp and no filter as null (laser, filterless)', async () => {
    const sim = await rig.sim({ power: 'on', lampHours: null, filterHours: null });
    const client = rig.client(sim);
    expect(await client.lamps()).toBeNull();
    expect(await client.filterHours()).toBeNull();
  });
});

describe('authentication', () => {
  it('authenticates with the right password on the first command only', async () => {
    const sim = await rig.sim({ password: 'JBMIAProjectorLink', power: 'on' });
    const client = rig.client(sim, { secrets: () => 'JBMIAProjectorLink' });
    expect(await client.power()).toBe('on');
    expect(await client.name()).toBe('Vidéoprojecteur');
    expect(client.connection.requiresAuth).toBe(true);
  });

  it('reports a wrong password (PJLINK ERRA) with its guide, then fails fast until the password changes', async () => {
    const sim = await rig.sim({ password: 'right', power: 'on' });
    let password = 'wrong';
    const manager = rig.manager({ secrets: () => password });
    const client = manager.client(sim.address);
    const error = await errorOf(client.power());
    expect(error.code).toBe('pjlink.auth_failed');
    expect(error.guide).toBe('guide:pjlink-password');
    const opened = rig.connectionsOpened;
    expect((await errorOf(client.power())).code).toBe('pjlink.auth_failed');
    expect(rig.connectionsOpened).toBe(opened);
    password = 'right';
    manager.credentialsChanged(sim.address);
    expect(await client.power()).toBe('on');
  });

  it('asks for a password when the projector needs one and none is known', async () => {
    const sim = await rig.sim({ password: 'secret' });
    const error = await errorOf(rig.client(sim).power());
    expect(error.code).toBe('pjlink.password_required');
    expect(error.guide).toBe('guide:pjlink-password');
  });

  it('never puts the password in an error or a state event', async () => {
    const sim = await rig.sim({ password: 'right' });
    const manager = rig.manager({ secrets: () => 'S3cretPass' });
    const events: string[] = [];
    manager.on('connection', (e) => events.push(JSON.stringify(e)));
    const error = await errorOf(manager.client(sim.address).power());
    expect(JSON.stringify({ ...error.toInfo(), message: error.message })).not.toContain('S3cretPass');
    expect(events.join()).not.toContain('S3cretPass');
  });
});

describe('connection life', () => {
  it('reconnects and re-authenticates transparently after the projector closed an idle link', async () => {
    const sim = await rig.sim({ password: 'pw', idleCloseMs: 100, power: 'on' });
    const client = rig.client(sim, { secrets: () => 'pw' });
    expect(await client.power()).toBe('on');
    await waitFor(() => sim.snapshot().clients === 0);
    expect(await client.input()).toBe('11');
    expect(sim.stats.connections).toBe(2);
  });

  it('re-sends once when the link dies just as a command is sent (idle-close race)', async () => {
    const sim = await rig.sim({ power: 'on' });
    const client = rig.client(sim);
    await client.power();
    // The projector drops the link; our side has not seen the close yet when the next command goes.
    sim.dropClients();
    expect(await client.power()).toBe('on');
  });

  it('closes its own link after idleCloseMs so other controllers can get in', async () => {
    const sim = await rig.sim({ power: 'on' });
    const client = rig.client(sim, { connection: { idleCloseMs: 100 } });
    await client.power();
    expect(sim.snapshot().clients).toBe(1);
    await waitFor(() => sim.snapshot().clients === 0, 2000);
  });

  it('keeps its single connection when a second controller tries to connect (refuse mode)', async () => {
    const sim = await rig.sim({ power: 'on', singleClient: 'refuse' });
    const client = rig.client(sim);
    await client.power();
    const refused: boolean[] = [];
    sim.on('connection', ({ accepted }) => refused.push(!accepted));
    const other = rig.raw(sim.address.port);
    const otherClosed = new Promise<string>((resolve) => {
      let received = '';
      other.on('data', (d) => (received += d.toString()));
      other.on('close', () => resolve(received));
    });
    expect(await otherClosed).toBe('');
    expect(refused).toEqual([true]);
    expect(await client.input()).toBe('11');
    expect(sim.stats.connections).toBe(1);
  });

  it('takes the link back when a second controller grabbed it (replace mode)', async () => {
    const sim = await rig.sim({ power: 'on', singleClient: 'replace' });
    const client = rig.client(sim);
    await client.power();
    const other = rig.raw(sim.address.port);
    await new Promise<void>((resolve) => other.once('data', () => resolve()));
    other.destroy();
    expect(await client.power()).toBe('on');
    expect(sim.stats.connections).toBe(3);
  });

  it('answers ERR3 during warm-up, then works once on', async () => {
    const sim = await rig.sim({ warmupMs: 300 });
    const client = rig.client(sim);
    await client.setPower(true);
    expect(await client.power()).toBe('warming');
    const error = await errorOf(client.setInput('31'));
    expect(error.code).toBe('pjlink.unavailable');
    expect(error.guide).toBe('guide:power-lamp');
    expect((await errorOf(client.mute())).code).toBe('pjlink.unavailable');
    await waitFor(async () => (await client.power()) === 'on');
    await client.setInput('31');
    expect(await client.input()).toBe('31');
  });

  it('lets user commands overtake queued background commands', async () => {
    const sim = await rig.sim({ power: 'on', responseDelayMs: 20 });
    const client = rig.client(sim);
    await client.power();
    const order: string[] = [];
    sim.on('command', ({ line }) => order.push(line));
    const background = [client.power({ priority: 'background' }), client.errors({ priority: 'background' }), client.lamps({ priority: 'background' })];
    const user = client.setMute('31');
    await Promise.all([...background, user]);
    expect(order[0]).toBe('%1POWR ?');
    expect(order[1]).toBe('%1AVMT 31');
  });

  it('drops a queued command whose signal is aborted', async () => {
    const sim = await rig.sim({ power: 'on', responseDelayMs: 50 });
    const client = rig.client(sim);
    const first = client.power();
    const controller = new AbortController();
    const second = client.input({ signal: controller.signal });
    controller.abort();
    expect((await errorOf(second)).code).toBe('pjlink.cancelled');
    expect(await first).toBe('on');
  });
});

describe('field quirks', () => {
  it.each([
    ['Class 1', 1],
    ['Version1', 1],
    ['2', 2],
  ])('reads CLSS "%s" as class %i', async (clss, expected) => {
    const sim = await rig.sim({ pjlinkClass: expected as 1 | 2, quirks: { clss } });
    expect(await rig.client(sim).detectClass()).toBe(expected);
  });

  it('reads lower-case replies', async () => {
    const sim = await rig.sim({ power: 'on', quirks: { lowerCase: true } });
    const client = rig.client(sim);
    expect(await client.power()).toBe('on');
    expect(await client.name()).toBe('vidéoprojecteur');
    expect((await errorOf(client.setInput('45'))).code).toBe('pjlink.input_not_found');
    await client.setInput('31');
    expect(await client.input()).toBe('31');
  });

  it('reads replies with trailing junk', async () => {
    const sim = await rig.sim({ power: 'on', quirks: { trailingJunk: true } });
    const client = rig.client(sim);
    expect(await client.power()).toBe('on');
    expect(await client.errors()).toMatchObject({ fan: 'ok' });
  });

  it('reads a last reply without CR before the close, and reconnects for the next one', async () => {
    const sim = await rig.sim({ power: 'on', quirks: { missingFinalCr: true } });
    const client = rig.client(sim);
    expect(await client.power()).toBe('on');
    expect(await client.input()).toBe('11');
    expect(await client.lamps()).toEqual([{ hours: 1200, on: true }]);
    // POWR, CLSS (asked once before INPT), INPT, LAMP: one connection each.
    expect(sim.stats.connections).toBe(4);
  });
});

describe('faults', () => {
  it('times out on a projector that greets and never answers, without blocking another projector', async () => {
    const silent = await rig.sim({ power: 'on' });
    silent.setFault('silent');
    const healthy = await rig.sim({ power: 'on' });
    const manager = rig.manager({ connection: { commandTimeoutMs: 400 } });
    let stuckSettled = false;
    const stuck = errorOf(manager.client(silent.address).power()).finally(() => (stuckSettled = true));
    expect(await manager.client(healthy.address).power()).toBe('on');
    // The healthy projector answered while the silent one was still pending.
    expect(stuckSettled).toBe(false);
    const error = await stuck;
    expect(error.code).toBe('pjlink.timeout');
    expect(error.guide).toBe('guide:standby-network');
  });

  it('times out on a projector that never greets', async () => {
    const sim = await rig.sim();
    sim.setFault('no-greeting');
    const client = rig.client(sim, { connection: { connectTimeoutMs: 300 } });
    expect((await errorOf(client.power())).code).toBe('pjlink.timeout');
  });

  it('fails queued commands at once on dispose, even when the projector is silent', async () => {
    const sim = await rig.sim();
    sim.setFault('silent');
    const manager = rig.manager({ connection: { commandTimeoutMs: 10_000 } });
    const client = manager.client(sim.address);
    const pending = [client.power(), client.input(), client.errors()].map((p) => errorOf(p));
    await sleep(50);
    await manager.dispose();
    // 'closed', not 'timeout': nobody waited for the 10 s command timeout.
    const errors = await Promise.all(pending);
    expect(errors.map((e) => e.code)).toEqual(['pjlink.closed', 'pjlink.closed', 'pjlink.closed']);
  });

  it('reports a close in the middle of a reply as connection_lost', async () => {
    const sim = await rig.sim({ power: 'on' });
    sim.setFault('close-mid-reply');
    const error = await errorOf(rig.client(sim).power());
    expect(error.code).toBe('pjlink.connection_lost');
    expect(error.guide).toBe('guide:standby-network');
  });

  it('gives up on a projector that only sends garbage', async () => {
    const sim = await rig.sim({ power: 'on' });
    sim.setFault('garbage');
    const error = await errorOf(rig.client(sim, { connection: { commandTimeoutMs: 300 } }).power());
    expect(['pjlink.timeout', 'pjlink.bad_reply']).toContain(error.code);
  });

  it('backs off when the projector refuses connections: bounded, fail-fast for the poller, recovers', async () => {
    const sim = await rig.sim({ power: 'on' });
    const port = sim.address.port;
    await sim.setNetwork(false);
    const client = rig.client(sim, { connection: { backoffInitialMs: 200, backoffMaxMs: 400, commandTimeoutMs: 700 } });
    const first = await errorOf(client.power());
    expect(first.code).toBe('pjlink.unreachable');
    expect(first.guide).toBe('guide:standby-network');
    // Tried a few times within its own deadline, not forever.
    const afterUser = rig.connectionsOpened;
    expect(afterUser).toBeGreaterThanOrEqual(2);
    expect(afterUser).toBeLessThanOrEqual(5);
    // A background command inside the backoff window fails at once, without a new attempt.
    expect((await errorOf(client.power({ priority: 'background' }))).code).toBe('pjlink.unreachable');
    expect(rig.connectionsOpened).toBe(afterUser);
    await sim.setNetwork(true);
    expect(sim.address.port).toBe(port);
    expect(await client.power()).toBe('on');
  });

  it('survives a hostile server sending random bytes', async () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const server: Server = createServer((socket) => {
      socket.on('error', () => {});
      const timer = setInterval(() => {
        const bytes = Buffer.alloc(1 + Math.floor(rnd() * 200));
        for (let i = 0; i < bytes.length; i++) bytes[i] = rnd() < 0.1 ? 0x0d : Math.floor(rnd() * 256);
        socket.write(rnd() < 0.2 ? Buffer.concat([Buffer.from('PJLINK 0\r'), bytes]) : bytes);
      }, 5);
      socket.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const client = rig.manager({ connection: { commandTimeoutMs: 200, connectTimeoutMs: 200, backoffInitialMs: 1 } }).client({ host: '127.0.0.1', port });
      for (let i = 0; i < 15; i++) {
        const error = await errorOf(client.raw(query('POWR')).then((r) => (r.error ? Promise.reject(new Error('x')) : r)).catch((e) => Promise.reject(e)));
        expect(['pjlink.timeout', 'pjlink.bad_reply', 'pjlink.unreachable', 'pjlink.connection_lost']).toContain(error.code);
      }
    } catch (e) {
      // A random stream may, rarely, contain a valid greeting and a matching reply: that is fine too.
      if (!(e instanceof Error && /expected a ServiceError|expected a rejection/.test(e.message))) throw e;
    } finally {
      server.close();
    }
  });
});
