/**
 * mDNS / DNS-SD discovery with bonjour-service: one Bonjour instance per IPv4 interface (bound to
 * 0.0.0.0:5353, multicast membership and outgoing interface set to that interface's address — passing
 * the address alone binds the unicast address and receives nothing), one Browser per service type.
 *
 * bonjour-service's Browser assembles a service only from records that arrive in the *same* packet as
 * its PTR record, and never asks for what is missing. Real responders split large answers over several
 * packets (Avahi leaves the A records out of a 30-answer reply, for instance), so this source adds what
 * a DNS-SD resolver needs on top of it:
 *  - bounded caches of the SRV, TXT and A records seen, used to complete a packet before the Browser
 *    reads it (a PTR whose SRV came earlier, an SRV answering our resolve query whose PTR came earlier);
 *  - follow-up queries for what is still missing (SRV/TXT of an instance, A of a host);
 *  - updates of a known service from records that arrive alone (a new TXT, an address).
 * The Browser assembles new instances; goodbyes (TTL 0), updates and expiry are handled here (see
 * `browse` for why).
 *
 * It also re-queries with backoff (1, 2, 4 … 60 s) so that a device that does not announce itself
 * still shows up, and turns every answer about a known service into a fresh sign of life for the
 * registry (throttled). Everything that comes off the wire is guarded: a packet that makes the
 * library throw is dropped, never a crash.
 */
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import type { RemoteInfo } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import type { NetInterface } from './interfaces';
import { interfaceKey } from './interfaces';
import {
  BROWSED_TYPES,
  instanceFromFqdn,
  parseTxt,
  reportFromService,
  type BrowsedType,
  type MdnsReport,
  type ResolvedService,
} from './mdns-records';

/** The part of a DNS record this source reads (dns-packet's decoded shape). */
interface Rr {
  name: string;
  type: string;
  ttl?: number;
  class?: string;
  flush?: boolean;
  data: unknown;
}

interface Packet {
  answers?: Rr[];
  additionals?: Rr[];
}

/** The part of multicast-dns that this source uses (bonjour's `server.mdns`). */
export interface MdnsSocket {
  on(event: 'response', listener: (packet: Packet, rinfo: RemoteInfo) => void): unknown;
  on(event: 'error' | 'warning', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  query(questions: { name: string; type: string }[], callback?: (error: Error | null) => void): void;
}

/** The part of a Bonjour instance used here (so tests can pass a fake). */
export interface BonjourLike {
  find(opts: { type: string; protocol: 'tcp' }): Browser;
  destroy(callback?: () => void): void;
  readonly server: { mdns: MdnsSocket };
}

export type BonjourFactory = (options: { interface: string; bind: string }) => BonjourLike;

export const defaultBonjourFactory: BonjourFactory = (options) =>
  // bonjour-service passes these options to multicast-dns (its typings only describe publishing).
  // The error callback only sees failed responses (we publish nothing); never throw from it.
  new Bonjour(options as unknown as ConstructorParameters<typeof Bonjour>[0], () => {}) as unknown as BonjourLike;

export interface MdnsSourceOptions {
  logger?: Logger;
  types?: readonly BrowsedType[];
  createBonjour?: BonjourFactory;
  /** Delays between re-queries after a (re)start; the last one repeats. */
  requeryDelaysMs?: number[];
  /** A known service is re-reported as alive at most this often. */
  touchIntervalMs?: number;
  /** Cap on services kept per type and interface (flood protection). */
  maxServicesPerType?: number;
  /** Cap on cached records per interface. */
  maxCachedRecords?: number;
  /** How often expired services (TTL elapsed without refresh) are dropped. */
  expireIntervalMs?: number;
  /**
   * How long a service whose host has no known address waits for its A record (asked at once) before
   * it is reported with the packet's source address instead. That source is not reliable: a
   * responder with several addresses (or a sleep proxy) sends from any of them, and a wrong address
   * would merge two boxes.
   */
  addressWaitMs?: number;
}

export type MdnsSourceEvents = {
  report: MdnsReport;
  /** A service seen on the wire for the first time on this interface (counts for progress). */
  found: { type: BrowsedType; key: string };
  /** The socket of an interface is bound and its first queries are sent. */
  queried: { interface: string };
  error: { interface: string; error: Error };
};

interface Known {
  service: ResolvedService;
  lastReportAt: number;
  seenAt: number;
  /** The PTR record's TTL: without news for that long, the service is gone. */
  ttlMs: number;
  /** Address of the packet that brought the service: a last resort when no A record comes. */
  referer: string | null;
  /** Set while waiting for the host's A record before the first report. */
  addressTimer: NodeJS.Timeout | null;
}

interface CachedRecord {
  rr: Rr;
  expiresAt: number;
}

const TLD = '.local';
const DEFAULT_REQUERY_DELAYS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000];

