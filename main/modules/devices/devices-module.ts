/**
 * Devices and projector control, composed once for the host: the registry (single source of truth),
 * every discovery source (mDNS, PJLink search, probe, IT inventory, manual hosts, DLNA/SSDP), the rooms,
 * the PJLink services (one connection per projector, poller, notifications, one-click actions) and the
 * demo classroom. It turns them into contract handlers and events; the renderer only ever sees Devices,
 * statuses and progress, never a source-specific object, a host or a password.
 */
import type { Device, DeviceList, Room, ScanState } from '../../../preload/contract/devices';
import type { CheckRegistry, FixRegistry } from '../../services/guides/diagnostics';
import { projectorDiagnostics } from './diagnostics-checks';
import type { ActionStart } from '../../../preload/contract/projector';
import type { Handlers, Runtime } from '../../rpc/dispatcher';
import { TypedEmitter } from '../../services/core/emitter';
import { ServiceError } from '../../services/core/errors';
import type { LogBook } from '../../services/core/logger';
import { DeviceRegistry, type DeviceChanges } from '../../services/devices/registry';
import { networkSignature, type LocalAddress } from '../../services/devices/room-choice';
import { DiscoveryService, type DiscoveryOptions, type DiscoveryState } from '../../services/discovery/discovery-service';
import { selectInterfaces } from '../../services/discovery/interfaces';
import { createProjectorServices, type ProjectorServices } from '../../services/actions/projector-services';
import type { ActionRequest, ProjectorRef } from '../../services/actions/types';
import type { InputMemory } from '../../services/actions/input-memory';
import { targetKey } from '../../services/pjlink/connection';
import { createProjectorInfoReader } from '../../services/pjlink/info-reader';
import { normalizeTarget } from '../../services/pjlink/manager';
import { DlnaDiscovery } from '../../services/cast/dlna';
import { DemoClassroom, DEMO_ROOM_ID, DEMO_DEVICE_IDS, type DemoDeviceId, type DemoFault } from '../../services/simulator/demo-classroom';
import type { SettingsService } from '../../services/settings/settings-service';
import type { ProfileService } from '../../services/profiles/profile-service';
import type { PjlinkPasswordLookup } from '../../services/secrets/pjlink-passwords';
import { createTranslator } from '../../services/core/i18n';
import type { HostEvents } from '../../host';
import { RoomManager } from './rooms';
import { toContractInput, toContractStatus } from './projector-view';
import { FileInputMemory } from './input-memory-file';
import { LeftOnReminders, type ReminderClock } from '../../services/actions/left-on-reminder';
import { LIMITS } from '../../../preload/contract/limits';

export interface DevicesModuleOptions {
  runtime: Runtime;
  settings: SettingsService;
  profiles: ProfileService;
  pjlinkPassword: PjlinkPasswordLookup;
  userDataDir: string;
  logBook: LogBook;
  events: TypedEmitter<HostEvents>;
  /** Discovery overrides (tests: no mDNS, other ports…); false: no discovery at all (CLI commands that do not need it). */
  discovery?: Partial<Omit<DiscoveryOptions, 'registry' | 'logger' | 'readProjectorInfo'>> | false;
  /** DLNA/SSDP discovery of screens (default on). */
  dlna?: boolean;
  /**
   * Look for devices on the network: mDNS, PJLink search, the opt-in TCP probe and DLNA (default on).
   * Off: only the IT inventory, hosts typed by hand and the demo classroom (tests and the web preview
   * with --no-discovery never send a packet to the machine's real networks).
   */
  networkDiscovery?: boolean;
  /** Listen for PJLink class 2 notifications on UDP 4352 (default on; degrades when the port is taken). */
  notifications?: boolean;
  /** Demo classroom speed (1 = realistic-but-short warm-up; tests use less). */
  demoTimeScale?: number;
  /** Called by "Afficher mon écran" to set the laptop's display mode (the display integration plugs in). */
  displayHook?: ((context: { projector: ProjectorRef; mode: 'duplicate' | 'extend'; signal: AbortSignal }) => Promise<void>) | null;
  /** The left-on reminders' clock and timers (tests: a clock set to the end of the day). */
  reminderClock?: ReminderClock;
}

