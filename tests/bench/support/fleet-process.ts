/**
 * Runs a simulator fleet in its own process for the benchmark, so that the client under test has a
 * core to itself (as it would: the projectors are other machines). Driven over the IPC channel:
 * start → ready(targets), stats → stats(commands, rss), stop → exits.
 */
import { SimulatorFleet } from '../../../main/services/simulator/fleet';

if (!process.send) {
  console.error('fleet-process.ts is started by tests/bench/pjlink-fleet.ts (it needs an IPC channel).');
  process.exit(2);
}

type Message = { type: 'start'; count: number } | { type: 'stats' } | { type: 'stop' };

let fleet: SimulatorFleet | null = null;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'start') {
      await fleet?.stop();
      fleet = await SimulatorFleet.start({ count: message.count, pjlinkClass: 1, projector: { power: 'on', singleClient: false, idleCloseMs: 0 } });
      process.send?.({ type: 'ready', targets: fleet.targets() });
    } else if (message.type === 'stats') {
      const commands = fleet?.projectors.reduce((sum, p) => sum + p.stats.commands, 0) ?? 0;
      const cpu = process.cpuUsage();
      process.send?.({ type: 'stats', commands, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024 });
    } else if (message.type === 'stop') {
      clearInterval(sampler);
      await fleet?.stop();
      process.exit(0);
    }
  })();
});
