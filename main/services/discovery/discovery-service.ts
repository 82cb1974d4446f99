/**
 * Discovery: runs every source and feeds the registry. Sources:
 *  - mDNS / DNS-SD (Cast, AirPlay, Miracast, PJLink, + RAOP/HTTP to enrich), always listening;
 *  - PJLink class 2 search (UDP %2SRCH), a burst at each round and then every minute;
 *  - the IT inventory, checked at each round and every minute;
 *  - hosts added by hand, checked like the inventory;
 *  - the opt-in TCP sweep of each interface's /24 (refresh({ probe: true }) or `probe: true`).
 * A PJLink device found by any of them is then asked its name, maker, model and inputs through the
 * injected ProjectorInfoReader (the app's PJLink client), a few at a time.
 *
 * A "round" is what the UI shows as "Recherche…": it starts at start() or refresh() and lasts at least
 * `scanWindowMs`, and until the sweep and the inventory checks are over. `state().searching` is true
 * from the first millisecond of a round (set synchronously), so the indicator never lags.
 *
 * Interfaces are re-read every `interfacePollMs`: one that appears gets browsers and searches; one that
 * goes away (Wi-Fi off, cable out) is dropped, and the devices only reachable through it go offline.
 */
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { ServiceError } from '../core/errors';
import type { Device, DeviceKind } from '../../../preload/contract/devices';
import { PJLINK_INFO_KEY, type DeviceRegistry } from '../devices/registry';
import type { DeviceReport, InventoryEntry } from '../devices/report';
import { inSubnet } from '../devices/identity';
import { interfaceKey, probeTargets, selectInterfaces, type InterfaceFilter, type InterfaceLister, type NetInterface } from './interfaces';
import { MdnsSource, type MdnsSourceOptions } from './mdns-source';
import type { MdnsReport } from './mdns-records';
import { PjlinkSearch, PJLINK_PORT, type Ackn, type PjlinkSearchOptions } from './pjlink-search';
import { sweepPjlink } from './tcp-probe';
import { checkHost, defaultResolver, parseManualAddress, resolveHost, type HostResolver } from './host-check';
import { reportFromProjectorInfo, type ProjectorInfoReader } from './projector-info';

export type SourceName = 'mdns' | 'pjlink-search' | 'probe' | 'inventory';
export type SourceState = 'off' | 'idle' | 'running' | 'done' | 'error';

export interface SourceProgress {
  state: SourceState;
  /** Distinct things found by this source in the current round. */
  found: number;
  /** For the sweep and the inventory: how many checked out of how many. */
  done?: number;
  total?: number;
}

export interface DiscoveryState {
  /** start() was called and stop() was not. */
  running: boolean;
  /** A round is in progress: the UI shows its "Recherche…" indicator. */
  searching: boolean;
  round: number;
  /** Epoch ms at which the current (or last) round started. */
  startedAt: number | null;
  interfaces: { name: string; address: string; prefix: number }[];
  /** A problem worth telling the teacher: no usable network interface. */
  problem: 'no-network' | null;
  sources: Record<SourceName, SourceProgress>;
}

