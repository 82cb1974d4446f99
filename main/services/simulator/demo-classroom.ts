/**
 * The demo classroom ("Salle de démonstration"): two projectors (a standard one and an interactive
 * one) and a PJLink flat screen, simulated on 127.0.0.1 with free ports and speaking the real
 * protocol, so the whole app (actions, poller, guides) works against them unchanged. Trainers break
 * them on purpose from a small panel through `apply(deviceId, fault)`.
 *
 * `standby-wrong-input-muted` is the morning a teacher finds: the projector was left on another source
 * with the picture masked, then put in standby. It also makes the device one of the models that tell
 * their input and mute in standby and keep the mute when switched on (PJLink allows either), so the
 * « Pas de signal » diagnostic shows its three ✗ at once; « Tout réparer » restores the preset's ways.
 *
 * The projectors have a random password for this run (exercising authentication); `secretFor` is the
 * SecretLookup the host chains with the profile's. Nothing here is a real device on the network.
 *
 * The « Écran » is also a Google Cast receiver (CastReceiverSimulator on the same loopback address), so
 * trainers can show « Projeter » without hardware: it fetches what it is asked to play from the app's
 * media server, as a real Chromecast does.
 */
import { randomBytes } from 'node:crypto';
import type { DeviceKind } from '../../../preload/contract/devices';
import type { DeviceReport, InventoryEntry } from '../devices/report';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import type { PjlinkTarget } from '../pjlink/connection';
import { SimulatedProjector, type SimulatedProjectorOptions, type SimulatorSnapshot } from './pjlink-projector';
import { CastReceiverSimulator } from './cast-receiver';
import { flatScreen, interactiveProjector, standardProjector } from './presets';

export const DEMO_ROOM_ID = 'demo';

export const DEMO_DEVICE_IDS = ['demo-projector', 'demo-vpi', 'demo-screen'] as const;
export type DemoDeviceId = (typeof DEMO_DEVICE_IDS)[number];

/** What a trainer can do to a demo device (labels: `simulator:fault.<id>` in the catalogs). */
export const DEMO_FAULTS = [
  'lamp-warning',
  'lamp-error',
  'overheat',
  'fan',
  'filter',
  'cover',
  'no-signal',
  'unplug-network',
  'wrong-password',
  'greet-then-silent',
  'standby-wrong-input-muted',
  'clear',
] as const;
export type DemoFault = (typeof DEMO_FAULTS)[number];

export interface DemoClassroomOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Multiplies warm-up and cooling times (1 = realistic-but-short: 20–25 s warm-up; tests use ~0.02). */
  timeScale?: number;
  /** Names shown in the app (default French; the host passes the translated ones). */
  names?: Partial<Record<'room' | DemoDeviceId, string>>;
  /** Class 2 notifications to the app's listener, if it has one. */
  notify?: { host: string; port: number } | null;
  /** Answer %2SRCH on a free UDP port per projector (default false: the demo reports itself). */
  udp?: boolean;
  /** The « Écran » also receives casts (Google Cast simulator; default true). */
  castReceiver?: boolean;
  logger?: Logger;
}

export interface DemoDevice {
  id: DemoDeviceId;
  kind: DeviceKind;
  name: string;
  simulator: SimulatedProjector;
  /** The input the laptop is plugged into (for the no-signal fault). */
  laptopInput: string;
  /** What the laptop sends on that input when plugged in. */
  laptopSignal: { width: number; height: number };
  password: string | null;
  /** What the demo profile says "Afficher" selects (null: let the app find the signal). */
  preferredInput: string | null;
}

export interface DemoClassroomEvents extends Record<string, unknown> {
  /** After a fault was applied. `credentialsChanged`: call manager.credentialsChanged(target). */
  fault: { deviceId: DemoDeviceId; fault: DemoFault; target: PjlinkTarget; credentialsChanged: boolean };
}

const DEFAULT_NAMES: Record<'room' | DemoDeviceId, string> = {
  room: 'Salle de démonstration',
  'demo-projector': 'Vidéoprojecteur',
  'demo-vpi': 'Vidéoprojecteur interactif (VPI)',
  'demo-screen': 'Écran',
};