export interface DevicesModule {
  readonly registry: DeviceRegistry;
  readonly discovery: DiscoveryService | null;
  readonly projectors: ProjectorServices;
  readonly rooms: RoomManager;
  /** « Le vidéoprojecteur est encore allumé »: the room's projectors left on (end of day, no signal). */
  readonly reminders: LeftOnReminders;
  readonly handlers: Pick<
    Handlers,
    | 'devices.list'
    | 'devices.refresh'
    | 'devices.add'
    | 'devices.remove'
    | 'devices.chooseRoom'
    | 'projector.status'
    | 'projector.inputs'
    | 'projector.refresh'
    | 'projector.checkPowerOff'
    | 'actions.start'
    | 'actions.cancel'
    | 'actions.provideInput'
    | 'app.visibility'
    | 'demo.fault'
    | 'demo.state'
    | 'reminders.list'
    | 'reminders.snooze'
  >;
  knownDevices(): Device[];
  /** The current room and its devices, for the guides' live diagnostics. */
  roomSnapshot(): { room: Room | null; devices: Device[] };
  /** Projector checks and fixes for the guides' live diagnostics. */
  diagnostics(): { checks: CheckRegistry; fixes: FixRegistry };
  /** The demo classroom, while demo mode is on. */
  demo(): DemoClassroom | null;
  /** A DLNA screen said goodbye (SSDP byebye): casting ends its session at once. */
  onScreenGone(listener: (gone: { udn: string; location: string | null }) => void): () => void;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const SOURCE_STATE = { off: 'off', idle: 'idle', running: 'running', done: 'done', error: 'error' } as const;

export function scanStateOf(state: DiscoveryState | null, dlnaRunning: boolean): ScanState {
  const src = (name: keyof DiscoveryState['sources']) => (state ? SOURCE_STATE[state.sources[name].state] : 'off');
  return {
    scanning: state?.searching ?? false,
    startedAt: state?.startedAt ?? null,
    problem: state?.problem ?? null,
    sources: { mdns: src('mdns'), pjlinkSearch: src('pjlink-search'), probe: src('probe'), inventory: src('inventory'), ssdp: dlnaRunning ? 'running' : 'off' },
  };
}

function laptopAddresses(): LocalAddress[] {
  return selectInterfaces().map((i) => ({ address: i.address, netmask: i.netmask }));
}

export async function createDevicesModule(options: DevicesModuleOptions): Promise<DevicesModule> {
  const { settings, profiles, logBook, events } = options;
  const log = logBook.logger('devices');
  const registry = new DeviceRegistry({ logger: logBook.logger('registry') });
  const rooms = new RoomManager({ settings, profiles, userDataDir: options.userDataDir, logger: log });
  await rooms.load();
  const disposers: (() => void | Promise<void>)[] = [];
  let demo: DemoClassroom | null = null;
  let demoStarting: Promise<void> | null = null;

  // ---- PJLink: one connection per projector, shared by discovery, poller, actions ------------------
  const inputMemory: InputMemory = new FileInputMemory(options.userDataDir, log);
  const projectors = createProjectorServices({
    // Demo projectors answer to their own random passwords; real ones to the typed or profile password.
    secrets: async (target) => demo?.secretFor(target) ?? (await options.pjlinkPassword({ host: target.host })),
    inputMemory,
    displayHook: null,
    notifications: options.notifications ?? true,
    logger: logBook.logger('pjlink'),
  });
  // Discovery reads projectors through the same manager (one connection per projector); the current
  // room's projectors are polled, so their connection stays open after a read.
  const readProjectorInfo = createProjectorInfoReader(projectors.manager, { isWatched: (target) => watchedKeys.has(targetKey(target)) });

  // ---- Discovery ------------------------------------------------------------------------------------
  const networkDiscovery = options.networkDiscovery ?? true;
  const discovery =
    options.discovery === false
      ? null
      : new DiscoveryService({
          registry,
          logger: logBook.logger('discovery'),
          readProjectorInfo,
          probe: networkDiscovery && settings.get('networkProbe'),
          inventory: profiles.inventory(),
          ...(networkDiscovery ? {} : { mdns: false as const, pjlinkSearch: false as const }),
          ...options.discovery,
        });
  if (discovery && projectors.notifications) {
    // The notification listener holds UDP 4352: it hands search answers to discovery.
    disposers.push(projectors.notifications.on('datagram', (d) => discovery.acceptPjlinkDatagram(d.message, { address: d.address, port: d.port })));
  }
  let dlna: DlnaDiscovery | null = null;
  const screens = new TypedEmitter<{ gone: { udn: string; location: string | null } }>();

  // ---- Events to the contract -----------------------------------------------------------------------
  const emitScan = () => events.emit('devices.scan', scanStateOf(discovery?.state() ?? null, dlna !== null));
  disposers.push(
    registry.on('changes', (c: DeviceChanges) => {
      events.emit('devices.changed', { upserted: [...c.added, ...c.changed], removed: c.removed });
      syncWatches();
    }),
  );
  if (discovery) {
    let lastNetwork: string | null | undefined;
    disposers.push(
      discovery.on('state', (s) => {
        emitScan();
        const signature = networkSignature(laptopAddresses());
        if (signature !== lastNetwork) {
          lastNetwork = signature;
          void rooms.networkChanged(signature);
        }
        // DLNA follows the interfaces discovery uses.
        const addresses = s.interfaces.map((i) => i.address).sort().join(',');
        if (networkDiscovery && options.dlna !== false && addresses !== dlnaAddresses) void restartDlna(s.interfaces.map((i) => i.address));
      }),
    );
  }
  disposers.push(rooms.on('changed', (view) => {
    events.emit('devices.rooms', view);
    syncWatches();
  }));

  // ---- DLNA screens ---------------------------------------------------------------------------------
  let dlnaAddresses = '';
  const restartDlna = async (addresses: string[]) => {
    dlnaAddresses = [...addresses].sort().join(',');
    dlna?.stop();
    dlna = null;
    if (addresses.length === 0) return;
    const next = new DlnaDiscovery({ localAddresses: addresses, logger: logBook.logger('dlna') });
    next.on('report', (report) => registry.report(report));
    next.on('gone', (gone) => screens.emit('gone', gone));
    dlna = next;
    try {
      await next.start();
    } catch (e) {
      log.warn(`DLNA discovery did not start: ${String(e).slice(0, 200)}`);
    }
    emitScan();
  };

  // ---- Left-on reminders: fed by the room's statuses below ---------------------------------------------
  const reminders = new LeftOnReminders({
    reminderTime: () => settings.get('reminderTime'),
    ...(options.reminderClock ? { clock: options.reminderClock } : {}),
    logger: log,
  });
  const reminderList = () => ({ reminders: reminders.list().slice(0, 64) });
  disposers.push(reminders.on('changed', () => events.emit('reminders.changed', reminderList())));
  disposers.push(() => reminders.dispose());
  let reminderTime = settings.get('reminderTime');
  let reminderIds = new Set<string>();
  disposers.push(
    settings.on('changed', (view) => {
      if (view.values.reminderTime === reminderTime) return;
      reminderTime = view.values.reminderTime;
      reminders.settingChanged();
    }),
  );

  // ---- Status polling: the current room's projectors only -------------------------------------------
  // (Polling other rooms' projectors would take their single PJLink connection from their teacher.)
  const watchedKeys = new Map<string, { unwatch: () => void; deviceIds: Set<string> }>();
  const pjlinkTarget = (d: Device) => {
    const host = d.host ?? d.addresses[0];
    return host && d.endpoints.pjlink ? { host, port: d.endpoints.pjlink.port } : null;
  };
  function roomDevices(): Device[] {
    const current = rooms.view().currentRoom;
    return registry.list().filter((d) => (current === null ? d.room === null : d.room === current));
  }
  function syncWatches(): void {
    const wanted = new Map<string, { target: { host: string; port: number }; ids: Set<string>; pjlinkClass: 1 | 2 | null }>();
    for (const d of roomDevices()) {
      const target = pjlinkTarget(d);
      if (!target) continue;
      // Normalized like the manager's and poller's keys (status events, the info reader's isWatched).
      const key = targetKey(normalizeTarget(target));
      const entry = wanted.get(key) ?? { target, ids: new Set<string>(), pjlinkClass: d.endpoints.pjlink?.class ?? null };
      entry.ids.add(d.id);
      wanted.set(key, entry);
    }
    for (const [key, w] of watchedKeys) {
      if (!wanted.has(key)) {
        w.unwatch();
        watchedKeys.delete(key);
      }
    }
    for (const [key, w] of wanted) {
      const existing = watchedKeys.get(key);
      if (existing) existing.deviceIds = w.ids;
      else watchedKeys.set(key, { unwatch: projectors.poller.watch(w.target, { pjlinkClass: w.pjlinkClass }), deviceIds: w.ids });
    }
    // The reminders follow the room: a projector that left it loses its reminder; one that joined
    // starts from the status already known (another device id on the same projector, a room change back).
    const tracked: { deviceId: string; name: string }[] = [];
    for (const w of wanted.values()) for (const id of w.ids) tracked.push({ deviceId: id, name: (registry.get(id)?.name ?? id).slice(0, LIMITS.name) });
    const fresh = tracked.filter((d) => !reminderIds.has(d.deviceId));
    reminderIds = new Set(tracked.map((d) => d.deviceId));
    reminders.setDevices(tracked);
    for (const d of fresh) {
      const w = [...wanted.values()].find((e) => e.ids.has(d.deviceId));
      const status = w ? projectors.poller.get(w.target) : null;
      if (status) reminders.update(d.deviceId, toContractStatus(d.deviceId, status));
    }
  }
  disposers.push(
    projectors.poller.on('status', ({ key, status }) => {
      for (const id of watchedKeys.get(key)?.deviceIds ?? []) {
        const view = toContractStatus(id, status);
        events.emit('projector.status', view);
        reminders.update(id, view);
      }
    }),
  );

  // ---- Actions ---------------------------------------------------------------------------------------
  const actionDevice = new Map<string, string>();
  disposers.push(
    projectors.actions.on('progress', (p) => {
      const deviceId = actionDevice.get(p.actionId);
      if (!deviceId) return;
      events.emit('actions.progress', {
        actionId: p.actionId,
        deviceId,
        kind: p.kind,
        step: p.step,
        stepKey: p.stepKey,
        params: p.params,
        progress: p.progress,
        ...(p.choices ? { choices: p.choices.map(toContractInput) } : {}),
        ...(p.power !== undefined ? { power: p.power } : {}),
      });
    }),
  );
  disposers.push(
    projectors.actions.on('done', (d) => {
      const deviceId = actionDevice.get(d.actionId);
      if (!deviceId) return;
      actionDevice.delete(d.actionId);
      events.emit('actions.done', { actionId: d.actionId, deviceId, kind: d.kind, status: d.status, error: d.error, warnings: d.warnings.slice(0, 10), input: d.input, durationMs: d.durationMs });
    }),
  );
  if (options.displayHook) {
    const hook = options.displayHook;
    projectors.actions.setDisplayHook(async ({ projector, signal }) => {
      const entry = profiles.inventory().find((e) => `inv:${e.id}` === projector.deviceId);
      await hook({ projector, mode: entry?.displayMode ?? settings.get('displayMode'), signal });
    });
  }

  function requireDevice(id: string): Device {
    const device = registry.get(id);
    if (!device) throw new ServiceError('devices.not_found', { params: { id }, guide: 'guide:contact-it' });
    return device;
  }
  function projectorRef(device: Device): ProjectorRef {
    const target = pjlinkTarget(device);
    if (!target) throw new ServiceError('devices.not_controllable', { params: { name: device.name }, guide: 'guide:standby-network' });
    const inventoryId = device.id.startsWith('inv:') ? device.id.slice(4) : null;
    const entry = inventoryId ? profiles.inventory().find((e) => e.id === inventoryId) : undefined;
    const demoDevice = demo && inventoryId && (DEMO_DEVICE_IDS as readonly string[]).includes(inventoryId) ? demo.device(inventoryId as DemoDeviceId) : null;
    return {
      host: target.host,
      port: target.port,
      deviceId: device.id,
      pjlinkClass: device.endpoints.pjlink?.class ?? null,
      preferredInput: entry?.preferredInput ?? demoDevice?.preferredInput ?? null,
    };
  }
  function actionRequest(input: ActionStart, projector: ProjectorRef): ActionRequest {
    switch (input.kind) {
      case 'select-input':
        return { kind: 'select-input', projector, input: input.input };
      case 'volume':
        return { kind: 'volume', projector, direction: input.direction };
      case 'off':
        return { kind: 'off', projector };
      case 'show':
        return { kind: 'show', projector };
      default:
        return { kind: input.kind, projector };
    }
  }

  // ---- Demo classroom --------------------------------------------------------------------------------
  let roomBeforeDemo: string | null = null;
  const t = () => createTranslator(settings.view().resolvedLanguage);
  async function setDemo(enabled: boolean): Promise<void> {
    if (enabled && !demo) {
      const tr = t();
      roomBeforeDemo = settings.get('room');
      demo = await DemoClassroom.start({
        timeScale: options.demoTimeScale ?? 1,
        names: {
          room: tr('simulator:room'),
          'demo-projector': tr('simulator:device.demo-projector'),
          'demo-vpi': tr('simulator:device.demo-vpi'),
          'demo-screen': tr('simulator:device.demo-screen'),
        },
        logger: logBook.logger('demo'),
      });
      demo.on('fault', (f) => {
        if (f.credentialsChanged) projectors.manager.credentialsChanged(f.target);
        projectors.poller.hurry(f.target, 10_000);
      });
      for (const report of demo.reports()) registry.report(report, { pin: true });
      await rooms.setDemo({ ...demo.room }, roomBeforeDemo);
      events.emit('demo.state', { enabled: true });
    } else if (!enabled && demo) {
      const stopping = demo;
      demo = null;
      registry.forget((d) => d.room === DEMO_ROOM_ID || d.sources.includes('demo'));
      for (const id of DEMO_DEVICE_IDS) void projectors.manager.release(stopping.target(id));
      await stopping.stop();
      await rooms.setDemo(null, roomBeforeDemo);
      events.emit('demo.state', { enabled: false });
    }
    syncWatches();
  }
  const applyDemoSetting = () => {
    const wanted = settings.get('demoMode') && profiles.features().demoModeVisible !== false;
    demoStarting = (demoStarting ?? Promise.resolve()).then(() => setDemo(wanted)).catch((e: unknown) => log.error(`demo mode: ${String(e).slice(0, 300)}`));
    return demoStarting;
  };

  // ---- Settings and profile changes ------------------------------------------------------------------
  disposers.push(
    settings.on('changed', (view) => {
      discovery?.setProbe(networkDiscovery && view.values.networkProbe);
      void applyDemoSetting();
      rooms.refresh();
    }),
  );
  disposers.push(
    profiles.on('changed', () => {
      discovery?.setInventory(profiles.inventory());
      rooms.refresh();
    }),
  );

  const list = (): DeviceList => {
    const view = rooms.view();
    return { devices: registry.list(), rooms: view.rooms, currentRoom: view.currentRoom, roomChoice: view.roomChoice, scan: scanStateOf(discovery?.state() ?? null, dlna !== null) };
  };

  const handlers: DevicesModule['handlers'] = {
    'devices.list': () => list(),
    'devices.refresh': async ({ probe }) => {
      if (!discovery) return scanStateOf(null, false);
      void discovery.refresh({ probe: networkDiscovery && (probe ?? false) }).catch((e: unknown) => log.warn(`refresh: ${String(e).slice(0, 200)}`));
      dlna?.search();
      return scanStateOf(discovery.state(), dlna !== null);
    },
    'devices.add': async ({ host, name }) => {
      if (!discovery) throw new ServiceError('devices.discovery_off');
      const device = await discovery.addManual(host);
      if (name) registry.report({ source: 'manual', identity: { host: device.host }, name }, { pin: true });
      syncWatches();
      return registry.get(device.id) ?? device;
    },
    'devices.remove': ({ id }) => {
      const device = requireDevice(id);
      if (device.inInventory) throw new ServiceError('devices.managed', { params: { name: device.name }, guide: 'guide:contact-it' });
      const removed = registry.forget((d) => d.id === id) > 0;
      return { removed };
    },
    'devices.chooseRoom': ({ room }) => {
      if (room !== null && !rooms.rooms().some((r) => r.id === room)) throw new ServiceError('devices.unknown_room', { params: { room } });
      if (settings.view().sources.room === 'locked') throw new ServiceError('settings.locked', { params: { key: 'room' }, guide: 'guide:contact-it' });
      return rooms.choose(room);
    },
    'projector.status': ({ deviceId }) => {
      const device = requireDevice(deviceId);
      const target = pjlinkTarget(device);
      if (!target) return null;
      const status = projectors.poller.get(target);
      return status ? toContractStatus(deviceId, status) : null;
    },
    'projector.refresh': async ({ deviceId }) => {
      const ref = projectorRef(requireDevice(deviceId));
      const status = await projectors.poller.refresh({ host: ref.host, port: ref.port ?? null });
      return toContractStatus(deviceId, status);
    },
    'projector.inputs': async ({ deviceId }) => {
      const ref = projectorRef(requireDevice(deviceId));
      const inputs = await projectors.manager.client({ host: ref.host, port: ref.port ?? null }, { pjlinkClass: ref.pjlinkClass ?? null }).inputs({ priority: 'user' });
      return inputs.map(toContractInput);
    },
    'projector.checkPowerOff': async ({ deviceId }) => {
      const check = await projectors.actions.checkPowerOff(projectorRef(requireDevice(deviceId)));
      return {
        power: check.power,
        input: check.input,
        inputName: check.inputName,
        otherSourceInUse: check.otherInputInUse === true,
        confirm: settings.get('confirmPowerOff'),
      };
    },
    'actions.start': (input) => {
      const device = requireDevice(input.deviceId);
      if (input.kind === 'off' && profiles.features().powerOffAllowed === false) {
        throw new ServiceError('actions.power_off_forbidden', { guide: 'guide:contact-it' });
      }
      const run = projectors.actions.start(actionRequest(input, projectorRef(device)));
      actionDevice.set(run.id, device.id);
      return { actionId: run.id };
    },
    'actions.cancel': ({ actionId }) => ({ cancelled: projectors.actions.cancel(actionId) }),
    'actions.provideInput': ({ actionId, input }) => ({ accepted: projectors.actions.provideInput(actionId, input) }),
    'app.visibility': ({ visible }) => {
      if (visible) projectors.poller.resume();
      else projectors.poller.pause();
      return { ok: true as const };
    },
    'demo.fault': async ({ deviceId, fault }) => {
      if (!demo) throw new ServiceError('demo.off');
      const id = deviceId.startsWith('inv:') ? deviceId.slice(4) : deviceId;
      if (!(DEMO_DEVICE_IDS as readonly string[]).includes(id)) throw new ServiceError('demo.not_demo_device', { params: { id: deviceId } });
      await demo.apply(id as DemoDeviceId, fault as DemoFault);
      return { applied: true };
    },
    'demo.state': () => ({ enabled: demo !== null }),
    'reminders.list': () => reminderList(),
    'reminders.snooze': ({ deviceId }) => {
      const until = reminders.snooze(deviceId);
      return { snoozed: until !== null, until };
    },
  };

  return {
    registry,
    discovery,
    projectors,
    rooms,
    reminders,
    handlers,
    knownDevices: () => registry.list(),
    roomSnapshot() {
      const view = rooms.view();
      return { room: view.rooms.find((r) => r.id === view.currentRoom) ?? null, devices: roomDevices() };
    },
    diagnostics: () =>
      projectorDiagnostics({
        projectors,
        projectorRef,
        translate: t,
        async expectedInput(device, ref) {
          if (ref.preferredInput) return ref.preferredInput;
          const inventoryId = device.id.startsWith('inv:') ? device.id.slice(4) : null;
          const demoDevice = demo && inventoryId && (DEMO_DEVICE_IDS as readonly string[]).includes(inventoryId) ? demo.device(inventoryId as DemoDeviceId) : null;
          return (await inputMemory.get(device.id)) ?? demoDevice?.laptopInput ?? null;
        },
      }),
    demo: () => demo,
    onScreenGone: (listener) => screens.on('gone', listener),
    async start() {
      registry.start();
      await projectors.start();
      // The IT inventory is known before any packet is sent.
      if (discovery) await discovery.start();
      else {
        const addresses = laptopAddresses();
        void rooms.networkChanged(networkSignature(addresses));
      }
      if (!discovery && networkDiscovery && options.dlna !== false) void restartDlna(laptopAddresses().map((a) => a.address));
      await applyDemoSetting();
      rooms.refresh();
      syncWatches();
    },
    async dispose() {
      for (const d of disposers.reverse()) await d();
      for (const w of watchedKeys.values()) w.unwatch();
      watchedKeys.clear();
      dlna?.stop();
      await discovery?.stop();
      if (demo) await demo.stop().catch(() => {});
      demo = null;
      await projectors.dispose();
      registry.stop();
      screens.removeAll();
    },
  };
}

