/**
 * Simulated projectors for tests/bench/home-500.ts, in their own process (as real projectors are other
 * machines): one class 2 projector per loopback address, on port 4352. Driven over the IPC channel:
 * start(hosts) → ready · set(mute | power) → done · stop → exits.
 */
import { connect } from 'node:net';
import { SimulatedProjector } from '../../../main/services/simulator/pjlink-projector';
import { standardProjector } from '../../../main/services/simulator/presets';

if (!process.send) {
  console.error('home-fleet-process.ts is started by tests/bench/home-500.ts (it needs an IPC channel).');
  process.exit(2);
}

type Message = { type: 'start'; hosts: string[] } | { type: 'set'; mute?: boolean; power?: 'on' | 'standby' } | { type: 'stop' };

const sims: SimulatedProjector[] = [];

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'start') {
      for (const [i, host] of message.hosts.entries()) {
        // Several clients allowed: the bench measures the renderer, not the single-connection dance.
        const sim = new SimulatedProjector(standardProjector({ host, port: 4352, name: `Vidéoprojecteur ${String(i + 1).padStart(3, '0')}`, power: 'on', input: '31', singleClient: false, idleCloseMs: 0 }));
        await sim.start();
        sims.push(sim);
      }
      process.send?.({ type: 'ready' });
    } else if (message.type === 'set') {
      for (const sim of sims) {
        if (message.power) sim.setPower(message.power);
        // AVMT through the protocol itself, as a controller would.
        if (message.mute !== undefined) await muteOver(sim, message.mute);
      }
      process.send?.({ type: 'done' });
    } else if (message.type === 'stop') {
      await Promise.all(sims.map((s) => s.stop()));
      process.exit(0);
    }
  })();
});

async function muteOver(sim: SimulatedProjector, mute: boolean): Promise<void> {
  await new Promise<void>((resolve) => {
    const socket = connect({ host: sim.address.host, port: sim.address.port });
    let greeted = false;
    socket.on('data', () => {
      if (!greeted) {
        greeted = true;
        socket.write(`%1AVMT ${mute ? '31' : '30'}\r`);
      } else {
        socket.end();
        resolve();
      }
    });
    socket.on('error', () => resolve());
  });
}