export class DemoClassroom extends TypedEmitter<DemoClassroomEvents> {
  readonly room: { id: string; name: string; school: null; source: 'demo' };
  private readonly devicesById = new Map<DemoDeviceId, DemoDevice>();
  private stopped = false;

  private constructor(
    devices: DemoDevice[],
    roomName: string,
    private readonly log: Logger,
    /** The « Écran »'s Google Cast receiver (null when disabled). */
    readonly castReceiver: CastReceiverSimulator | null = null,
  ) {
    super();
    this.room = { id: DEMO_ROOM_ID, name: roomName, school: null, source: 'demo' };
    for (const d of devices) this.devicesById.set(d.id, d);
  }

  static async start(options: DemoClassroomOptions = {}): Promise<DemoClassroom> {
    const host = options.host ?? '127.0.0.1';
    const scale = options.timeScale ?? 1;
    const names = { ...DEFAULT_NAMES, ...options.names };
    const log = (options.logger ?? silentLogger).child('demo');
    const password = randomBytes(6).toString('hex');
    const common = (preset: SimulatedProjectorOptions): SimulatedProjectorOptions => ({
      ...preset,
      host,
      port: 0,
      warmupMs: Math.round((preset.warmupMs ?? 20_000) * scale),
      coolingMs: Math.round((preset.coolingMs ?? 15_000) * scale),
      notify: options.notify ?? null,
      udp: options.udp ? { port: 0, replyTo: 'source' } : null,
      logger: log,
    });
    const specs: Omit<DemoDevice, 'simulator'>[] = [
      { id: 'demo-projector', kind: 'projector', name: names['demo-projector'], laptopInput: '31', laptopSignal: { width: 1920, height: 1080 }, password, preferredInput: null },
      { id: 'demo-vpi', kind: 'interactive-projector', name: names['demo-vpi'], laptopInput: '32', laptopSignal: { width: 1280, height: 800 }, password, preferredInput: null },
      { id: 'demo-screen', kind: 'screen', name: names['demo-screen'], laptopInput: '31', laptopSignal: { width: 3840, height: 2160 }, password: null, preferredInput: 'HDMI 1' },
    ];
    const presets: Record<DemoDeviceId, SimulatedProjectorOptions> = {
      'demo-projector': standardProjector({ name: names['demo-projector'], password }),
      'demo-vpi': interactiveProjector({ name: names['demo-vpi'], password }),
      'demo-screen': flatScreen({ name: names['demo-screen'] }),
    };
    const devices: DemoDevice[] = [];
    try {
      for (const spec of specs) {
        const simulator = new SimulatedProjector(common(presets[spec.id]));
        devices.push({ ...spec, simulator });
        await simulator.start();
      }
    } catch (e) {
      await Promise.all(devices.map((d) => d.simulator.stop()));
      throw e;
    }
    let castReceiver: CastReceiverSimulator | null = null;
    if (options.castReceiver !== false) {
      try {
        castReceiver = await CastReceiverSimulator.start({ host, port: 0, name: names['demo-screen'], logger: log });
      } catch (e) {
        // The projectors still make a useful demo without casting.
        log.warn(`demo cast receiver did not start: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    log.info(`demo classroom started on ${host}: ${devices.map((d) => `${d.id}:${d.simulator.address.port}`).join(', ')}${castReceiver ? `, cast:${castReceiver.port}` : ''}`);
    return new DemoClassroom(devices, names.room, log, castReceiver);
  }

  get devices(): DemoDevice[] {
    return [...this.devicesById.values()];
  }

  device(id: DemoDeviceId): DemoDevice {
    const device = this.devicesById.get(id);
    if (!device) throw new Error(`unknown demo device ${id}`);
    return device;
  }

  target(id: DemoDeviceId): PjlinkTarget {
    const { host, port } = this.device(id).simulator.address;
    return { host, port };
  }

  /** The IT-profile view of the demo room (room id `demo`). */
  inventory(): InventoryEntry[] {
    return this.devices.map((d) => ({
      id: d.id,
      room: DEMO_ROOM_ID,
      name: d.name,
      host: d.simulator.address.host,
      kind: d.kind,
      pjlinkPort: d.simulator.address.port,
      preferredInput: d.preferredInput,
      displayMode: null,
    }));
  }

  /**
   * What the registry receives for the demo devices (source `demo`). All three share 127.0.0.1: the
   * registry must tell them apart by inventory id / MAC (or host:port), not by host alone.
   */
  reports(): DeviceReport[] {
    return this.devices.map((d) => {
      const { host, port } = d.simulator.address;
      // The « Écran » is also its Google Cast receiver (one box, two ways in, as a smart TV).
      const cast = d.id === 'demo-screen' ? this.castReceiver : null;
      return {
        source: 'demo',
        identity: { inventoryId: d.id, mac: d.simulator.mac, host, addresses: [host] },
        name: d.name,
        kind: d.kind,
        maker: d.simulator.info.manufacturer,
        model: d.simulator.info.model,
        room: DEMO_ROOM_ID,
        capabilities: cast ? ['pjlink', 'googlecast'] : ['pjlink'],
        endpoints: {
          pjlink: { port, class: d.simulator.pjlinkClass, authRequired: d.password !== null },
          ...(cast ? { googlecast: { port: cast.port, castId: cast.castId, busy: false } } : {}),
        },
        alive: !this.stopped && d.simulator.snapshot().networkUp,
      };
    });
  }

  /** SecretLookup for the demo devices (null for anything else). */
  secretFor = (target: { host: string; port?: number | null }): string | null => {
    for (const d of this.devicesById.values()) {
      const { host, port } = d.simulator.address;
      if (target.host === host && (target.port ?? 4352) === port) return d.password;
    }
    return null;
  };

  /** Trainer panel: breaks (or repairs) a device. */
  async apply(id: DemoDeviceId, fault: DemoFault): Promise<void> {
    const device = this.device(id);
    const sim = device.simulator;
    let credentialsChanged = false;
    switch (fault) {
      case 'lamp-warning':
        sim.setError('lamp', 'warning');
        break;
      case 'lamp-error':
        sim.setError('lamp', 'error');
        break;
      case 'overheat':
        sim.setError('temperature', 'error');
        break;
      case 'fan':
        sim.setError('fan', 'error');
        break;
      case 'filter':
        sim.setError('filter', 'warning');
        break;
      case 'cover':
        sim.setError('cover', 'error');
        break;
      case 'no-signal':
        sim.setSignal(device.laptopInput, null);
        break;
      case 'unplug-network':
        await sim.setNetwork(false);
        break;
      case 'wrong-password':
        // The projector's password changes behind the app's back; the next connection is refused.
        sim.setPassword(`${device.password ?? ''}-changed`);
        sim.dropClients();
        credentialsChanged = true;
        break;
      case 'greet-then-silent':
        sim.setFault('silent');
        sim.dropClients();
        break;
      case 'standby-wrong-input-muted': {
        // Input and mute are set before standby: a projector keeping its mute does not lose it there.
        sim.setQuirks({ standbyQueries: 'answer', muteSurvivesPowerOn: true });
        const other = sim.inputCodes().find((code) => code !== device.laptopInput);
        if (other) sim.setInput(other);
        sim.setMute({ video: true, audio: true });
        sim.setPower('standby');
        break;
      }
      case 'clear':
        sim.resetQuirks();
        sim.clearErrors();
        sim.setFault(null);
        sim.setSignal(device.laptopInput, device.laptopSignal);
        await sim.setNetwork(true);
        if (device.password !== null) {
          sim.setPassword(device.password);
          credentialsChanged = true;
        }
        break;
    }
    this.log.info(`trainer: ${fault} on ${id}`);
    this.emit('fault', { deviceId: id, fault, target: this.target(id), credentialsChanged });
  }

  snapshot(): Record<DemoDeviceId, SimulatorSnapshot> {
    return Object.fromEntries(this.devices.map((d) => [d.id, d.simulator.snapshot()])) as Record<DemoDeviceId, SimulatorSnapshot>;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all([...this.devices.map((d) => d.simulator.stop()), this.castReceiver?.close().catch(() => undefined)]);
    this.removeAll();
  }
}
