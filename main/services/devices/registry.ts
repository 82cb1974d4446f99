/**
 * The registry: the single source of truth for devices. Discovery sources only *report* what they saw
 * (DeviceReport); the registry
 *  - merges reports into one Device per physical box: same MAC, Cast id, AirPlay id, UDN or inventory
 *    id → same box (strong identities); same host name or address → same box too, unless that would
 *    join two boxes whose strong identities of one kind differ (two Cast receivers behind one address
 *    are two devices);
 *  - sanitizes every string that came from the network (sanitizeName / sanitizeText, identity checks);
 *  - keeps, per device, the signs of life of each thing that reported it (an mDNS service, a PJLink
 *    search answer, a probe): the device is online while one of them is fresh;
 *  - ages devices out: not seen for `staleAfterMs` → offline; not seen for `removeAfterMs` → removed,
 *    unless it is pinned (IT inventory, manual add), which stays as "hors ligne";
 *  - stays bounded under a flood: at most `maxDevices` devices (the oldest unpinned one goes), bounded
 *    identity sets per device, a bounded buffer of pending enrichments;
 *  - emits changes coalesced: after a short burst, at most one `changes` event per `coalesceMs`, with
 *    each device once, so 2,000 services arriving at once make a handful of UI updates, not thousands.
 */
import { createHash } from 'node:crypto';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { sanitizeName, sanitizeText } from '../core/sanitize';
import { LIMITS } from '../../../preload/contract/common';
import {
  Capability as CapabilitySchema,
  DiscoverySource as DiscoverySourceSchema,
  type Capability,
  type Device,
  type DeviceKind,
  type DiscoverySource,
  type Endpoints,
  type Reachability,
} from '../../../preload/contract/devices';
import type { DeviceReport } from './report';
import {
  normalizeAddress,
  normalizeAirplayId,
  normalizeCastId,
  normalizeHost,
  normalizeInventoryId,
  normalizeMac,
  normalizeUdn,
} from './identity';
import { inferKind } from './kind';

export interface DeviceChanges {
  /** New devices. */
  added: Device[];
  /** Devices whose snapshot changed (treat as upserts: a consumer may not have seen the add). */
  changed: Device[];
  /** Ids of devices that are gone (merged into another one, aged out, evicted). */
  removed: string[];
}

export type RegistryEvents = { changes: DeviceChanges };

export interface RegistryOptions {
  /** Epoch milliseconds. */
  clock?: () => number;
  logger?: Logger;
  /** Upper bound on the number of devices kept (flood protection). */
  maxDevices?: number;
  /** A sign of life older than this no longer makes a device online. */
  staleAfterMs?: number;
  /** Unpinned devices not seen for this long are forgotten. */
  removeAfterMs?: number;
  /** Minimum interval between two `changes` events once the initial burst (3 events) is spent. */
  coalesceMs?: number;
  /** How often `start()` re-evaluates ages. */
  sweepIntervalMs?: number;
}

export interface ReportOptions {
  /** Only add information to a device that is already known (e.g. `_http._tcp`, RAOP); never create one. */
  enrichOnly?: boolean;
  /** Keep this device even when it stops answering (a host typed by the teacher). */
  pin?: boolean;
}

type IdKind = 'inventory' | 'mac' | 'cast' | 'airplay' | 'udn' | 'host' | 'ip';
/** Strongest first: also the order used to choose a device id and the survivor of a merge. */
const ID_KINDS: IdKind[] = ['inventory', 'mac', 'cast', 'airplay', 'udn', 'host', 'ip'];
const STRONG: IdKind[] = ['inventory', 'mac', 'cast', 'airplay', 'udn'];
const MAX_IDS_PER_KIND = 16;
const MAX_SIGNALS = 32;
const MAX_PENDING_ENRICHMENTS = 256;
const FLUSH_BURST = 3;
const PENDING_ENRICHMENT_TTL_MS = 120_000;

type Ids = Record<IdKind, Set<string>>;

interface Ranked {
  rank: number;
  value: string;
}

