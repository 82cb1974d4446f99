/**
 * The mDNS source on top of the real bonjour-service Browser, fed with packets through a fake
 * multicast-dns socket: split answers, goodbyes, malformed packets and floods, without a network.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Browser } from 'bonjour-service';
import { MdnsSource, type BonjourLike, type MdnsSocket } from '../../../main/services/discovery/mdns-source';
import type { MdnsReport } from '../../../main/services/discovery/mdns-records';
import type { NetInterface } from '../../../main/services/discovery/interfaces';

type Q = { name: string; type: string };

class FakeMdns extends EventEmitter {
  queries: Q[][] = [];
  query(q: string | Q[], typeOrCb?: unknown, cb?: unknown): void {
    const questions = typeof q === 'string' ? [{ name: q, type: typeof typeOrCb === 'string' ? typeOrCb : 'ANY' }] : q;
    this.queries.push(questions);
    const callback = [typeOrCb, cb].find((x) => typeof x === 'function') as ((e: null) => void) | undefined;
    callback?.(null);
  }
  asked(type: string, name?: string): boolean {
    return this.queries.some((qs) => qs.some((q) => q.type === type && (name === undefined || q.name.toLowerCase() === name.toLowerCase())));
  }
}

const iface: NetInterface = { name: 'eth0', address: '10.0.0.2', netmask: '255.255.255.0', prefix: 24, broadcast: '10.0.0.255', mac: null };
const rinfo = { address: '10.0.0.20', port: 5353, family: 'IPv4' as const, size: 100 };

function setup(options: ConstructorParameters<typeof MdnsSource>[0] = {}) {
  const mdns = new FakeMdns();
  let destroyed = false;
  const bonjour: BonjourLike = {
    server: { mdns: mdns as unknown as MdnsSocket },
    find: (opts) => new Browser(mdns, opts),
    destroy: (cb) => {
      destroyed = true;
      cb?.();
    },
  };
  const source = new MdnsSource({ createBonjour: () => bonjour, ...options });
  const reports: MdnsReport[] = [];
  source.on('report', (r) => reports.push(r));
  source.addInterface(iface);
  return { mdns, source, reports, isDestroyed: () => destroyed, respond: (packet: object, from = rinfo) => mdns.emit('response', packet, from) };
}

const FQDN = 'Écran salle 12._googlecast._tcp.local';
const ptr = (ttl = 4500, fqdn = FQDN) => ({ name: '_googlecast._tcp.local', type: 'PTR', ttl, data: fqdn });
const srv = (fqdn = FQDN, target = 'tv12.local', port = 8009) => ({ name: fqdn, type: 'SRV', ttl: 120, data: { target, port, priority: 0, weight: 0 } });
const txtRr = (fqdn = FQDN, ...items: string[]) => ({ name: fqdn, type: 'TXT', ttl: 4500, data: items.map((s) => Buffer.from(s)) });
const a = (name = 'tv12.local', address = '10.0.0.21') => ({ name, type: 'A', ttl: 120, data: address });
const CAST_TXT = ['id=0123456789abcdef0123456789abcdef', 'fn=Écran salle 12', 'md=BRAVIA'];

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await cleanup?.();
  cleanup = null;
});

describe('MdnsSource', () => {
  it('browses every type on start, with the interface address and bind 0.0.0.0', () => {
    const seen: unknown[] = [];
    const mdns = new FakeMdns();
    const source = new MdnsSource({
      createBonjour: (opts) => {
        seen.push(opts);
        return { server: { mdns: mdns as unknown as MdnsSocket }, find: (o) => new Browser(mdns, o), destroy: (cb) => cb?.() };
      },
    });
    source.addInterface(iface);
    cleanup = () => source.stop();
    expect(seen).toEqual([{ interface: '10.0.0.2', bind: '0.0.0.0' }]);
    for (const t of ['googlecast', 'airplay', 'raop', 'display', 'pjlink', 'http']) expect(mdns.asked('PTR', `_${t}._tcp.local`), t).toBe(true);
  });

  it('reports a service answered in one packet, with TXT parsed and the A record as address', () => {
    const { reports, respond, source } = setup();
    cleanup = () => source.stop();
    respond({ answers: [ptr()], additionals: [srv(), txtRr(FQDN, ...CAST_TXT), a()] });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.report).toMatchObject({
      key: 'mdns:_googlecast._tcp:écran salle 12._googlecast._tcp.local',
      identity: { castId: '0123456789abcdef0123456789abcdef', host: 'tv12.local', addresses: ['10.0.0.21'] },
      name: 'Écran salle 12',
      model: 'BRAVIA',
      endpoints: { googlecast: { port: 8009 } },
      alive: true,
    });
  });

  it('completes an answer split over several packets: asks SRV/TXT for a lone PTR, then A for the host', async () => {
    const { mdns, reports, respond, source } = setup();
    cleanup = () => source.stop();
    respond({ answers: [ptr()], additionals: [] });
    expect(reports).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(mdns.asked('SRV', FQDN)).toBe(true);
    expect(mdns.asked('TXT', FQDN)).toBe(true);
    // The answer to our question: SRV and TXT alone, no PTR, no A.
    respond({ answers: [srv(), txtRr(FQDN, ...CAST_TXT)], additionals: [] });
    // No address yet: the report waits for the A record, which is asked for.
    expect(reports).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(mdns.asked('A', 'tv12.local')).toBe(true);
    respond({ answers: [a('tv12.local', '10.0.0.21')], additionals: [] }, { ...rinfo, address: '10.0.0.99' });
    expect(reports).toHaveLength(1);
    // Only the host's address: the packets' source (10.0.0.20, 10.0.0.99) is not the box's identity.
    expect(reports[0]!.report.identity.addresses).toEqual(['10.0.0.21']);
  });

  it('falls back to the packet source address when the A record never comes', async () => {
    const { reports, respond, source } = setup({ addressWaitMs: 50 });
    cleanup = () => source.stop();
    respond({ answers: [ptr()], additionals: [srv(), txtRr(FQDN, ...CAST_TXT)] });
    expect(reports).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 120));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.report.identity.addresses).toEqual(['10.0.0.20']);
  });

  it('says nothing about a service that left before it was ever reported', async () => {
    const { reports, respond, source } = setup({ addressWaitMs: 50 });
    cleanup = () => source.stop();
    respond({ answers: [ptr()], additionals: [srv(), txtRr(FQDN, ...CAST_TXT)] });
    respond({ answers: [ptr(0)], additionals: [] });
    await new Promise((r) => setTimeout(r, 120));
    expect(reports).toHaveLength(0);
  });

  it('uses SRV/TXT seen in an earlier packet when the PTR comes later', () => {
    const { reports, respond, source } = setup();
    cleanup = () => source.stop();
    respond({ answers: [srv(), txtRr(FQDN, ...CAST_TXT), a()], additionals: [] });
    respond({ answers: [ptr()], additionals: [] });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.report.identity.addresses).toEqual(['10.0.0.21']);
  });

  it('updates a known service from a TXT record that arrives alone', () => {
    const { reports, respond, source } = setup();
    cleanup = () => source.stop();
    respond({ answers: [ptr()], additionals: [srv(), txtRr(FQDN, ...CAST_TXT), a()] });
    respond({ answers: [txtRr(FQDN, 'id=0123456789abcdef0123456789abcdef', 'fn=Nouveau nom', 'st=1')], additionals: [] });
    expect(reports.at(-1)!.report).toMatchObject({ name: 'Nouveau nom', endpoints: { googlecast: { busy: true } } });
  });

  it('turns a goodbye (PTR with TTL 0) into a report with alive false', () => {
    const { reports, respond, source } = setup();
    cleanup = () => source.stop();
    respond({ answers: [ptr()], additionals: [srv(), txtRr(FQDN, ...CAST_TXT), a()] });
    respond({ answers: [ptr(0)], additionals: [] });
    expect(reports.map((r) => r.report.alive)).toEqual([true, false]);
    expect(reports[1]!.report.key).toBe(reports[0]!.report.key);
    expect(source.serviceCount).toBe(0);
  });

  it('keeps instance names with dots, HTML and 300 characters as data (the registry sanitizes)', () => {
    const { reports, respond, source } = setup();
    cleanup = () => source.stop();
    const name = `<img src=x onerror=alert(1)>. ${'é'.repeat(50)}`;
    const fqdn = `${name}._display._tcp.local`;
    respond({ answers: [{ name: '_display._tcp.local', type: 'PTR', ttl: 4500, data: fqdn }], additionals: [srv(fqdn, 'd.local', 7250), a('d.local', '10.0.0.30')] });
    expect(reports[0]!.report).toMatchObject({ name, capabilities: ['miracast'], endpoints: { miracast: { port: 7250 } } });
  });

  it('survives malformed packets without throwing or reporting junk', () => {
    const { reports, respond, source } = setup();
    cleanup = () => source.stop();
    const junk: object[] = [
      {},
      { answers: null, additionals: undefined },
      { answers: [null, 1, 'x', { name: 5 }], additionals: [] },
      { answers: [{ name: '_googlecast._tcp.local', type: 'PTR', ttl: 10, data: 42 }] },
      { answers: [ptr()], additionals: [{ name: FQDN, type: 'SRV', ttl: 10, data: null }] },
      { answers: [ptr()], additionals: [{ name: FQDN, type: 'TXT', ttl: 10, data: 'not-a-list' }] },
      { answers: [ptr(4500, 'x')], additionals: [{ name: 'x', type: 'SRV', ttl: 10, data: { target: null, port: 'a' } }] },
    ];
    for (const packet of junk) expect(() => respond(packet)).not.toThrow();
    for (const r of reports) expect(typeof r.report.key).toBe('string');
  });

  it('stays bounded under a flood of services (oldest ones dropped, in the Browser too)', () => {
    const { reports, respond, source } = setup({ maxServicesPerType: 500 });
    cleanup = () => source.stop();
    for (let i = 0; i < 2_000; i++) {
      const fqdn = `TV ${i}._googlecast._tcp.local`;
      respond({ answers: [ptr(4500, fqdn)], additionals: [srv(fqdn, `tv${i}.local`), txtRr(fqdn, `id=${i.toString(16).padStart(32, '0')}`), a(`tv${i}.local`, `10.1.${i >> 8}.${i & 255}`)] });
    }
    expect(reports).toHaveLength(2_000);
    expect(source.serviceCount).toBe(500);
  });

  it('re-queries with backoff, and again at once on refresh', () => {
    vi.useFakeTimers();
    const { mdns, source } = setup({ requeryDelaysMs: [1_000, 2_000, 4_000] });
    cleanup = () => source.stop();
    const count = () => mdns.queries.filter((q) => q.length > 1).length;
    expect(count()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(count()).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(count()).toBe(2);
    vi.advanceTimersByTime(3_999);
    expect(count()).toBe(2);
    vi.advanceTimersByTime(1);
    expect(count()).toBe(3);
    vi.advanceTimersByTime(4_000);
    expect(count()).toBe(4);
    source.refresh();
    expect(count()).toBe(5);
    vi.advanceTimersByTime(1_000);
    expect(count()).toBe(6);
  });

  it('stops cleanly: browsers detached, socket destroyed, no more queries or reports', async () => {
    vi.useFakeTimers();
    const { mdns, source, reports, respond, isDestroyed } = setup();
    await source.stop();
    expect(isDestroyed()).toBe(true);
    expect(mdns.listenerCount('response')).toBe(0);
    const before = mdns.queries.length;
    vi.advanceTimersByTime(120_000);
    expect(mdns.queries.length).toBe(before);
    respond({ answers: [ptr()], additionals: [srv(), txtRr(FQDN, ...CAST_TXT), a()] });
    expect(reports).toHaveLength(0);
  });

  it('reports the socket error of an interface instead of crashing', () => {
    const { mdns, source } = setup();
    cleanup = () => source.stop();
    const errors: string[] = [];
    source.on('error', (e) => errors.push(`${e.interface}: ${e.error.message}`));
    mdns.emit('error', new Error('EADDRINUSE'));
    expect(errors).toEqual(['eth0: EADDRINUSE']);
  });
});
