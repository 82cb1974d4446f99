/**
 * Many simulated projectors at once: `classe simulate --count N [--password …] [--class 1|2]
 * [--base-port P]`, the benchmark and fleet tests. With a base port, projector i listens on base + i;
 * without, each gets a free port.
 */
import type { PjlinkClass } from '../pjlink/codec';
import { SimulatedProjector, type SimulatedProjectorOptions } from './pjlink-projector';
import { standardProjector } from './presets';

export interface FleetOptions {
  count: number;
  host?: string;
  basePort?: number | null;
  password?: string | null;
  pjlinkClass?: PjlinkClass;
  /** Extra options for every projector (warm-up, quirks…). */
  projector?: SimulatedProjectorOptions;
}

export class SimulatorFleet {
  private constructor(readonly projectors: SimulatedProjector[]) {}

  static async start(options: FleetOptions): Promise<SimulatorFleet> {
    const count = Math.max(0, Math.floor(options.count));
    const projectors: SimulatedProjector[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const sim = new SimulatedProjector(
          standardProjector({
            name: `Vidéoprojecteur ${i + 1}`,
            pjlinkClass: options.pjlinkClass ?? 2,
            password: options.password ?? null,
            ...options.projector,
            host: options.host ?? '127.0.0.1',
            port: options.basePort ? options.basePort + i : 0,
          }),
        );
        projectors.push(sim);
        await sim.start();
      }
    } catch (e) {
      await Promise.all(projectors.map((p) => p.stop()));
      throw e;
    }
    return new SimulatorFleet(projectors);
  }

  targets(): { host: string; port: number }[] {
    return this.projectors.map((p) => ({ host: p.address.host, port: p.address.port }));
  }

  async stop(): Promise<void> {
    await Promise.all(this.projectors.map((p) => p.stop()));
  }
}