interface Signal {
  source: DiscoverySource;
  /** Last time this signal said "alive". */
  lastSeen: number | null;
  /** true: alive; false: said goodbye / refused; null: no news yet (inventory before its check). */
  alive: boolean | null;
  changedAt: number;
}

interface Entry {
  id: string;
  createdAt: number;
  ids: Ids;
  /** Names, makers and models said by each signal key: the best rank wins, ties go to the first said. */
  name: Map<string, Ranked>;
  maker: Map<string, Ranked>;
  model: Map<string, Ranked>;
  room: Ranked | null;
  /** Host given explicitly by the inventory or a teacher: used to connect, before any address. */
  explicitHost: string | null;
  declaredKind: DeviceKind | null;
  kindHint: DeviceKind | null;
  capabilities: Set<Capability>;
  sources: Set<DiscoverySource>;
  endpoints: Endpoints;
  signals: Map<string, Signal>;
  pinned: boolean;
  inInventory: boolean;
  /** Max of the signals' lastSeen, kept up to date (eviction scans it under a flood). */
  lastSeen: number | null;
}

/** Created on first use: building a French collator costs ~40 ms (ICU), not worth paying at import. */
let collator: Intl.Collator | null = null;

const CAPABILITY_ORDER = CapabilitySchema.options;
const SOURCE_ORDER = DiscoverySourceSchema.options;
const KIND_RANK: Record<DeviceKind, number> = { 'interactive-projector': 4, projector: 3, screen: 2, 'cast-receiver': 1, unknown: 0 };

function emptyIds(): Ids {
  return { inventory: new Set(), mac: new Set(), cast: new Set(), airplay: new Set(), udn: new Set(), host: new Set(), ip: new Set() };
}

/** Key prefix of reports made from a PJLink conversation (NAME, INF1, INF2), whatever found the device. */
export const PJLINK_INFO_KEY = 'pjlink-info:';

/** How much a report's names are worth: what IT typed beats what a device calls itself. */
function rankOf(report: DeviceReport): number {
  const caps = report.capabilities ?? [];
  if (report.source !== 'inventory' && report.source !== 'demo' && report.key?.startsWith(PJLINK_INFO_KEY)) return 60;
  switch (report.source) {
    case 'inventory':
      return 100;
    case 'demo':
      return 90;
    case 'pjlink-search':
    case 'probe':
      return 60;
    case 'manual':
      return 50;
    case 'ssdp':
      return 40;
    case 'mdns':
      if (caps.includes('pjlink')) return 58;
      if (caps.includes('googlecast')) return 55;
      if (caps.includes('airplay')) return 50;
      if (caps.includes('miracast')) return 45;
      return 20;
  }
}