export interface DiscoveryOptions {
  registry: DeviceRegistry;
  logger?: Logger;
  /** The app's PJLink client (read name/maker/model/class/inputs). Without it, PJLink devices keep their address only. */
  readProjectorInfo?: ProjectorInfoReader | null;
  interfaces?: InterfaceFilter;
  listInterfaces?: InterfaceLister;
  /** false: no mDNS (tests of other sources). */
  mdns?: false | MdnsSourceOptions;
  /** false: no PJLink search. */
  pjlinkSearch?: false | PjlinkSearchOptions;
  /** TCP port of PJLink devices found by the search (4352; tests use another one). */
  pjlinkTcpPort?: number;
  /** Sweep each interface's /24 on every round (the profile's networkProbe setting). */
  probe?: boolean;
  probeOptions?: { port?: number; concurrency?: number; connectTimeoutMs?: number; greetingTimeoutMs?: number };
  inventory?: InventoryEntry[];
  resolveHost?: HostResolver;
  /** Minimum length of a round. */
  scanWindowMs?: number;
  /** Rounds never last longer than this (a stuck probe does not keep "Recherche…" forever). */
  maxRoundMs?: number;
  interfacePollMs?: number;
  /** PJLink search and liveness checks between rounds. */
  maintenanceIntervalMs?: number;
  /** Delays of the %2SRCH burst within a round. */
  searchBurstMs?: number[];
  /** Concurrent PJLink info reads (each to a different host: never two connections to one projector). */
  infoConcurrency?: number;
  /** A projector's info is read again after this long (or at a refresh). */
  infoTtlMs?: number;
  infoTimeoutMs?: number;
}

export type DiscoveryEvents = {
  state: DiscoveryState;
  /** A source sent its first query on an interface (diagnostics and benchmarks). */
  queried: { source: SourceName; interface: string; at: number };
};

const PROJECTOR_KINDS: ReadonlySet<DeviceKind> = new Set(['projector', 'interactive-projector']);
const CAST_PORT = 8009;

interface InfoJob {
  host: string;
  port: number;
  source: 'pjlink-search' | 'probe' | 'inventory' | 'manual' | 'mdns';
  key: string;
  mac: string | null;
  extra?: Partial<DeviceReport>;
}

function sourcesInitial(): Record<SourceName, SourceProgress> {
  return {
    mdns: { state: 'idle', found: 0 },
    'pjlink-search': { state: 'idle', found: 0 },
    probe: { state: 'off', found: 0 },
    inventory: { state: 'idle', found: 0, done: 0, total: 0 },
  };
}

export class DiscoveryService extends TypedEmitter<DiscoveryEvents> {
  private readonly registry: DeviceRegistry;
  private readonly log: Logger;
  private readonly filter: InterfaceFilter;
  private readonly lister: InterfaceLister | undefined;
  private readonly resolver: HostResolver;
  private readonly reader: ProjectorInfoReader | null;
  private readonly opts: Required<Pick<DiscoveryOptions, 'scanWindowMs' | 'maxRoundMs' | 'interfacePollMs' | 'maintenanceIntervalMs' | 'searchBurstMs' | 'infoConcurrency' | 'infoTtlMs' | 'infoTimeoutMs'>>;
  private readonly probeOptions: NonNullable<DiscoveryOptions['probeOptions']>;
  private readonly mdnsOptions: false | MdnsSourceOptions;
  private readonly searchOptions: false | PjlinkSearchOptions;
  private readonly pjlinkTcpPort: number;

  private mdns: MdnsSource | null = null;
  private search: PjlinkSearch | null = null;
  private inventory: InventoryEntry[];
  private probeByDefault: boolean;
  private interfaces: NetInterface[] = [];
  private readonly manualHosts = new Map<string, { host: string; port: number | null }>();
  private readonly probeHits = new Map<string, { port: number }>();

  private st: DiscoveryState;
  private timers = new Set<NodeJS.Timeout>();
  private pollTimer: NodeJS.Timeout | null = null;
  private maintenanceTimer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private roundAbort: AbortController | null = null;
  private probeRunning: Promise<void> | null = null;
  private stateTimer: NodeJS.Timeout | null = null;
  private readonly roundFound: Record<SourceName, Set<string>> = { mdns: new Set(), 'pjlink-search': new Set(), probe: new Set(), inventory: new Set() };

  private readonly infoQueue: InfoJob[] = [];
  private readonly infoInFlight = new Set<string>();
  private readonly infoReadAt = new Map<string, number>();
  private infoIdle: (() => void)[] = [];
  private onStop: (() => void)[] = [];
  private polledOnce = false;

