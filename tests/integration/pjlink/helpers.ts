import { connect, type Socket } from 'node:net';
import { ProjectorManager, type ProjectorManagerOptions } from '../../../main/services/pjlink/manager';
import type { PjlinkClient } from '../../../main/services/pjlink/client';
import { SimulatedProjector, type SimulatedProjectorOptions } from '../../../main/services/simulator/pjlink-projector';
import { ServiceError } from '../../../main/services/core/errors';
import type { SocketFactory } from '../../../main/services/pjlink/connection';

/** Starts simulators and managers and stops them all in `cleanup()` (call it in afterEach). */
export class Rig {
  private readonly sims: SimulatedProjector[] = [];
  private readonly managers: ProjectorManager[] = [];
  private readonly sockets: Socket[] = [];
  connectionsOpened = 0;

  async sim(options: SimulatedProjectorOptions = {}): Promise<SimulatedProjector> {
    const sim = new SimulatedProjector({ warmupMs: 200, coolingMs: 200, ...options });
    await sim.start();
    this.sims.push(sim);
    return sim;
  }

  manager(options: ProjectorManagerOptions = {}): ProjectorManager {
    const counting: SocketFactory = (target) => {
      this.connectionsOpened++;
      const socket = connect({ host: target.host, port: target.port });
      socket.setNoDelay(true);
      return socket;
    };
    const manager = new ProjectorManager({
      socketFactory: counting,
      ...options,
      connection: { commandTimeoutMs: 1500, connectTimeoutMs: 1000, random: () => 0.5, ...options.connection },
    });
    this.managers.push(manager);
    return manager;
  }

  client(sim: SimulatedProjector, options: ProjectorManagerOptions = {}): PjlinkClient {
    return this.manager(options).client(sim.address);
  }

  /** A raw TCP client (a second controller). */
  raw(port: number, host = '127.0.0.1'): Socket {
    const socket = connect({ host, port });
    socket.on('error', () => {});
    this.sockets.push(socket);
    return socket;
  }

  async cleanup(): Promise<void> {
    this.connectionsOpened = 0;
    for (const s of this.sockets.splice(0)) s.destroy();
    await Promise.all(this.managers.splice(0).map((m) => m.dispose()));
    await Promise.all(this.sims.splice(0).map((s) => s.stop()));
  }
}

export async function errorOf(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw new Error(`expected a ServiceError, got ${String(e)}`);
  }
  throw new Error('expected a rejection');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000, stepMs = 10): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await predicate()) return;
    await sleep(stepMs);
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
