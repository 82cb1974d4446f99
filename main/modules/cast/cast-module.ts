/**
 * Casting, for the host: one CastService fed by the registry's devices (targets from
 * `castTargetsFromDevice`), the contract handlers (cast.targets/start/control/list, wireless.open) and
 * the `cast.status` event. A screen that leaves the registry, or a DLNA screen that says goodbye, ends
 * its cast at once (`targetGone`): the shared file stops being served.
 *
 * The renderer only names a chosen file by its opaque id (files module) and a screen by its device id:
 * paths, hosts and media URLs stay in main.
 */
import type { CastReceiver, CastStatusView, CastTargets, WirelessReceiver } from '../../../preload/contract/cast';
import type { Device } from '../../../preload/contract/devices';
import type { HostEvents } from '../../host';
import type { Handlers } from '../../rpc/dispatcher';
import type { TypedEmitter } from '../../services/core/emitter';
import type { LogBook } from '../../services/core/logger';
import { castError } from '../../services/cast/cast-errors';
import { CastService, type CastServiceOptions, type CastStatus } from '../../services/cast/cast-service';
import { castTargetsFromDevice, type CastTarget } from '../../services/cast/cast-target';
import { planWirelessOpen, wirelessProtocolsOf } from '../../services/cast/wireless';
import { createExecFileRunner, type CommandRunner } from '../../services/display/command-runner';
import type { DeviceRegistry, DeviceChanges } from '../../services/devices/registry';
import type { FileRegistry } from '../../services/files/file-registry';

export interface CastModuleOptions {
  registry: DeviceRegistry;
  files: FileRegistry;
  events: TypedEmitter<HostEvents>;
  logBook: LogBook;
  /** DLNA goodbyes (devices module). */
  onScreenGone?: (listener: (gone: { udn: string; location: string | null }) => void) => () => void;
  platform?: string;
  env?: Readonly<Record<string, string | undefined>>;
  darwinMajor?: number | null;
  /** Runs the system's mirroring flow (tests inject a fake). */
  runner?: CommandRunner;
  /** Overrides for the service (tests: drivers, pool). */
  service?: Omit<CastServiceOptions, 'logger'>;
}

export interface CastModule {
  readonly service: CastService;
  readonly handlers: Pick<Handlers, 'cast.targets' | 'cast.start' | 'cast.control' | 'cast.list' | 'wireless.open'>;
  /** What `--to`/a device id designates, Google Cast first. */
  targetFor(device: Device, prefer?: CastTarget['protocol']): CastTarget | null;
  dispose(): Promise<void>;
}

const finite = (n: number | null): number | null => (n !== null && Number.isFinite(n) && n >= 0 ? n : null);

/** The service's status → what crosses the contract. */
export function toCastStatusView(s: CastStatus): CastStatusView {
  return {
    castId: s.castId,
    deviceId: s.targetKey,
    targetName: s.targetName,
    protocol: s.protocol,
    file: { ...s.file },
    state: s.state,
    position: finite(s.position),
    duration: finite(s.duration),
    page: s.page ? { number: s.page.index + 1, count: s.page.count } : null,
    error: s.error,
    endReason: s.endReason,
    updatedAt: s.updatedAt,
  };
}

/** The screens of the registry that receive casts, and those reached only by the OS's mirroring. Pure. */
export function castTargetsOf(devices: readonly Device[], platform: string): CastTargets {
  const receivers: CastReceiver[] = [];
  const wireless: WirelessReceiver[] = [];
  for (const d of devices) {
    const targets = castTargetsFromDevice(d);
    if (targets.length > 0) {
      receivers.push({ deviceId: d.id, name: d.name, kind: d.kind, room: d.room, protocols: targets.map((t) => t.protocol), busy: targets.some((t) => t.busy === true) });
    }
    const mirroring = wirelessProtocolsOf(d.capabilities, platform);
    if (mirroring.length > 0) wireless.push({ deviceId: d.id, name: d.name, kind: d.kind, room: d.room, protocols: mirroring });
  }
  return { receivers: receivers.slice(0, 1000), wireless: wireless.slice(0, 1000) };
}

const REMEMBERED = 50;