function typeName(type: BrowsedType): string {
  return `_${type}._tcp${TLD}`;
}

function lower(s: unknown): string {
  return typeof s === 'string' ? s.toLowerCase() : '';
}

/** Everything one interface needs: its Bonjour instance, browsers, caches and timers. */
class InterfaceSlot {
  readonly browsers = new Map<BrowsedType, Browser>();
  readonly known = new Map<string, Known>();
  private readonly byHost = new Map<string, Set<string>>();
  private readonly countByType = new Map<BrowsedType, number>();
  /** SRV and TXT records by "<type> <name>", least recently written first. */
  private readonly records = new Map<string, CachedRecord>();
  /** A records: host → address → expiry. */
  private readonly hostAddresses = new Map<string, Map<string, number>>();
  /** Instances whose PTR we saw without SRV: fqdn (lower) → type. */
  private readonly unresolved = new Map<string, { type: BrowsedType; ptr: Rr; askedAt: number }>();
  private readonly askedHosts = new Map<string, number>();
  private pendingQuestions = new Map<string, { name: string; type: string }>();
  private questionTimer: NodeJS.Timeout | null = null;
  private requeryTimer: NodeJS.Timeout | null = null;
  private expireTimer: NodeJS.Timeout | null = null;
  private step = 0;
  private closed = false;
  private readonly onResponse: (packet: Packet, rinfo: RemoteInfo) => void;
  private readonly typeByName: Map<string, BrowsedType>;

  constructor(
    readonly iface: NetInterface,
    private readonly bonjour: BonjourLike,
    private readonly owner: MdnsSource,
    private readonly opts: Required<Omit<MdnsSourceOptions, 'logger' | 'createBonjour'>>,
    private readonly log: Logger,
  ) {
    const mdns = bonjour.server.mdns;
    this.typeByName = new Map(opts.types.map((t) => [typeName(t), t]));
    mdns.on('error', (error: Error) => {
      this.log.warn(`mDNS socket error on ${iface.name}: ${error.message}`);
      owner.emit('error', { interface: iface.name, error });
    });
    mdns.on('warning', (error: Error) => this.log.debug(`mDNS warning on ${iface.name}: ${error.message}`));
    // The Browsers' first queries leave as soon as the socket is bound (benchmarks time from here).
    mdns.on('ready', () => {
      owner.emit('queried', { interface: iface.name });
      this.log.debug(`mDNS socket ready on ${iface.name}: first queries sent`);
    });
    // Registered before the browsers, so the caches already hold this packet's records when they read it.
    this.onResponse = (packet, rinfo) => {
      try {
        this.observe(packet, rinfo);
      } catch (e) {
        this.log.debug(`mDNS packet ignored on ${iface.name}: ${(e as Error).message}`);
      }
    };
    mdns.on('response', this.onResponse);
    for (const type of opts.types) this.browse(type);
    this.scheduleRequery();
    this.expireTimer = setInterval(() => this.expire(), opts.expireIntervalMs);
    this.expireTimer.unref?.();
  }