  constructor(options: DiscoveryOptions) {
    super();
    this.registry = options.registry;
    this.log = options.logger ?? silentLogger;
    this.filter = options.interfaces ?? {};
    this.lister = options.listInterfaces;
    this.resolver = options.resolveHost ?? defaultResolver;
    this.reader = options.readProjectorInfo ?? null;
    this.inventory = [...(options.inventory ?? [])];
    this.probeByDefault = options.probe ?? false;
    this.mdnsOptions = options.mdns === undefined ? {} : options.mdns;
    this.searchOptions = options.pjlinkSearch === undefined ? {} : options.pjlinkSearch;
    this.probeOptions = options.probeOptions ?? {};
    this.pjlinkTcpPort = options.pjlinkTcpPort ?? PJLINK_PORT;
    this.opts = {
      scanWindowMs: options.scanWindowMs ?? 5_000,
      maxRoundMs: options.maxRoundMs ?? 30_000,
      interfacePollMs: options.interfacePollMs ?? 2_000,
      maintenanceIntervalMs: options.maintenanceIntervalMs ?? 60_000,
      searchBurstMs: options.searchBurstMs ?? [0, 1_000, 3_000],
      infoConcurrency: options.infoConcurrency ?? 8,
      infoTtlMs: options.infoTtlMs ?? 300_000,
      infoTimeoutMs: options.infoTimeoutMs ?? 6_000,
    };
    this.st = {
      running: false,
      searching: false,
      round: 0,
      startedAt: null,
      interfaces: [],
      problem: null,
      sources: sourcesInitial(),
    };
    if (this.mdnsOptions === false) this.st.sources.mdns.state = 'off';
    if (this.searchOptions === false) this.st.sources['pjlink-search'].state = 'off';
  }

  state(): DiscoveryState {
    return structuredClone(this.st);
  }

  /** The opt-in network sweep setting (profile / Réglages). */
  setProbe(enabled: boolean): void {
    this.probeByDefault = enabled;
  }

  /** The IT inventory changed (profile loaded or updated). */
  setInventory(entries: InventoryEntry[]): void {
    this.inventory = [...entries];
    this.registry.retainInventory(entries.map((e) => e.id));
    for (const entry of entries) this.registry.report(this.inventoryReport(entry, undefined));
    if (this.st.running) void this.checkInventory(this.roundAbort?.signal);
  }

  /**
   * Starts every source and a first round. Resolves when listening has started (not at the end of the
   * round: follow `state` events, or await `refresh()`).
   */
  async start(): Promise<void> {
    if (this.st.running) return;
    this.st.running = true;
    this.st.searching = true; // before any await: the indicator is on from the first millisecond
    this.registry.setSearching(true);
    this.registry.start();
    this.emitState(true);
    // Inventory devices are known before any packet is sent.
    for (const entry of this.inventory) this.registry.report(this.inventoryReport(entry, undefined));
    if (this.mdnsOptions !== false) {
      this.mdns = new MdnsSource({ logger: this.log.child('mdns'), ...this.mdnsOptions });
      this.mdns.on('report', (r) => this.onMdnsReport(r));
      this.mdns.on('found', ({ key }) => this.found('mdns', key));
      this.mdns.on('queried', (q) => this.emit('queried', { source: 'mdns', ...q, at: Date.now() }));
    }
    if (this.searchOptions !== false) {
      const search = new PjlinkSearch({ logger: this.log.child('pjlink-search'), ...this.searchOptions });
      search.on('ackn', (a) => this.onAckn(a));
      this.search = search;
      try {
        await search.start();
      } catch (e) {
        this.log.warn(`PJLink search unavailable: ${(e as Error).message}`);
        this.st.sources['pjlink-search'].state = 'error';
        if (this.search === search) this.search = null;
      }
      if (!this.st.running) {
        // Stopped while the sockets were being bound: close what was just opened.
        await search.stop();
        return;
      }
    }
    if (!this.st.running) return; // stopped while starting
    this.pollInterfaces();
    this.pollTimer = this.every(this.opts.interfacePollMs, () => this.pollInterfaces());
    this.maintenanceTimer = this.every(this.opts.maintenanceIntervalMs, () => void this.maintenance());
    void this.beginRound(this.probeByDefault, false);
  }