export function createCastModule(options: CastModuleOptions): CastModule {
  const log = options.logBook.logger('cast');
  const platform = options.platform ?? process.platform;
  const service = new CastService({ ...options.service, logger: log });
  const runner = options.runner ?? createExecFileRunner();
  const disposers: (() => void)[] = [];
  // The last status of each recent cast: controls on a cast that just ended answer with it.
  const recent = new Map<string, CastStatus>();

  disposers.push(
    service.on('status', (s) => {
      recent.delete(s.castId);
      recent.set(s.castId, s);
      if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value as string);
      options.events.emit('cast.status', toCastStatusView(s));
    }),
  );
  disposers.push(
    options.registry.on('changes', (c: DeviceChanges) => {
      for (const id of c.removed) service.targetGone({ key: id });
    }),
  );
  if (options.onScreenGone) {
    disposers.push(options.onScreenGone((g) => service.targetGone({ udn: g.udn, ...(g.location ? { location: g.location } : {}), protocol: 'dlna' })));
  }

  const targetFor = (device: Device, prefer?: CastTarget['protocol']): CastTarget | null => {
    const targets = castTargetsFromDevice(device);
    return (prefer ? targets.find((t) => t.protocol === prefer) : undefined) ?? targets[0] ?? null;
  };

  const requireDevice = (deviceId: string): Device => {
    const device = options.registry.get(deviceId);
    if (!device) throw castError('cast.target_unknown', { params: { name: deviceId.slice(0, 80) } });
    return device;
  };

  const sessionOf = (castId: string): CastStatus => {
    const live = service.list().find((s) => s.castId === castId);
    if (live) return live;
    const last = recent.get(castId);
    if (last) return last;
    throw castError('cast.no_session', { params: { name: '' }, detail: 'unknown cast id' });
  };

  const handlers: CastModule['handlers'] = {
    'cast.targets': () => castTargetsOf(options.registry.list(), platform),
    'cast.list': () => service.list().map(toCastStatusView),
    'cast.start': async ({ fileId, deviceId, page, takeOver, protocol }) => {
      const device = requireDevice(deviceId);
      const target = targetFor(device, protocol);
      if (!target) throw castError('cast.target_unsupported', { params: { name: device.name } });
      const file = options.files.get(fileId);
      if (!file.castable) throw castError('cast.not_media', { params: { file: file.name } });
      const status = await service.cast({ file: file.path, target, takeOver: takeOver === true, ...(page ? { page: page - 1 } : {}) });
      return toCastStatusView(status);
    },
    'cast.control': async ({ castId, command, seconds }) => {
      const session = sessionOf(castId);
      const key = session.targetKey;
      // A cast that already ended: "stop" is done, anything else says so.
      if (session.endReason !== null) {
        if (command === 'stop' || command === 'refresh') return toCastStatusView(session);
        throw castError('cast.no_session', { params: { name: session.targetName } });
      }
      switch (command) {
        case 'pause':
          return toCastStatusView(await service.pause(key));
        case 'resume':
          return toCastStatusView(await service.resume(key));
        case 'stop':
          return toCastStatusView(await service.stop(key));
        case 'seek':
          return toCastStatusView(await service.seek(key, seconds ?? 0));
        case 'nextPage':
          return toCastStatusView(await service.nextPage(key));
        case 'previousPage':
          return toCastStatusView(await service.previousPage(key));
        case 'refresh':
          return toCastStatusView(await service.refresh(key));
      }
    },
    'wireless.open': async ({ deviceId }) => {
      const device = requireDevice(deviceId);
      const protocols = wirelessProtocolsOf(device.capabilities, platform);
      const protocol = protocols[0];
      if (!protocol) throw castError('cast.target_unsupported', { params: { name: device.name } });
      const plan = planWirelessOpen({ platform, protocols, env: options.env ?? process.env, darwinMajor: options.darwinMajor ?? null });
      let opened = false;
      if (plan.command) {
        const result = await runner.run(plan.command);
        opened = result.code !== null;
        if (!opened) log.warn(`could not open the system's mirroring panel: ${result.error ?? result.code}`);
      }
      return { deviceId: device.id, name: device.name, protocol, method: plan.method, opened, guide: 'guide:wireless' as const };
    },
  };

  return {
    service,
    handlers,
    targetFor,
    async dispose() {
      for (const d of disposers.splice(0)) d();
      await service.dispose();
      service.removeAll();
    },
  };
}
