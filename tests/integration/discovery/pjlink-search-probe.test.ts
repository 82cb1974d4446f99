/**
 * PJLink search (UDP) and the TCP probe against the minimal PJLink responder, on loopback addresses
 * (127.0.0.x): real sockets, no network.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { PjlinkSearch, type Ackn } from '../../../main/services/discovery/pjlink-search';
import { probePjlink, sweepPjlink } from '../../../main/services/discovery/tcp-probe';
import type { NetInterface } from '../../../main/services/discovery/interfaces';
import { startPjlinkResponder, type Responder } from '../../support/pjlink-responder';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Loopback as an "interface" whose broadcast is 127.0.0.255 (delivered locally on Linux). */
const lo: NetInterface = { name: 'lo-test', address: '127.0.0.1', netmask: '255.255.255.0', prefix: 24, broadcast: '127.0.0.255', mac: null };

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function collect(search: PjlinkSearch): Ackn[] {
  const got: Ackn[] = [];
  search.on('ackn', (a) => got.push(a));
  return got;
}

async function until(predicate: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function responder(devices: Parameters<typeof startPjlinkResponder>[0]['devices'], fixedReplyPort?: number): Promise<Responder> {
  const r = await startPjlinkResponder({ devices, udpPort: 0, tcpPort: 0, fixedReplyPort });
  closers.push(() => r.close());
  return r;
}

describe('PjlinkSearch', () => {
  it('sends %2SRCH to the broadcast address and collects ACKNs sent to its source port and to its bound port', async () => {
    const bindPort = await freeUdpPort();
    const r = await responder(
      [
        { address: '127.0.0.11', mac: '00:11:22:33:44:01', udpReply: 'source-port' },
        { address: '127.0.0.12', mac: '00:11:22:33:44:02', udpReply: 'fixed-port' },
        { address: '127.0.0.13', mac: '00:11:22:33:44:03', udpReply: 'none' },
      ],
      bindPort,
    );
    const search = new PjlinkSearch({ port: r.udpPort, bindPort });
    closers.push(() => search.stop());
    const got = collect(search);
    await search.search([lo]);
    await until(() => got.length >= 2);
    expect(search.localPort).toBe(bindPort);
    expect(got.map((a) => [a.mac, a.address]).sort()).toEqual([
      ['00:11:22:33:44:01', '127.0.0.11'],
      ['00:11:22:33:44:02', '127.0.0.12'],
    ]);
    expect(r.searches).toBe(1);
  });

  it('falls back to an ephemeral port when the fixed one is taken, and still hears source-port answers', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((res) => taken.bind(0, res));
    closers.push(() => new Promise<void>((res) => taken.close(() => res())));
    const bindPort = taken.address().port;
    const r = await responder([{ address: '127.0.0.21', mac: '00:11:22:33:44:21', udpReply: 'source-port' }], bindPort);
    const search = new PjlinkSearch({ port: r.udpPort, bindPort });
    closers.push(() => search.stop());
    const got = collect(search);
    await search.search([lo]);
    await until(() => got.length === 1);
    expect(search.localPort).not.toBe(bindPort);
    expect(got[0]!.mac).toBe('00:11:22:33:44:21');
  });

  it('answers arrive as they come (a slow device after a fast one)', async () => {
    const r = await responder([
      { address: '127.0.0.31', mac: '00:11:22:33:44:31' },
      { address: '127.0.0.32', mac: '00:11:22:33:44:32', replyDelayMs: 400 },
    ]);
    const search = new PjlinkSearch({ port: r.udpPort, bindPort: null });
    closers.push(() => search.stop());
    const got = collect(search);
    const t0 = Date.now();
    const times: number[] = [];
    search.on('ackn', () => times.push(Date.now() - t0));
    await search.search([lo]);
    await until(() => got.length === 2);
    expect(got.map((a) => a.mac)).toEqual(['00:11:22:33:44:31', '00:11:22:33:44:32']);
    expect(times[1]! - times[0]!).toBeGreaterThan(200);
  });

  it('ignores junk datagrams and accepts datagrams handed over by another listener', async () => {
    const search = new PjlinkSearch({ bindPort: null });
    closers.push(() => search.stop());
    await search.start();
    const got = collect(search);
    const junk = createSocket('udp4');
    closers.push(() => new Promise<void>((res) => junk.close(() => res())));
    for (const payload of ['%2SRCH\r', 'garbage', '%2ACKN=nope\r', Buffer.alloc(1500, 0x25).toString()]) {
      junk.send(Buffer.from(payload), search.localPort!, '127.0.0.1');
    }
    search.accept(Buffer.from('%2LKUP=00:11:22:33:44:99\r'), { address: '127.0.0.99', port: 4352 });
    await new Promise((res) => setTimeout(res, 100));
    expect(got).toEqual([{ mac: '00:11:22:33:44:99', address: '127.0.0.99', port: 4352, kind: 'LKUP' }]);
  });

  it('does not fail when sending on one interface fails, and still searches the others', async () => {
    const r = await responder([{ address: '127.0.0.41', mac: '00:11:22:33:44:41' }]);
    const search = new PjlinkSearch({ port: r.udpPort, bindPort: null });
    closers.push(() => search.stop());
    const got = collect(search);
    // An IPv6 destination on an IPv4 socket: the send fails locally (EINVAL), nothing leaves the machine.
    await expect(search.search([{ ...lo, name: 'gone0', broadcast: '::1' }, lo])).resolves.toBeUndefined();
    await until(() => got.length === 1);
  });
});