function makeId(kind: IdKind, value: string): string {
  const prefix = kind === 'inventory' ? 'inv' : kind;
  const id = `${prefix}:${value}`;
  if (id.length <= LIMITS.id) return id;
  return `${prefix}:${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;
}

function idRank(id: string): number {
  const prefix = id.slice(0, id.indexOf(':'));
  const kind = (prefix === 'inv' ? 'inventory' : prefix) as IdKind;
  const index = ID_KINDS.indexOf(kind);
  return index < 0 ? ID_KINDS.length : index;
}

interface CleanReport {
  source: DiscoverySource;
  key: string;
  ids: Ids;
  name: string | null;
  maker: string | null;
  model: string | null;
  room: string | null;
  kind: DeviceKind | null;
  capabilities: Capability[];
  endpoints: Endpoints;
  alive: boolean | undefined;
  rank: number;
  explicitHost: string | null;
}

function cleanPort(p: unknown): number | null {
  return typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535 ? p : null;
}

function cleanEndpoints(input: Partial<Endpoints> | undefined): Endpoints {
  const out: Endpoints = {};
  if (!input) return out;
  const pj = input.pjlink;
  if (pj) {
    const port = cleanPort(pj.port);
    if (port) {
      out.pjlink = {
        port,
        class: pj.class === 1 || pj.class === 2 ? pj.class : null,
        authRequired: typeof pj.authRequired === 'boolean' ? pj.authRequired : null,
      };
    }
  }
  const gc = input.googlecast;
  if (gc) {
    const port = cleanPort(gc.port);
    if (port) out.googlecast = { port, castId: normalizeCastId(gc.castId), busy: gc.busy === true };
  }
  const ap = input.airplay;
  if (ap) {
    const port = cleanPort(ap.port);
    if (port) out.airplay = { port, deviceId: normalizeAirplayId(ap.deviceId) };
  }
  const mc = input.miracast;
  if (mc) {
    const port = cleanPort(mc.port);
    if (port) out.miracast = { port };
  }
  const dl = input.dlna;
  if (dl && typeof dl.location === 'string') {
    const location = sanitizeText(dl.location, LIMITS.path);
    if (/^https?:\/\/[^\s]+$/i.test(location)) out.dlna = { location };
  }
  return out;
}

function cleanReport(report: DeviceReport): CleanReport {
  const ids = emptyIds();
  const identity = report.identity ?? {};
  const add = (kind: IdKind, value: string | null) => {
    if (value && ids[kind].size < MAX_IDS_PER_KIND) ids[kind].add(value);
  };
  add('mac', normalizeMac(identity.mac));
  add('cast', normalizeCastId(identity.castId));
  add('airplay', normalizeAirplayId(identity.airplayId));
  add('inventory', normalizeInventoryId(identity.inventoryId));
  add('udn', normalizeUdn(identity.udn));
  const host = normalizeHost(identity.host);
  const hostAddress = host ? normalizeAddress(host) : null;
  if (hostAddress) add('ip', hostAddress);
  else add('host', host);
  for (const a of (Array.isArray(identity.addresses) ? identity.addresses : []).slice(0, MAX_IDS_PER_KIND)) add('ip', normalizeAddress(a));
  const endpoints = cleanEndpoints(report.endpoints);
  // The Cast id and AirPlay id given in endpoints are identities too.
  add('cast', endpoints.googlecast?.castId ?? null);
  add('airplay', endpoints.airplay?.deviceId ?? null);
  const capabilities = (Array.isArray(report.capabilities) ? report.capabilities : []).filter((c): c is Capability => CAPABILITY_ORDER.includes(c));
  const name = sanitizeName(report.name);
  const maker = sanitizeName(report.maker);
  const model = sanitizeName(report.model);
  const room = sanitizeText(report.room, LIMITS.id);
  const explicit = report.source === 'inventory' || report.source === 'manual' ? host : null;
  return {
    source: report.source,
    key: sanitizeText(report.key ?? report.source, 300) || report.source,
    ids,
    name: name || null,
    maker: maker || null,
    model: model || null,
    room: room || null,
    kind: report.kind ?? null,
    capabilities,
    endpoints,
    alive: report.alive,
    rank: rankOf(report),
    explicitHost: explicit,
  };
}

function keysOf(ids: Ids): string[] {
  const keys: string[] = [];
  for (const kind of ID_KINDS) for (const v of ids[kind]) keys.push(`${kind}:${v}`);
  return keys;
}

function conflicts(entry: Entry, ids: Ids): boolean {
  for (const kind of STRONG) {
    const mine = entry.ids[kind];
    const theirs = ids[kind];
    if (mine.size === 0 || theirs.size === 0) continue;
    let shared = false;
    for (const v of theirs) if (mine.has(v)) shared = true;
    if (!shared) return true;
  }
  return false;
}

function setRanked(map: Map<string, Ranked>, key: string, value: string | null, rank: number): void {
  if (!value) return;
  map.set(key, { rank, value });
  if (map.size > MAX_SIGNALS) {
    let worst: string | null = null;
    let worstRank = Infinity;
    for (const [k, r] of map) if (r.rank < worstRank) [worst, worstRank] = [k, r.rank];
    if (worst !== null) map.delete(worst);
  }
}

/** The best-ranked value; on a tie the one said first (stable: no flapping between two sources). */
function bestOf(map: Map<string, Ranked>): string | null {
  let best: Ranked | null = null;
  for (const r of map.values()) if (!best || r.rank > best.rank) best = r;
  return best?.value ?? null;
}

function betterRanked(current: Ranked | null, value: string | null, rank: number): Ranked | null {
  if (!value) return current;
  if (!current || rank >= current.rank) return { rank, value };
  return current;
}

function mergeEndpoints(into: Endpoints, from: Endpoints): void {
  if (from.pjlink) {
    const cur = into.pjlink;
    into.pjlink = {
      port: from.pjlink.port,
      class: from.pjlink.class ?? cur?.class ?? null,
      authRequired: from.pjlink.authRequired ?? cur?.authRequired ?? null,
    };
  }
  if (from.googlecast) into.googlecast = { ...from.googlecast, castId: from.googlecast.castId ?? into.googlecast?.castId ?? null };
  if (from.airplay) into.airplay = { ...from.airplay, deviceId: from.airplay.deviceId ?? into.airplay?.deviceId ?? null };
  if (from.miracast) into.miracast = { ...from.miracast };
  if (from.dlna) into.dlna = { ...from.dlna };
}

function sortBy<T extends string>(values: Iterable<T>, order: readonly T[]): T[] {
  return [...values].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export class DeviceRegistry extends TypedEmitter<RegistryEvents> {
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly maxDevices: number;
  private readonly staleAfterMs: number;
  private readonly removeAfterMs: number;
  private readonly coalesceMs: number;
  private readonly sweepIntervalMs: number;

  private readonly entries = new Map<string, Entry>();
  private readonly index = new Map<string, Set<Entry>>();
  private readonly dirty = new Set<string>();
  /** Last emitted snapshot of each announced device (JSON), to emit only real changes. */
  private readonly announced = new Map<string, { json: string; reachability: Reachability }>();
  private pending: { report: DeviceReport; at: number }[] = [];
  private searching = false;
  private flushTimer: { cancel(): void } | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = 0;
  private flushTokens = FLUSH_BURST;
  private evicted = 0;

  constructor(options: RegistryOptions = {}) {
    super();
    this.clock = options.clock ?? Date.now;
    this.log = options.logger ?? silentLogger;
    this.maxDevices = options.maxDevices ?? 1000;
    this.staleAfterMs = options.staleAfterMs ?? 180_000;
    this.removeAfterMs = options.removeAfterMs ?? 900_000;
    this.coalesceMs = options.coalesceMs ?? 100;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 5_000;
  }

  /** Starts the periodic ageing. */
  start(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => this.sweep(), this.sweepIntervalMs);
    this.sweepTimer.unref?.();
  }

  /** Stops timers and emits what is still pending. */
  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.flush();
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many devices were dropped to respect `maxDevices` since the start. */
  get evictedCount(): number {
    return this.evicted;
  }

  list(): Device[] {
    collator ??= new Intl.Collator('fr');
    const compare = collator.compare;
    return [...this.entries.values()].map((e) => this.build(e)).sort((a, b) => compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): Device | undefined {
    const entry = this.entries.get(id);
    return entry ? this.build(entry) : undefined;
  }

  /** While true, devices without fresh news show "recherche…" instead of "hors ligne". */
  setSearching(searching: boolean): void {
    if (this.searching === searching) return;
    this.searching = searching;
    for (const id of this.entries.keys()) this.dirty.add(id);
    this.scheduleFlush();
  }

  /**
   * Takes one report into account and returns the id of the device it was merged into (null when it
   * was ignored: nothing to identify it, or an enrichment for a device not seen yet).
   */
  report(report: DeviceReport, options: ReportOptions = {}): string | null {
    const clean = cleanReport(report);
    if (keysOf(clean.ids).length === 0) {
      this.log.debug(`report from ${clean.source} without any identity ignored`);
      return null;
    }
    const candidates = this.candidatesFor(clean.ids);
    if (candidates.length === 0 && options.enrichOnly) {
      this.pending.push({ report, at: this.clock() });
      if (this.pending.length > MAX_PENDING_ENRICHMENTS) this.pending.splice(0, this.pending.length - MAX_PENDING_ENRICHMENTS);
      return null;
    }
    let entry: Entry | null;
    if (candidates.length === 0) {
      entry = this.create(clean);
      if (!entry) return null;
    } else {
      entry = candidates.reduce((a, b) => this.mergeEntries(a, b));
    }
    this.apply(entry, clean, options);
    if (!options.enrichOnly && this.pending.length > 0) this.retryPending();
    this.scheduleFlush();
    return entry.id;
  }

  /**
   * The IT inventory changed: entries whose inventory id is not in `ids` any more are no longer
   * inventory devices (they age out like any other one).
   */
  retainInventory(ids: Iterable<string>): void {
    const keep = new Set([...ids].map((i) => normalizeInventoryId(i)).filter((i): i is string => i !== null));
    for (const entry of [...this.entries.values()]) {
      if (!entry.inInventory) continue;
      const stillListed = [...entry.ids.inventory].some((i) => keep.has(i));
      if (stillListed) continue;
      for (const id of entry.ids.inventory) this.unindex(`inventory:${id}`, entry);
      entry.ids.inventory.clear();
      entry.inInventory = false;
      entry.pinned = false;
      entry.sources.delete('inventory');
      for (const [key, signal] of entry.signals) if (signal.source === 'inventory') entry.signals.delete(key);
      this.dirty.add(entry.id);
      if (this.lastSeenOf(entry) === null) this.remove(entry);
    }
    this.scheduleFlush();
  }

  /**
   * Marks every sign of life matching `predicate` as gone now (e.g. the interface these devices were
   * reached through went down). Devices with no other fresh sign of life become offline.
   */
  markGone(predicate: (device: Device) => boolean): number {
    let n = 0;
    const now = this.clock();
    for (const entry of this.entries.values()) {
      if (!predicate(this.build(entry))) continue;
      for (const signal of entry.signals.values()) {
        if (signal.alive !== false) {
          signal.alive = false;
          signal.changedAt = now;
        }
      }
      this.dirty.add(entry.id);
      n++;
    }
    this.scheduleFlush();
    return n;
  }

  /**
   * Removes matching devices now, pinned or not: the demo classroom switched off, or a device the teacher
   * removes from the list. A device that is still out there comes back when a source sees it again.
   */
  forget(predicate: (device: Device) => boolean): number {
    let n = 0;
    for (const entry of [...this.entries.values()]) {
      if (!predicate(this.build(entry))) continue;
      this.remove(entry);
      n++;
    }
    this.scheduleFlush();
    return n;
  }

  /** Re-evaluates ages: stale devices become offline, long-gone unpinned ones are removed. */
  sweep(): void {
    const now = this.clock();
    for (const entry of [...this.entries.values()]) {
      const lastSeen = this.lastSeenOf(entry);
      const reference = lastSeen ?? entry.createdAt;
      if (!entry.pinned && now - reference > this.removeAfterMs) {
        this.remove(entry);
        continue;
      }
      const before = this.announced.get(entry.id);
      if (before && before.reachability !== this.reachabilityOf(entry, now)) this.dirty.add(entry.id);
    }
    const cutoff = now - PENDING_ENRICHMENT_TTL_MS;
    this.pending = this.pending.filter((p) => p.at >= cutoff);
    this.scheduleFlush();
  }

  /** Emits pending changes now (also called by the coalescing timer). */
  flush(): void {
    this.flushTimer?.cancel();
    this.flushTimer = null;
    if (this.dirty.size === 0) return;
    const changes: DeviceChanges = { added: [], changed: [], removed: [] };
    for (const id of this.dirty) {
      const entry = this.entries.get(id);
      if (!entry) {
        if (this.announced.delete(id)) changes.removed.push(id);
        continue;
      }
      const device = this.build(entry);
      const json = JSON.stringify(device);
      const before = this.announced.get(id);
      if (before?.json === json) continue;
      this.announced.set(id, { json, reachability: device.reachability });
      (before === undefined ? changes.added : changes.changed).push(device);
    }
    this.dirty.clear();
    const now = this.clock();
    this.flushTokens = Math.max(0, Math.min(FLUSH_BURST, this.flushTokens + (now - this.lastFlushAt) / this.coalesceMs) - 1);
    this.lastFlushAt = now;
    if (changes.added.length || changes.changed.length || changes.removed.length) this.emit('changes', changes);
  }

  /**
   * A token bucket: after a quiet time up to FLUSH_BURST batches go out at once (the first devices
   * and the stragglers of a first answer show without delay), then at most one per `coalesceMs`.
   */
  private scheduleFlush(): void {
    if (this.flushTimer || this.dirty.size === 0) return;
    const now = this.clock();
    this.flushTokens = Math.min(FLUSH_BURST, this.flushTokens + (now - this.lastFlushAt) / this.coalesceMs);
    if (this.flushTokens >= 1) {
      // Right after the datagrams being read now, not a whole event-loop turn later.
      const immediate = setImmediate(() => this.flush());
      this.flushTimer = { cancel: () => clearImmediate(immediate) };
      return;
    }
    const timer = setTimeout(() => this.flush(), Math.ceil((1 - this.flushTokens) * this.coalesceMs));
    timer.unref?.();
    this.flushTimer = { cancel: () => clearTimeout(timer) };
  }

  private candidatesFor(ids: Ids): Entry[] {
    const found = new Set<Entry>();
    for (const kind of STRONG) for (const v of ids[kind]) for (const e of this.index.get(`${kind}:${v}`) ?? []) found.add(e);
    for (const kind of ['host', 'ip'] as const) {
      for (const v of ids[kind]) {
        for (const e of this.index.get(`${kind}:${v}`) ?? []) if (!found.has(e) && !conflicts(e, ids)) found.add(e);
      }
    }
    return [...found];
  }

  private create(clean: CleanReport): Entry | null {
    if (this.entries.size >= this.maxDevices && !this.evictOne()) {
      this.log.warn(`device limit (${this.maxDevices}) reached with pinned devices only: report from ${clean.source} dropped`);
      return null;
    }
    let id = '';
    for (const kind of ID_KINDS) {
      const first = clean.ids[kind].values().next();
      if (!first.done) {
        id = makeId(kind, first.value);
        break;
      }
    }
    for (let n = 2; this.entries.has(id); n++) id = `${id.slice(0, LIMITS.id - 6)}~${n}`;
    const entry: Entry = {
      id,
      createdAt: this.clock(),
      ids: emptyIds(),
      name: new Map(),
      maker: new Map(),
      model: new Map(),
      room: null,
      explicitHost: null,
      declaredKind: null,
      kindHint: null,
      capabilities: new Set(),
      sources: new Set(),
      endpoints: {},
      signals: new Map(),
      pinned: false,
      inInventory: false,
      lastSeen: null,
    };
    this.entries.set(id, entry);
    this.dirty.add(id);
    return entry;
  }

  /** Drops the unpinned device seen the longest time ago. */
  private evictOne(): boolean {
    let oldest: Entry | null = null;
    let oldestAt = Infinity;
    for (const entry of this.entries.values()) {
      if (entry.pinned) continue;
      const at = entry.lastSeen ?? entry.createdAt;
      if (at < oldestAt) {
        oldest = entry;
        oldestAt = at;
      }
    }
    if (!oldest) return false;
    this.remove(oldest);
    this.evicted++;
    if (this.evicted === 1 || this.evicted % 500 === 0) this.log.warn(`device limit (${this.maxDevices}) reached: ${this.evicted} device(s) dropped so far`);
    return true;
  }

  private remove(entry: Entry): void {
    for (const key of keysOf(entry.ids)) this.unindex(key, entry);
    this.entries.delete(entry.id);
    this.dirty.add(entry.id);
  }

  private indexKey(key: string, entry: Entry): void {
    let set = this.index.get(key);
    if (!set) {
      set = new Set();
      this.index.set(key, set);
    }
    set.add(entry);
  }

  private unindex(key: string, entry: Entry): void {
    const set = this.index.get(key);
    if (!set) return;
    set.delete(entry);
    if (set.size === 0) this.index.delete(key);
  }

  private addIds(entry: Entry, ids: Ids): void {
    for (const kind of ID_KINDS) {
      const set = entry.ids[kind];
      for (const v of ids[kind]) {
        if (set.has(v)) continue;
        if (set.size >= MAX_IDS_PER_KIND) {
          // Forget the oldest one: a device that changed address 16 times keeps its recent ones.
          const oldest = set.values().next().value as string;
          set.delete(oldest);
          this.unindex(`${kind}:${oldest}`, entry);
        }
        set.add(v);
        this.indexKey(`${kind}:${v}`, entry);
      }
    }
  }

  /** Joins two entries that turned out to be one box; returns the survivor. */
  private mergeEntries(a: Entry, b: Entry): Entry {
    const [keep, gone] = idRank(a.id) < idRank(b.id) || (idRank(a.id) === idRank(b.id) && a.createdAt <= b.createdAt) ? [a, b] : [b, a];
    this.remove(gone);
    this.addIds(keep, gone.ids);
    for (const field of ['name', 'maker', 'model'] as const) {
      for (const [key, r] of gone[field]) if (!keep[field].has(key)) setRanked(keep[field], key, r.value, r.rank);
    }
    keep.room = betterRanked(keep.room, gone.room?.value ?? null, gone.room?.rank ?? 0);
    keep.explicitHost ??= gone.explicitHost;
    keep.declaredKind ??= gone.declaredKind;
    if (gone.kindHint && (!keep.kindHint || KIND_RANK[gone.kindHint] > KIND_RANK[keep.kindHint])) keep.kindHint = gone.kindHint;
    for (const c of gone.capabilities) keep.capabilities.add(c);
    for (const s of gone.sources) keep.sources.add(s);
    const endpoints = keep.endpoints;
    keep.endpoints = { ...gone.endpoints };
    mergeEndpoints(keep.endpoints, endpoints);
    for (const [key, signal] of gone.signals) {
      const mine = keep.signals.get(key);
      if (!mine || (signal.lastSeen ?? 0) > (mine.lastSeen ?? 0)) keep.signals.set(key, signal);
    }
    keep.pinned ||= gone.pinned;
    keep.inInventory ||= gone.inInventory;
    keep.createdAt = Math.min(keep.createdAt, gone.createdAt);
    if (gone.lastSeen !== null && (keep.lastSeen === null || gone.lastSeen > keep.lastSeen)) keep.lastSeen = gone.lastSeen;
    this.dirty.add(keep.id);
    return keep;
  }

  private apply(entry: Entry, clean: CleanReport, options: ReportOptions): void {
    const now = this.clock();
    this.addIds(entry, clean.ids);
    setRanked(entry.name, clean.key, clean.name, clean.rank);
    setRanked(entry.maker, clean.key, clean.maker, clean.rank);
    setRanked(entry.model, clean.key, clean.model, clean.rank);
    const roomRank = clean.source === 'inventory' ? 100 : clean.source === 'demo' ? 90 : 10;
    entry.room = betterRanked(entry.room, clean.room, roomRank);
    if (clean.explicitHost && (clean.source === 'inventory' || !entry.explicitHost)) entry.explicitHost = clean.explicitHost;
    if (clean.kind && (clean.source === 'inventory' || clean.source === 'demo')) {
      entry.declaredKind = clean.kind;
    } else if (clean.kind && (!entry.kindHint || KIND_RANK[clean.kind] > KIND_RANK[entry.kindHint])) {
      entry.kindHint = clean.kind;
    }
    for (const c of clean.capabilities) entry.capabilities.add(c);
    if (!options.enrichOnly) entry.sources.add(clean.source);
    mergeEndpoints(entry.endpoints, clean.endpoints);
    if (clean.source === 'inventory') {
      entry.inInventory = true;
      entry.pinned = true;
    }
    if (options.pin) entry.pinned = true;
    if (!options.enrichOnly) {
      let signal = entry.signals.get(clean.key);
      if (!signal) {
        signal = { source: clean.source, lastSeen: null, alive: null, changedAt: now };
        entry.signals.set(clean.key, signal);
        if (entry.signals.size > MAX_SIGNALS) this.dropOldestSignal(entry);
      }
      if (clean.alive === true) {
        signal.alive = true;
        signal.lastSeen = now;
        signal.changedAt = now;
        entry.lastSeen = now;
      } else if (clean.alive === false) {
        signal.alive = false;
        signal.changedAt = now;
      }
    }
    this.dirty.add(entry.id);
  }

  private dropOldestSignal(entry: Entry): void {
    let oldestKey: string | null = null;
    let oldestAt = Infinity;
    for (const [key, s] of entry.signals) {
      if (s.changedAt < oldestAt) {
        oldestAt = s.changedAt;
        oldestKey = key;
      }
    }
    if (oldestKey) entry.signals.delete(oldestKey);
  }

  private retryPending(): void {
    const still: { report: DeviceReport; at: number }[] = [];
    const cutoff = this.clock() - PENDING_ENRICHMENT_TTL_MS;
    for (const p of this.pending) {
      if (p.at < cutoff) continue;
      const clean = cleanReport(p.report);
      const candidates = this.candidatesFor(clean.ids);
      if (candidates.length === 0) {
        still.push(p);
        continue;
      }
      const entry = candidates.reduce((a, b) => this.mergeEntries(a, b));
      this.apply(entry, clean, { enrichOnly: true });
    }
    this.pending = still;
  }

  private lastSeenOf(entry: Entry): number | null {
    return entry.lastSeen;
  }

  private reachabilityOf(entry: Entry, now: number): Reachability {
    let anyUnknown = false;
    let allGone = entry.signals.size > 0;
    for (const s of entry.signals.values()) {
      if (s.alive === true && s.lastSeen !== null && now - s.lastSeen <= this.staleAfterMs) return 'online';
      if (s.alive !== false) allGone = false;
      if (s.alive === null) anyUnknown = true;
    }
    if (allGone) return 'offline';
    if (this.searching) return 'searching';
    if (this.lastSeenOf(entry) === null && anyUnknown) return 'unknown';
    return 'offline';
  }

  private build(entry: Entry): Device {
    const now = this.clock();
    const addresses = [...entry.ids.ip].sort((a, b) => Number(a.includes(':')) - Number(b.includes(':'))).slice(0, 16);
    const hostName = entry.ids.host.values().next().value ?? null;
    const host = entry.explicitHost ?? addresses[0] ?? hostName;
    const model = bestOf(entry.model);
    const maker = bestOf(entry.maker);
    const name =
      bestOf(entry.name) ?? (model ? [maker, model].filter(Boolean).join(' ') : null) ?? (hostName ? hostName.replace(/\.local$/, '') : null) ?? host ?? '';
    return {
      id: entry.id,
      name: sanitizeText(name, LIMITS.name),
      kind: inferKind({ declared: entry.declaredKind ?? entry.kindHint, capabilities: entry.capabilities, model, name }),
      maker,
      model,
      room: entry.room?.value ?? null,
      host,
      addresses,
      mac: entry.ids.mac.values().next().value ?? null,
      capabilities: sortBy(entry.capabilities, CAPABILITY_ORDER),
      sources: sortBy(entry.sources, SOURCE_ORDER),
      reachability: this.reachabilityOf(entry, now),
      lastSeen: this.lastSeenOf(entry),
      inInventory: entry.inInventory,
      endpoints: structuredClone(entry.endpoints),
    };
  }
}