  /**
   * The Browser is used to assemble *new* instances from a packet. It scans its whole service list
   * for every PTR it reads (O(n) string comparisons per packet, O(n²) under a flood) and never
   * forgets a service without a goodbye, so: it only sees PTRs of instances this slot does not know
   * yet, its list is emptied after each 'up', and goodbyes, updates and expiry are handled here.
   */
  private browse(type: BrowsedType): void {
    const browser = this.bonjour.find({ type, protocol: 'tcp' });
    const internal = browser as unknown as { onresponse?: (packet: Packet, rinfo: RemoteInfo) => void };
    const original = internal.onresponse;
    if (original) {
      const mdns = this.bonjour.server.mdns;
      mdns.removeListener('response', original as (...args: never[]) => void);
      const guarded = (packet: Packet, rinfo: RemoteInfo) => {
        try {
          const forBrowser = this.packetForBrowser(type, packet);
          // Never let a strange packet throw out of the socket's 'message' event (a process crash).
          if (forBrowser) original.call(browser, forBrowser, rinfo);
        } catch (e) {
          this.log.debug(`mDNS browser (${type}) ignored a packet: ${(e as Error).message}`);
        }
      };
      internal.onresponse = guarded;
      mdns.on('response', guarded);
    }
    browser.on('up', (s) =>
      this.guard(() => {
        this.forget(browser, s);
        this.up(type, s);
      }),
    );
    this.browsers.set(type, browser);
  }