  /** Starts a new round (or joins the current one) and resolves when it is over. Starts discovery if needed. */
  async refresh(options: { probe?: boolean } = {}): Promise<void> {
    if (!this.st.running) {
      if (options.probe !== undefined) this.probeByDefault = this.probeByDefault || options.probe;
      await this.start();
      return this.round ?? undefined;
    }
    const probe = options.probe ?? this.probeByDefault;
    if (this.round) {
      if (probe && !this.probeRunning) this.probeRunning = this.runProbe(this.roundAbort?.signal);
      return this.round;
    }
    return this.beginRound(probe, true);
  }

  /** Adds a host typed by a teacher or IT: validated, resolved, probed, kept even when offline. */
  async addManual(input: string): Promise<Device> {
    const parsed = parseManualAddress(input);
    if (!parsed) throw new ServiceError('devices.invalid_address', { params: { input: String(input).slice(0, 100) } });
    const addresses = await resolveHost(parsed.host, this.resolver);
    const ports = parsed.port ? [parsed.port] : [this.pjlinkTcpPort, CAST_PORT];
    const check = await checkHost(addresses, ports, { connectTimeoutMs: 1_500, greetingTimeoutMs: 2_000 });
    const key = `manual:${parsed.host}`;
    this.manualHosts.delete(key);
    this.manualHosts.set(key, parsed);
    if (this.manualHosts.size > 256) this.manualHosts.delete(this.manualHosts.keys().next().value!);
    const id = this.registry.report(
      {
        source: 'manual',
        key,
        identity: { host: parsed.host, addresses },
        capabilities: check.pjlink ? ['pjlink'] : [],
        endpoints: check.pjlink ? { pjlink: { port: check.pjlink.port, class: null, authRequired: check.pjlink.authRequired } } : {},
        alive: check.reachable,
      },
      { pin: true },
    );
    if (!id) throw new ServiceError('devices.limit_reached');
    if (check.pjlink && check.address) {
      await this.readInfoNow({ host: check.address, port: check.pjlink.port, source: 'manual', key, mac: null });
    }
    this.registry.flush();
    const device = this.registry.get(this.findId(id, addresses) ?? id);
    if (!device) throw new ServiceError('devices.limit_reached');
    return device;
  }

  /**
   * A datagram received on UDP 4352 by someone else (the PJLink notification listener, when it holds
   * the port): %2ACKN and %2LKUP lines are taken as search answers.
   */
  acceptPjlinkDatagram(message: Buffer, from: { address: string; port: number }): void {
    this.search?.accept(message, from);
  }

