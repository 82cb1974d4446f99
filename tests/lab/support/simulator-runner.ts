/**
 * Runs real PJLink projector simulators (main/services/simulator) as one process inside a lab namespace,
 * each on its own address of the room side, answering `%2SRCH` broadcasts from that address:
 *   node --import tsx tests/lab/support/simulator-runner.ts '<RunnerConfig as JSON>'
 * Prints `simulators ready` once every device listens, then one JSON line per event the tests may want
 * to check: {"type":"command","host":…,"line":…,"reply":…} (request lines, digest stripped),
 * {"type":"power","host":…,"power":…}, {"type":"auth-failed","host":…}. Stops on SIGTERM.
 */
import { SimulatedProjector, type SimulatedProjectorOptions } from '../../../main/services/simulator/pjlink-projector';
import { flatScreen, interactiveProjector, standardProjector } from '../../../main/services/simulator/presets';

export interface RunnerProjector extends Omit<SimulatedProjectorOptions, 'host' | 'udp' | 'logger'> {
  /** The room-side address this projector lives on (must exist in the namespace). */
  host: string;
  preset?: 'standard' | 'interactive' | 'screen';
}

export interface RunnerConfig {
  /** The subnet's broadcast address: searches arrive there. */
  broadcast: string;
  projectors: RunnerProjector[];
  /** UDP port searches arrive on (4352). */
  udpPort?: number;
}

const PRESETS = { standard: standardProjector, interactive: interactiveProjector, screen: flatScreen };

const config = JSON.parse(process.argv[2] ?? '{}') as RunnerConfig;
const write = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
const sims: SimulatedProjector[] = [];
for (const p of config.projectors) {
  const { preset = 'standard', host, ...rest } = p;
  const sim = new SimulatedProjector(PRESETS[preset]({ port: 4352, ...rest, host, udp: { port: config.udpPort ?? 4352, replyTo: 'both', broadcast: config.broadcast } }));
  sim.on('command', ({ line, reply }) => write({ type: 'command', host, line, reply }));
  sim.on('power', (power) => write({ type: 'power', host, power }));
  sim.on('auth-failed', () => write({ type: 'auth-failed', host }));
  await sim.start();
  sims.push(sim);
}
process.stdout.write(`simulators ready ${sims.map((s) => `${s.address.host}:${s.address.port}`).join(' ')}\n`);

const stop = () => {
  void Promise.all(sims.map((s) => s.stop())).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