  private forget(browser: Browser, s: Service): void {
    const list = browser.services;
    const index = list.indexOf(s);
    if (index >= 0) list.splice(index, 1);
    const map = (browser as unknown as { serviceMap?: Record<string, unknown> }).serviceMap;
    if (map && typeof s.fqdn === 'string') delete map[s.fqdn];
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log.debug(`mDNS event ignored: ${(e as Error).message}`);
    }
  }

  /** Sends one query with a PTR question per type (the Browsers sent the first ones on creation). */
  queryAll(): void {
    if (this.closed) return;
    this.send(this.opts.types.map((t) => ({ name: typeName(t), type: 'PTR' })));
  }

  restartBackoff(): void {
    this.step = 0;
    this.queryAll();
    this.scheduleRequery();
  }

  private scheduleRequery(): void {
    if (this.requeryTimer) clearTimeout(this.requeryTimer);
    const delays = this.opts.requeryDelaysMs;
    const delay = delays[Math.min(this.step, delays.length - 1)] ?? 60_000;
    this.requeryTimer = setTimeout(() => {
      this.step++;
      this.queryAll();
      this.scheduleRequery();
    }, delay);
    this.requeryTimer.unref?.();
  }

  private send(questions: { name: string; type: string }[]): void {
    try {
      this.bonjour.server.mdns.query(questions, (error) => {
        if (error) this.log.debug(`mDNS query on ${this.iface.name} failed: ${error.message}`);
      });
    } catch (e) {
      this.log.debug(`mDNS query on ${this.iface.name} failed: ${(e as Error).message}`);
    }
  }

  /**
   * Follow-up questions are batched: all those raised while reading one packet leave together right
   * after it (responders answer such unique-record questions at once, so waiting only costs time).
   */
  private ask(name: string, type: string): void {
    this.pendingQuestions.set(`${type} ${lower(name)}`, { name, type });
    if (this.pendingQuestions.size >= 64) this.flushQuestions();
    if (this.questionTimer || this.pendingQuestions.size === 0) return;
    this.questionTimer = setTimeout(() => this.flushQuestions(), 0);
    this.questionTimer.unref?.();
  }

  private flushQuestions(): void {
    if (this.questionTimer) clearTimeout(this.questionTimer);
    this.questionTimer = null;
    const now = Date.now();
    // Drop what a later packet of the same batch already answered.
    const questions = [...this.pendingQuestions.values()].filter((q) =>
      q.type === 'A' ? this.cachedAddresses(q.name, now).length === 0 : !this.known.has(lower(q.name)) && !this.cached(q.type, q.name, now),
    );
    this.pendingQuestions = new Map();
    for (let i = 0; i < questions.length; i += 32) this.send(questions.slice(i, i + 32));
  }

  private remember(rr: Rr, now: number): void {
    if (rr.type === 'A') {
      if (typeof rr.data !== 'string' || !isIPv4(rr.data)) return;
      const host = lower(rr.name);
      let map = this.hostAddresses.get(host);
      if (!rr.ttl) {
        map?.delete(rr.data);
        return;
      }
      if (!map) {
        map = new Map();
        this.hostAddresses.set(host, map);
        if (this.hostAddresses.size > this.opts.maxCachedRecords) this.hostAddresses.delete(this.hostAddresses.keys().next().value!);
      }
      map.set(rr.data, now + rr.ttl * 1000);
      if (map.size > 8) map.delete(map.keys().next().value!);
      return;
    }
    const key = `${rr.type} ${lower(rr.name)}`;
    this.records.delete(key);
    if (!rr.ttl) return;
    this.records.set(key, { rr, expiresAt: now + rr.ttl * 1000 });
    if (this.records.size > this.opts.maxCachedRecords) this.records.delete(this.records.keys().next().value!);
  }

  private cached(type: string, name: string, now = Date.now()): Rr | null {
    const c = this.records.get(`${type} ${lower(name)}`);
    if (!c || c.expiresAt < now) return null;
    return c.rr;
  }

  private cachedAddresses(host: string, now = Date.now()): string[] {
    const map = this.hostAddresses.get(lower(host));
    if (!map) return [];
    return [...map].filter(([, expiresAt]) => expiresAt >= now).map(([address]) => address);
  }

  private observe(packet: Packet, rinfo: RemoteInfo): void {
    if (this.closed || !packet || typeof packet !== 'object') return;
    const now = Date.now();
    const records = [...(Array.isArray(packet.answers) ? packet.answers : []), ...(Array.isArray(packet.additionals) ? packet.additionals : [])].filter(
      (rr): rr is Rr => !!rr && typeof rr === 'object' && typeof rr.name === 'string' && typeof rr.type === 'string',
    );
    const srvInPacket = new Set<string>();
    for (const rr of records) {
      if (rr.type === 'SRV' || rr.type === 'TXT' || rr.type === 'A') this.remember(rr, now);
      if (rr.type === 'SRV') srvInPacket.add(lower(rr.name));
    }
    for (const rr of records) {
      if (rr.type === 'PTR') {
        if (typeof rr.data !== 'string') continue;
        const type = this.typeByName.get(lower(rr.name));
        if (!type) continue;
        const key = lower(rr.data);
        const known = this.known.get(key);
        if (!rr.ttl) {
          this.unresolved.delete(key);
          if (known) this.down(known);
        } else if (known) {
          known.ttlMs = Math.max(rr.ttl, 120) * 1000;
          this.touch(known, now);
        } else if (!srvInPacket.has(key) && !this.cached('SRV', rr.data, now)) {
          // A PTR without its SRV: remember it and ask for the rest.
          const previous = this.unresolved.get(key);
          if (!previous || now - previous.askedAt > 2_000) {
            this.unresolved.set(key, { type, ptr: rr, askedAt: now });
            if (this.unresolved.size > this.opts.maxServicesPerType) this.unresolved.delete(this.unresolved.keys().next().value!);
            this.ask(rr.data, 'SRV');
            this.ask(rr.data, 'TXT');
          }
        }
      } else if (rr.type === 'TXT' || rr.type === 'SRV') {
        const known = this.known.get(lower(rr.name));
        if (known && rr.ttl) this.updateKnown(known, rr, rinfo, now);
      } else if (rr.type === 'A' && rr.ttl && typeof rr.data === 'string' && isIPv4(rr.data)) {
        for (const key of this.byHost.get(lower(rr.name)) ?? []) {
          const k = this.known.get(key);
          if (!k || k.service.addresses.includes(rr.data)) continue;
          if (k.addressTimer) {
            // The address we were waiting for: report now, with it only.
            clearTimeout(k.addressTimer);
            k.addressTimer = null;
            k.service.addresses = [rr.data];
          } else {
            k.service.addresses = [rr.data, ...k.service.addresses].slice(0, 8);
          }
          this.emitReport(k, now);
        }
      }
    }
  }

  /**
   * The packet as the Browser of `type` should see it: only PTRs of instances not known yet, each
   * completed with the SRV/TXT/A records seen earlier; lone SRV answers (to our resolve queries) with
   * the PTR seen earlier. null when there is nothing new for this Browser (the common case).
   */
  private packetForBrowser(type: BrowsedType, packet: Packet): Packet | null {
    if (this.closed || !packet || typeof packet !== 'object') return null;
    const answers = Array.isArray(packet.answers) ? packet.answers : [];
    const additionals = Array.isArray(packet.additionals) ? packet.additionals : [];
    const all = [...answers, ...additionals].filter((rr): rr is Rr => !!rr && typeof rr === 'object' && typeof rr.name === 'string');
    const ptrName = typeName(type);
    const now = Date.now();
    const fresh: Rr[] = [];
    const lone: Rr[] = [];
    for (const rr of all) {
      if (rr.type === 'PTR' && rr.ttl && typeof rr.data === 'string' && lower(rr.name) === ptrName && !this.known.has(lower(rr.data))) fresh.push(rr);
    }
    const inPacket = new Set(fresh.map((rr) => lower(rr.data)));
    for (const rr of all) {
      if (rr.type !== 'SRV' || !rr.ttl) continue;
      const pending = this.unresolved.get(lower(rr.name));
      if (pending && pending.type === type && !inPacket.has(lower(rr.name))) {
        lone.push(pending.ptr);
        inPacket.add(lower(rr.name));
      }
    }
    if (fresh.length === 0 && lone.length === 0) return null;
    const others = all.filter((rr) => rr.type !== 'PTR');
    const have = new Set(others.map((rr) => `${rr.type} ${lower(rr.name)}`));
    const extra: Rr[] = [];
    const add = (rr: Rr | null) => {
      if (!rr) return;
      const key = `${rr.type} ${lower(rr.name)}`;
      if (have.has(key)) return;
      have.add(key);
      extra.push(rr);
    };
    for (const fqdn of inPacket) {
      add(this.cached('SRV', fqdn, now));
      add(this.cached('TXT', fqdn, now));
      const srv = this.cached('SRV', fqdn, now);
      const target = (srv?.data as { target?: unknown } | null | undefined)?.target;
      if (typeof target === 'string' && !have.has(`A ${lower(target)}`)) {
        for (const address of this.cachedAddresses(target, now)) extra.push({ name: target, type: 'A', ttl: 120, data: address });
      }
    }
    return { answers: [...fresh, ...lone], additionals: [...others, ...extra] };
  }

  private resolved(type: BrowsedType, s: Service): ResolvedService {
    const fqdn = typeof s.fqdn === 'string' ? s.fqdn : '';
    const host = typeof s.host === 'string' ? s.host : null;
    const addresses = new Set<string>((Array.isArray(s.addresses) ? s.addresses : []).filter((a) => typeof a === 'string' && isIPv4(a)));
    if (host) for (const a of this.cachedAddresses(host)) addresses.add(a);
    const rawTxt = (s as unknown as { rawTxt?: unknown }).rawTxt;
    return {
      type,
      fqdn,
      instance: instanceFromFqdn(fqdn, type),
      host,
      port: typeof s.port === 'number' ? s.port : null,
      addresses: [...addresses].slice(0, 8),
      txt: parseTxt(rawTxt),
    };
  }

  private askHost(host: string): void {
    const now = Date.now();
    const key = lower(host);
    const at = this.askedHosts.get(key);
    if (at !== undefined && now - at < 2_000) return;
    this.askedHosts.set(key, now);
    if (this.askedHosts.size > this.opts.maxCachedRecords) this.askedHosts.delete(this.askedHosts.keys().next().value!);
    this.ask(host, 'A');
  }

  private up(type: BrowsedType, s: Service): void {
    if (this.closed || typeof s.fqdn !== 'string' || s.fqdn.length === 0) return;
    const key = lower(s.fqdn);
    this.unresolved.delete(key);
    if (this.known.has(key)) return;
    const now = Date.now();
    const service = this.resolved(type, s);
    const referer = s.referer?.address && isIPv4(s.referer.address) ? s.referer.address : null;
    const ttlMs = Math.max(typeof s.ttl === 'number' ? s.ttl : 120, 120) * 1000;
    const known: Known = { service, lastReportAt: 0, seenAt: now, ttlMs, referer, addressTimer: null };
    this.known.set(key, known);
    this.index(key, known);
    this.countByType.set(type, (this.countByType.get(type) ?? 0) + 1);
    this.owner.emit('found', { type, key });
    this.bound(type);
    if (service.addresses.length > 0 || !service.host) {
      if (service.addresses.length === 0 && referer) service.addresses = [referer];
      this.emitReport(known, now);
      return;
    }
    // The A record did not come with the service: ask for it, and report when it comes (or after a
    // short wait, with the packet's source address).
    this.askHost(service.host);
    known.addressTimer = setTimeout(() => {
      known.addressTimer = null;
      if (this.closed || this.known.get(key) !== known) return;
      if (known.service.addresses.length === 0 && known.referer) known.service.addresses = [known.referer];
      this.emitReport(known, Date.now());
    }, this.opts.addressWaitMs);
    known.addressTimer.unref?.();
  }

  private index(key: string, known: Known): void {
    const host = lower(known.service.host);
    if (!host) return;
    let set = this.byHost.get(host);
    if (!set) this.byHost.set(host, (set = new Set()));
    set.add(key);
  }

  private unindex(key: string, known: Known): void {
    const host = lower(known.service.host);
    const set = this.byHost.get(host);
    if (!set) return;
    set.delete(key);
    if (set.size === 0) this.byHost.delete(host);
  }

  private drop(key: string, known: Known): void {
    if (known.addressTimer) clearTimeout(known.addressTimer);
    known.addressTimer = null;
    this.known.delete(key);
    this.unindex(key, known);
    const type = known.service.type;
    this.countByType.set(type, Math.max(0, (this.countByType.get(type) ?? 1) - 1));
  }

  private updateKnown(known: Known, rr: Rr, rinfo: RemoteInfo, now: number): void {
    if (rr.type === 'TXT') {
      const txt = parseTxt(rr.data);
      const same = txt.size === known.service.txt.size && [...txt].every(([k, v]) => known.service.txt.get(k) === v);
      if (same) return this.touch(known, now);
      known.service.txt = txt;
    } else {
      const data = rr.data as { target?: unknown; port?: unknown } | null;
      const target = typeof data?.target === 'string' ? data.target : known.service.host;
      const port = typeof data?.port === 'number' ? data.port : known.service.port;
      if (target === known.service.host && port === known.service.port) return this.touch(known, now);
      if (lower(target) !== lower(known.service.host)) {
        const key = lower(known.service.fqdn);
        this.unindex(key, known);
        known.service.host = target;
        this.index(key, known);
        const addresses = target ? this.cachedAddresses(target) : [];
        known.service.addresses = addresses.length ? addresses : isIPv4(rinfo.address) ? [rinfo.address] : [];
        if (target && addresses.length === 0) this.askHost(target);
      }
      known.service.port = port;
    }
    this.emitReport(known, now);
  }

  private touch(known: Known, now: number): void {
    known.seenAt = now;
    if (!known.addressTimer && now - known.lastReportAt >= this.opts.touchIntervalMs) this.emitReport(known, now);
  }

  private emitReport(known: Known, now: number): void {
    if (known.addressTimer) return; // the first report waits for the address
    known.lastReportAt = now;
    known.seenAt = now;
    const report = reportFromService(known.service, true);
    if (report) this.owner.emit('report', report);
  }

  private down(known: Known): void {
    this.drop(lower(known.service.fqdn), known);
    if (known.addressTimer) clearTimeout(known.addressTimer);
    // Never reported: the registry does not know it, nothing to take back.
    if (known.lastReportAt === 0) return;
    const report = reportFromService(known.service, false);
    if (report && !report.enrichOnly) this.owner.emit('report', report);
  }

  /** Keeps at most maxServicesPerType services of a type: the one found first goes. */
  private bound(type: BrowsedType): void {
    if ((this.countByType.get(type) ?? 0) <= this.opts.maxServicesPerType) return;
    for (const [key, k] of this.known) {
      if (k.service.type === type) {
        this.drop(key, k);
        return;
      }
    }
  }

  private expire(): void {
    const now = Date.now();
    for (const k of [...this.known.values()]) if (now - k.seenAt > k.ttlMs) this.down(k);
    for (const [key, c] of this.records) if (c.expiresAt < now) this.records.delete(key);
    for (const [host, map] of this.hostAddresses) {
      for (const [address, expiresAt] of map) if (expiresAt < now) map.delete(address);
      if (map.size === 0) this.hostAddresses.delete(host);
    }
    for (const [key, u] of this.unresolved) if (now - u.askedAt > 60_000) this.unresolved.delete(key);
    for (const [key, at] of this.askedHosts) if (now - at > 60_000) this.askedHosts.delete(key);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const t of [this.requeryTimer, this.questionTimer]) if (t) clearTimeout(t);
    if (this.expireTimer) clearInterval(this.expireTimer);
    for (const browser of this.browsers.values()) this.guard(() => browser.stop());
    this.bonjour.server.mdns.removeListener('response', this.onResponse as (...args: never[]) => void);
    this.browsers.clear();
    for (const k of this.known.values()) if (k.addressTimer) clearTimeout(k.addressTimer);
    this.known.clear();
    this.byHost.clear();
    this.records.clear();
    this.hostAddresses.clear();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 1_000);
      try {
        this.bonjour.destroy(() => {
          clearTimeout(timer);
          resolve();
        });
      } catch {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

export class MdnsSource extends TypedEmitter<MdnsSourceEvents> {
  private readonly slots = new Map<string, InterfaceSlot>();
  private readonly log: Logger;
  private readonly createBonjour: BonjourFactory;
  private readonly opts: Required<Omit<MdnsSourceOptions, 'logger' | 'createBonjour'>>;

  constructor(options: MdnsSourceOptions = {}) {
    super();
    this.log = options.logger ?? silentLogger;
    this.createBonjour = options.createBonjour ?? defaultBonjourFactory;
    this.opts = {
      types: options.types ?? BROWSED_TYPES,
      requeryDelaysMs: options.requeryDelaysMs ?? DEFAULT_REQUERY_DELAYS,
      touchIntervalMs: options.touchIntervalMs ?? 10_000,
      maxServicesPerType: options.maxServicesPerType ?? 2_048,
      maxCachedRecords: options.maxCachedRecords ?? 8_192,
      expireIntervalMs: options.expireIntervalMs ?? 5_000,
      addressWaitMs: options.addressWaitMs ?? 1_000,
    };
  }

  /** Starts browsing on an interface (no-op if already browsing there). Returns false if it failed. */
  addInterface(iface: NetInterface): boolean {
    const key = interfaceKey(iface);
    if (this.slots.has(key)) return true;
    try {
      const bonjour = this.createBonjour({ interface: iface.address, bind: '0.0.0.0' });
      this.slots.set(key, new InterfaceSlot(iface, bonjour, this, this.opts, this.log));
      this.log.info(`mDNS browsing on ${iface.name} (${iface.address})`);
      return true;
    } catch (e) {
      this.log.warn(`mDNS could not start on ${iface.name}: ${(e as Error).message}`);
      this.emit('error', { interface: iface.name, error: e as Error });
      return false;
    }
  }

  async removeInterface(key: string): Promise<void> {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    await slot.close();
  }

  interfaceKeys(): string[] {
    return [...this.slots.keys()];
  }

  /** Asks again on every interface now and restarts the backoff. */
  refresh(): void {
    for (const slot of this.slots.values()) slot.restartBackoff();
  }

  /** Number of distinct services currently known (all interfaces). */
  get serviceCount(): number {
    const keys = new Set<string>();
    for (const slot of this.slots.values()) for (const k of slot.known.keys()) keys.add(k);
    return keys.size;
  }

  async stop(): Promise<void> {
    const slots = [...this.slots.values()];
    this.slots.clear();
    await Promise.all(slots.map((s) => s.close()));
  }
}