describe('TCP probe', () => {
  function server(onConnection: (s: Socket) => void, host = '127.0.0.1'): Promise<{ port: number; server: Server; connections: () => number; peak: () => number }> {
    let open = 0;
    let peak = 0;
    let total = 0;
    const sockets = new Set<Socket>();
    const srv = createServer((s) => {
      total++;
      open++;
      peak = Math.max(peak, open);
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        open--;
        sockets.delete(s);
      });
      onConnection(s);
    });
    closers.push(
      () =>
        new Promise<void>((res) => {
          for (const s of sockets) s.destroy();
          srv.close(() => res());
        }),
    );
    return new Promise((res) => srv.listen(0, host, () => res({ port: (srv.address() as { port: number }).port, server: srv, connections: () => total, peak: () => peak })));
  }

  it('recognises the PJLink greeting, with and without password', async () => {
    const open = await server((s) => s.write('PJLINK 0\r'));
    const locked = await server((s) => s.write('PJLINK 1 498e4a67\r'));
    expect(await probePjlink('127.0.0.1', open.port)).toEqual({ status: 'pjlink', authRequired: false });
    expect(await probePjlink('127.0.0.1', locked.port)).toEqual({ status: 'pjlink', authRequired: true });
  });

  it('tells apart a host that accepts and never speaks, one that refuses, and another protocol', async () => {
    const silent = await server(() => {});
    const http = await server((s) => s.write('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const closed = await server(() => {});
    await new Promise<void>((res) => closed.server.close(() => res()));
    const t0 = Date.now();
    expect(await probePjlink('127.0.0.1', silent.port, { greetingTimeoutMs: 300 })).toEqual({ status: 'silent' });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(await probePjlink('127.0.0.1', closed.port)).toEqual({ status: 'refused' });
    expect(await probePjlink('127.0.0.1', http.port)).toEqual({ status: 'other' });
    // A connect that cannot even start (no DNS lookup, nothing sent) is "unreachable", not a throw.
    expect(await probePjlink('127.0.0.1', 70_000)).toMatchObject({ status: 'unreachable' });
  });

  it('sweeps many hosts with bounded concurrency and one connection per host', async () => {
    const hits = await server((s) => setTimeout(() => s.write('PJLINK 0\r'), 50), '127.0.0.1');
    const hosts = Array.from({ length: 60 }, (_, i) => `127.0.0.${i + 1}`);
    // Only 127.0.0.1 listens on that port: the others refuse at once.
    const progress: number[] = [];
    const found = await sweepPjlink([...hosts, '127.0.0.1'], hits.port, { concurrency: 8, onProgress: (d) => progress.push(d) });
    expect(found).toEqual([{ host: '127.0.0.1', authRequired: false }]);
    expect(hits.connections()).toBe(1);
    expect(progress.at(-1)).toBe(60);
  });

  it('stops a sweep when aborted', async () => {
    const silent = await server(() => {});
    const controller = new AbortController();
    const hosts = Array.from({ length: 50 }, () => '127.0.0.1').map((h, i) => `${h.slice(0, -1)}${(i % 9) + 1}`);
    setTimeout(() => controller.abort(), 100);
    const t0 = Date.now();
    await sweepPjlink(hosts, silent.port, { concurrency: 2, greetingTimeoutMs: 5_000, signal: controller.signal });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});