  async stop(): Promise<void> {
    if (!this.st.running) return;
    this.st.running = false;
    this.roundAbort?.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.maintenanceTimer) clearInterval(this.maintenanceTimer);
    this.pollTimer = this.maintenanceTimer = null;
    this.polledOnce = false;
    this.interfaces = [];
    this.infoQueue.length = 0;
    const mdns = this.mdns;
    const search = this.search;
    this.mdns = null;
    this.search = null;
    await Promise.all([mdns?.stop(), search?.stop()]);
    this.st.searching = false;
    this.registry.setSearching(false);
    for (const s of Object.values(this.st.sources)) if (s.state === 'running') s.state = 'idle';
    this.emitState(true);
    for (const resolve of this.infoIdle.splice(0)) resolve();
    for (const resolve of this.onStop.splice(0)) resolve();
  }

  // ---- rounds -------------------------------------------------------------------------------

  private beginRound(probe: boolean, forceInfo: boolean): Promise<void> {
    this.roundAbort = new AbortController();
    const signal = this.roundAbort.signal;
    this.st.round++;
    this.st.searching = true;
    this.st.startedAt = Date.now();
    for (const set of Object.values(this.roundFound)) set.clear();
    const s = this.st.sources;
    if (s.mdns.state !== 'off') s.mdns = { state: this.mdns ? 'running' : 'error', found: 0 };
    if (s['pjlink-search'].state !== 'off') s['pjlink-search'] = { state: this.search ? 'running' : 'error', found: 0 };
    s.probe = { state: probe ? 'running' : 'off', found: 0 };
    s.inventory = { state: this.inventory.length ? 'running' : 'idle', found: 0, done: 0, total: this.inventory.length };
    this.registry.setSearching(true);
    this.emitState(true);
    if (forceInfo) {
      this.infoReadAt.clear();
      // On start the Browsers have just asked; on a refresh, ask again now and restart the backoff.
      this.mdns?.refresh();
    }
    for (const delay of this.opts.searchBurstMs) this.after(delay, () => void this.searchAll());
    this.probeRunning = probe ? this.runProbe(signal) : null;
    const inventory = this.checkInventory(signal);
    const manual = this.checkManualAndProbed(signal);
    const windowDone = new Promise<void>((r) => this.after(this.opts.scanWindowMs, r));
    const maxDone = new Promise<void>((r) => this.after(this.opts.maxRoundMs, r));
    let onStop: () => void = () => {};
    const stopped = new Promise<void>((r) => this.onStop.push((onStop = r)));
    const work = (async () => {
      await Promise.all([windowDone, inventory, manual]);
      // The sweep may have been added to this round by a refresh({ probe: true }).
      while (this.probeRunning) {
        const running = this.probeRunning;
        await running;
        if (this.probeRunning === running) break;
      }
      await this.infoQueueIdle();
    })();
    const round = Promise.race([work, maxDone, stopped]).then(() => {
      this.onStop = this.onStop.filter((r) => r !== onStop);
      if (this.round !== round) return;
      this.round = null;
      this.probeRunning = null;
      if (!this.st.running) return;
      this.st.searching = false;
      for (const src of Object.values(this.st.sources)) if (src.state === 'running') src.state = 'done';
      this.registry.setSearching(false);
      this.registry.sweep();
      this.emitState(true);
      this.log.info(`round ${this.st.round} over: ${this.registry.size} device(s)`);
    });
    this.round = round;
    return round;
  }

  private async maintenance(): Promise<void> {
    if (!this.st.running || this.round) return;
    await this.searchAll();
    await this.checkInventory(undefined, true);
    await this.checkManualAndProbed(undefined);
  }

  // ---- interfaces ---------------------------------------------------------------------------

  private pollInterfaces(): void {
    if (!this.st.running) return;
    const now = selectInterfaces(this.filter, this.lister);
    const before = new Map(this.interfaces.map((i) => [interfaceKey(i), i]));
    const after = new Map(now.map((i) => [interfaceKey(i), i]));
    const added = now.filter((i) => !before.has(interfaceKey(i)));
    const removed = this.interfaces.filter((i) => !after.has(interfaceKey(i)));
    if (this.polledOnce && added.length === 0 && removed.length === 0) return;
    const initial = !this.polledOnce;
    this.polledOnce = true;
    this.interfaces = now;
    for (const iface of removed) {
      this.log.info(`interface ${iface.name} (${iface.address}) went away`);
      void this.mdns?.removeInterface(interfaceKey(iface));
      // Devices only reachable through that interface: gone for now (they come back with it).
      const remaining = now;
      this.registry.markGone(
        (d) =>
          d.addresses.length > 0 &&
          d.addresses.every((a) => inSubnet(a, iface.address, iface.prefix)) &&
          !d.addresses.some((a) => remaining.some((r) => inSubnet(a, r.address, r.prefix))),
      );
    }
    for (const iface of added) {
      this.log.info(`interface ${iface.name} (${iface.address}/${iface.prefix}) in use`);
      if (this.mdns && !this.mdns.addInterface(iface)) this.st.sources.mdns.state = 'error';
      if (this.round && this.search) void this.search.search([iface]);
    }
    this.st.interfaces = now.map((i) => ({ name: i.name, address: i.address, prefix: i.prefix }));
    this.st.problem = now.length === 0 ? 'no-network' : null;
    this.emitState(true);
    // A network came (back): search it now, visibly, rather than at the next maintenance tick.
    if (!initial && added.length > 0 && !this.round) void this.beginRound(this.probeByDefault, false);
  }

  // ---- sources ------------------------------------------------------------------------------

  private async searchAll(): Promise<void> {
    if (!this.search || this.interfaces.length === 0 || !this.st.running) return;
    try {
      await this.search.search(this.interfaces);
      for (const i of this.interfaces) this.emit('queried', { source: 'pjlink-search', interface: i.name, at: Date.now() });
    } catch (e) {
      this.log.debug(`PJLink search failed: ${(e as Error).message}`);
    }
  }

  private onMdnsReport({ report, enrichOnly }: MdnsReport): void {
    if (!this.st.running) return;
    const id = this.registry.report(report, { enrichOnly });
    if (!id || report.alive === false) return;
    const port = report.endpoints?.pjlink?.port;
    const address = report.identity.addresses?.[0];
    if (port && address) this.enqueueInfo({ host: address, port, source: 'mdns', key: report.key ?? 'mdns', mac: null });
  }

  private onAckn(a: Ackn): void {
    if (!this.st.running) return;
    const key = `pjlink-search:${a.mac}`;
    this.registry.report({
      source: 'pjlink-search',
      key,
      identity: { mac: a.mac, addresses: [a.address] },
      capabilities: ['pjlink'],
      endpoints: { pjlink: { port: this.pjlinkTcpPort, class: 2, authRequired: null } },
      alive: true,
    });
    this.found('pjlink-search', a.mac);
    this.enqueueInfo({ host: a.address, port: this.pjlinkTcpPort, source: 'pjlink-search', key, mac: a.mac });
  }

  private async runProbe(signal: AbortSignal | undefined): Promise<void> {
    const port = this.probeOptions.port ?? this.pjlinkTcpPort;
    const own = new Set(this.interfaces.map((i) => i.address));
    const targets = [...new Set(this.interfaces.flatMap((i) => probeTargets(i)))].filter((h) => !own.has(h));
    const progress = this.st.sources.probe;
    progress.state = 'running';
    progress.done = 0;
    progress.total = targets.length;
    this.emitState();
    this.log.info(`probing ${targets.length} address(es) on TCP ${port}`);
    try {
      await sweepPjlink(targets, port, {
        concurrency: this.probeOptions.concurrency ?? 64,
        connectTimeoutMs: this.probeOptions.connectTimeoutMs ?? 1_000,
        greetingTimeoutMs: this.probeOptions.greetingTimeoutMs ?? 1_500,
        signal,
        onProgress: (done) => {
          progress.done = done;
          this.emitState();
        },
        onHit: (host, result) => {
          if (!this.st.running) return;
          const key = `probe:${host}`;
          this.probeHits.set(host, { port });
          if (this.probeHits.size > 1024) this.probeHits.delete(this.probeHits.keys().next().value!);
          this.registry.report({
            source: 'probe',
            key,
            identity: { addresses: [host] },
            capabilities: ['pjlink'],
            endpoints: { pjlink: { port, class: null, authRequired: result.authRequired } },
            alive: true,
          });
          this.found('probe', host);
          this.enqueueInfo({ host, port, source: 'probe', key, mac: null });
        },
      });
      progress.state = 'done';
    } catch (e) {
      this.log.warn(`probe failed: ${(e as Error).message}`);
      progress.state = 'error';
    }
    this.emitState(true);
  }

  private inventoryReport(entry: InventoryEntry, alive: boolean | undefined, addresses: string[] = []): DeviceReport {
    const pjlink = PROJECTOR_KINDS.has(entry.kind);
    return {
      source: 'inventory',
      key: `inventory:${entry.id}`,
      identity: { inventoryId: entry.id, host: entry.host, addresses },
      name: entry.name,
      room: entry.room,
      kind: entry.kind,
      capabilities: pjlink ? ['pjlink'] : [],
      endpoints: pjlink ? { pjlink: { port: entry.pjlinkPort ?? this.pjlinkTcpPort, class: null, authRequired: null } } : {},
      alive,
    };
  }

  private async checkInventory(signal: AbortSignal | undefined, quiet = false): Promise<void> {
    const entries = this.inventory;
    const progress = this.st.sources.inventory;
    if (!quiet) {
      progress.total = entries.length;
      progress.done = 0;
    }
    let next = 0;
    const worker = async () => {
      while (next < entries.length && !signal?.aborted && this.st.running) {
        const entry = entries[next++]!;
        const reachable = await this.checkInventoryEntry(entry);
        if (!quiet) {
          progress.done = (progress.done ?? 0) + 1;
          if (reachable) this.found('inventory', entry.id);
          this.emitState();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, entries.length) }, worker));
    if (!quiet && progress.state === 'running') progress.state = 'done';
  }

  private async checkInventoryEntry(entry: InventoryEntry): Promise<boolean> {
    let addresses: string[];
    try {
      addresses = await resolveHost(entry.host, this.resolver);
    } catch {
      this.registry.report(this.inventoryReport(entry, false));
      return false;
    }
    const pjlinkPort = entry.pjlinkPort ?? this.pjlinkTcpPort;
    const ports = PROJECTOR_KINDS.has(entry.kind) ? [pjlinkPort] : [CAST_PORT, pjlinkPort];
    const check = await checkHost(addresses, ports, { connectTimeoutMs: 1_500, greetingTimeoutMs: 2_000 });
    if (!this.st.running) return false;
    const report = this.inventoryReport(entry, check.reachable, addresses);
    if (check.pjlink) {
      report.capabilities = ['pjlink'];
      report.endpoints = { pjlink: { port: check.pjlink.port, class: null, authRequired: check.pjlink.authRequired } };
    }
    this.registry.report(report);
    if (check.pjlink && check.address) {
      this.enqueueInfo({ host: check.address, port: check.pjlink.port, source: 'inventory', key: `inventory:${entry.id}`, mac: null, extra: { identity: { inventoryId: entry.id } } });
    }
    return check.reachable;
  }

  /** Hosts added by hand and hosts found by the sweep: are they still there? */
  private async checkManualAndProbed(signal: AbortSignal | undefined): Promise<void> {
    const jobs: (() => Promise<void>)[] = [];
    for (const [key, m] of this.manualHosts) {
      jobs.push(async () => {
        let addresses: string[];
        try {
          addresses = await resolveHost(m.host, this.resolver);
        } catch {
          this.registry.report({ source: 'manual', key, identity: { host: m.host }, alive: false }, { pin: true });
          return;
        }
        const check = await checkHost(addresses, m.port ? [m.port] : [this.pjlinkTcpPort, CAST_PORT]);
        this.registry.report({ source: 'manual', key, identity: { host: m.host, addresses }, alive: check.reachable }, { pin: true });
      });
    }
    for (const [host, p] of this.probeHits) {
      jobs.push(async () => {
        const check = await checkHost([host], [p.port]);
        this.registry.report({ source: 'probe', key: `probe:${host}`, identity: { addresses: [host] }, alive: check.pjlink !== null });
      });
    }
    let next = 0;
    const worker = async () => {
      while (next < jobs.length && !signal?.aborted && this.st.running) await jobs[next++]!();
    };
    await Promise.all(Array.from({ length: Math.min(8, jobs.length) }, worker));
  }

  // ---- PJLink info --------------------------------------------------------------------------

  private enqueueInfo(job: InfoJob): void {
    if (!this.reader || !this.st.running) return;
    const id = `${job.host}:${job.port}`;
    const readAt = this.infoReadAt.get(id);
    if (this.infoInFlight.has(id) || (readAt !== undefined && Date.now() - readAt < this.opts.infoTtlMs)) return;
    if (this.infoQueue.some((j) => `${j.host}:${j.port}` === id)) return;
    if (this.infoQueue.length >= 1024) return;
    this.infoQueue.push(job);
    this.pumpInfo();
  }

  private pumpInfo(): void {
    while (this.infoInFlight.size < this.opts.infoConcurrency && this.infoQueue.length > 0) {
      const job = this.infoQueue.shift()!;
      const id = `${job.host}:${job.port}`;
      this.infoInFlight.add(id);
      void this.readInfoNow(job).finally(() => {
        this.infoInFlight.delete(id);
        this.pumpInfo();
      });
    }
    if (this.infoInFlight.size === 0 && this.infoQueue.length === 0) for (const resolve of this.infoIdle.splice(0)) resolve();
  }

  private infoQueueIdle(): Promise<void> {
    if (this.infoInFlight.size === 0 && this.infoQueue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.infoIdle.push(resolve));
  }

  private async readInfoNow(job: InfoJob): Promise<void> {
    if (!this.reader) return;
    const id = `${job.host}:${job.port}`;
    this.infoReadAt.set(id, Date.now());
    if (this.infoReadAt.size > 4096) this.infoReadAt.delete(this.infoReadAt.keys().next().value!);
    let timer: NodeJS.Timeout | undefined;
    try {
      const info = await Promise.race([
        this.reader(job.host, job.port),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), this.opts.infoTimeoutMs);
        }),
      ]);
      // A manual add works even when discovery is not running (the teacher is waiting for it).
      if (!this.st.running && job.source !== 'manual') return;
      const report = reportFromProjectorInfo(job.source, `${PJLINK_INFO_KEY}${id}`, job.host, job.port, info, job.mac);
      if (job.extra?.identity) report.identity = { ...report.identity, ...job.extra.identity };
      if (job.source === 'inventory') {
        // IT's name and kind for this entry win over what the projector says about itself.
        report.name = null;
        delete report.kind;
      }
      this.registry.report(report, { pin: job.source === 'manual' });
    } catch (e) {
      // A device that answers the search but refuses TCP, or accepts and never speaks: it keeps what
      // the search said (address, MAC), and is asked again at the next round.
      this.log.debug(`PJLink info from ${id} unavailable: ${(e as Error).message}`);
      this.infoReadAt.delete(id);
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private findId(id: string, addresses: string[]): string | null {
    if (this.registry.get(id)) return id;
    // The manual device may have been merged into another one: find it by address.
    return this.registry.list().find((d) => d.addresses.some((a) => addresses.includes(a)))?.id ?? null;
  }

  private found(source: SourceName, key: string): void {
    const set = this.roundFound[source];
    if (set.has(key) || set.size > 10_000) return;
    set.add(key);
    this.st.sources[source].found = set.size;
    this.emitState();
  }

  /** State events are throttled (a sweep reports progress 254 times). */
  private emitState(now = false): void {
    if (now) {
      if (this.stateTimer) clearTimeout(this.stateTimer);
      this.stateTimer = null;
      this.emit('state', this.state());
      return;
    }
    if (this.stateTimer) return;
    this.stateTimer = setTimeout(() => {
      this.stateTimer = null;
      this.emit('state', this.state());
    }, 100);
    this.stateTimer.unref?.();
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private every(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setInterval(fn, ms);
    t.unref?.();
    return t;
  }
}
