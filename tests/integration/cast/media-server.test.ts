/**
 * The media server on loopback, attacked and used the way receivers use it.
 */
import { copyFile, mkdtemp, open, rm, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BufferPool, MediaServer, type MediaRequestRecord } from '../../../main/services/cast/media-server';
import { MediaServerPool } from '../../../main/services/cast/media-server-pool';
import type { ServiceError } from '../../../main/services/core/errors';
import { rawRequest } from './http-client';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
const FOUR_GIB = 4 * 1024 ** 3;
const BIG_SIZE = FOUR_GIB + 1234;

let dir: string;
let server: MediaServer;
const files = { video: '', secret: '', fakeVideo: '', big: '', image: '' };
let videoBytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-media-'));
  await mkdir(join(dir, 'cours'));
  files.video = join(dir, 'cours', `La "mare" d'Hérault 🦆.webm`);
  files.image = join(dir, 'cours', 'carte.png');
  files.secret = join(dir, 'secret.txt');
  files.fakeVideo = join(dir, 'cours', 'pas-une-video.mp4');
  files.big = join(dir, 'cours', 'Film de 4 Go.mp4');
  await copyFile(join(FIXTURES, 'lesson-video.webm'), files.video);
  await copyFile(join(FIXTURES, 'lesson-image.png'), files.image);
  videoBytes = readFileSync(files.video);
  await writeFile(files.secret, 'SECRET-NOTES-DO-NOT-SERVE');
  await writeFile(files.fakeVideo, 'Ceci est un texte, pas une vidéo.');
  // A sparse 4 GiB + 1234 bytes MP4: a real "ftyp" header, markers around the 4 GiB boundary and at the end.
  const big = await open(files.big, 'w');
  await big.write(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]), 0, 24, 0);
  await big.write(Buffer.from('<4GiB>'), 0, 6, FOUR_GIB - 3);
  await big.write(Buffer.from('THE-END'), 0, 7, BIG_SIZE - 7);
  await big.close();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  server = await MediaServer.start({ host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});

const at = (path: string) => ({ host: '127.0.0.1', port: server.port, path });
const pathOf = (url: string) => new URL(url).pathname;

describe('MediaServer: serving', () => {
  let revoke: (() => void)[] = [];
  afterEach(() => {
    for (const r of revoke) r();
    revoke = [];
  });

  it('refuses to listen on every interface, and listens only on the address it was given', async () => {
    await expect(MediaServer.start({ host: '0.0.0.0' })).rejects.toThrow(/one address/);
    await expect(MediaServer.start({ host: '::' })).rejects.toThrow(/one address/);
    // 127.0.0.2 is also this machine: a wildcard bind would answer there.
    const refused = await new Promise<string>((resolve) => {
      const s = connect(server.port, '127.0.0.2');
      s.on('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('serves a shared file whole, with its type, length, no caching and CORS for Cast receivers', async () => {
    const shared = await server.shareFile(files.video);
    revoke.push(shared.revoke);
    expect(shared.url.startsWith(`http://127.0.0.1:${server.port}/cast/${shared.token}/`)).toBe(true);
    const res = await rawRequest(at(pathOf(shared.url)));
    expect(res.status).toBe(200);
    expect(res.body.equals(videoBytes)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'video/webm',
      'content-length': String(videoBytes.length),
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
      'transfermode.dlna.org': 'Streaming',
    });
    // A name with quotes and emoji travels percent-encoded in the URL and RFC 8187-encoded in the header.
    expect(shared.url).toContain('La%20%22mare%22%20d\'H%C3%A9rault%20%F0%9F%A6%86.webm');
    expect(res.headers['content-disposition']).toBe(`inline; filename="La _mare_ d'H_rault _.webm"; filename*=UTF-8''La%20%22mare%22%20d%27H%C3%A9rault%20%F0%9F%A6%86.webm`);
  });

  it('serves single byte ranges (206) and HEAD', async () => {
    const shared = await server.shareFile(files.video);
    revoke.push(shared.revoke);
    const p = pathOf(shared.url);
    const size = videoBytes.length;
    const mid = await rawRequest(at(p), { headers: { Range: 'bytes=100-199' } });
    expect(mid.status).toBe(206);
    expect(mid.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(mid.body.equals(videoBytes.subarray(100, 200))).toBe(true);
    const tail = await rawRequest(at(p), { headers: { Range: 'bytes=-10' } });
    expect(tail.body.equals(videoBytes.subarray(size - 10))).toBe(true);
    const open = await rawRequest(at(p), { headers: { Range: `bytes=${size - 5}-` } });
    expect(open.headers['content-range']).toBe(`bytes ${size - 5}-${size - 1}/${size}`);
    const head = await rawRequest(at(p), { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, bytes: 0 });
    expect(head.headers['content-length']).toBe(String(size));
    const headRange = await rawRequest(at(p), { method: 'HEAD', headers: { Range: 'bytes=0-9' } });
    expect(headRange.status).toBe(206);
    expect(headRange.headers['content-length']).toBe('10');
  });

  it('answers 416 for an unsatisfiable range, ignores multi-ranges and stale If-Range', async () => {
    const shared = await server.shareFile(files.video);
    revoke.push(shared.revoke);
    const p = pathOf(shared.url);
    const size = videoBytes.length;
    const bad = await rawRequest(at(p), { headers: { Range: `bytes=${size}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${size}`);
    expect(bad.bytes).toBe(0);
    const multi = await rawRequest(at(p), { headers: { Range: 'bytes=0-1,5-6' } });
    expect(multi).toMatchObject({ status: 200, bytes: size });
    const etag = String((await rawRequest(at(p), { method: 'HEAD' })).headers['etag']);
    expect((await rawRequest(at(p), { headers: { Range: 'bytes=0-9', 'If-Range': etag } })).status).toBe(206);
    expect((await rawRequest(at(p), { headers: { Range: 'bytes=0-9', 'If-Range': '"stale"' } })).status).toBe(200);
  });

  it('answers DLNA TVs’ content-features question', async () => {
    const shared = await server.shareFile(files.image);
    revoke.push(shared.revoke);
    const res = await rawRequest(at(pathOf(shared.url)), { method: 'HEAD', headers: { 'getcontentFeatures.dlna.org': '1' } });
    expect(res.headers['contentfeatures.dlna.org']).toMatch(/^DLNA\.ORG_OP=01/);
    expect(res.headers['transfermode.dlna.org']).toBe('Interactive');
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('serves bytes held in memory (rendered PDF pages)', async () => {
    const shared = server.shareBuffer(Buffer.from('PNGDATA'), { mime: 'image/png', kind: 'image' }, 'fiche - 1.png');
    revoke.push(shared.revoke);
    const res = await rawRequest(at(pathOf(shared.url)), { headers: { Range: 'bytes=3-' } });
    expect(res).toMatchObject({ status: 206 });
    expect(res.body.toString()).toBe('DATA');
  });
});

describe('MediaServer: refusing', () => {
  it('refuses traversal, token-less requests, other paths and other methods, without a byte of content', async () => {
    const shared = await server.shareFile(files.video);
    const p = pathOf(shared.url);
    const token = shared.token;
    const name = p.split('/')[3]!;
    const cases: [string, string, number][] = [
      ['GET', '/', 404],
      ['GET', '/cast/', 404],
      ['GET', '/cast', 404],
      ['GET', `/cast/${token}`, 404],
      ['GET', `/cast/${token}/`, 404],
      ['GET', `/cast/${token}/../../secret.txt`, 404],
      ['GET', `/cast/${token}/..%2F..%2Fsecret.txt`, 404],
      ['GET', `/cast/${token}/%2e%2e%2f%2e%2e%2fsecret.txt`, 404],
      ['GET', `/cast/${token}/..%5C..%5Csecret.txt`, 404],
      ['GET', `/cast/${token}/secret.txt`, 404],
      ['GET', `/cast/${token}/%ZZ`, 400],
      ['GET', `/cast/${'A'.repeat(43)}/${name}`, 404],
      ['GET', `/cast/${token.slice(0, 42)}/${name}`, 404],
      ['GET', `/cast/${token}x/${name}`, 404],
      ['GET', `/${token}/${name}`, 404],
      ['GET', `/../../../..${dir}/secret.txt`, 404],
      ['GET', `/cast/${token}/${name}/extra`, 404],
      ['POST', p, 405],
      ['PUT', p, 405],
      ['DELETE', p, 405],
      ['OPTIONS', p, 405],
    ];
    for (const [method, path, status] of cases) {
      const res = await rawRequest(at(path), { method });
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.bytes, `${method} ${path}`).toBe(0);
      expect(res.body.toString()).not.toContain('SECRET');
      if (status === 405) expect(res.headers['allow']).toBe('GET, HEAD');
    }
    expect((await rawRequest(at(p))).status).toBe(200);
    shared.revoke();
  });

  it('stops serving at revocation: 410, and a transfer in progress is cut', async () => {
    const shared = await server.shareFile(files.big);
    const p = pathOf(shared.url);
    let revoked = false;
    const inFlight = rawRequest(at(p), {
      keepBytes: 0,
      onData: (n) => {
        if (!revoked && n > 8 * 1024 * 1024) {
          revoked = true;
          shared.revoke();
        }
      },
    });
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.truncated).toBe(true);
    expect(res.bytes).toBeLessThan(BIG_SIZE);
    const after = await rawRequest(at(p));
    expect(after).toMatchObject({ status: 410, bytes: 0 });
    // A revoked token never comes back, even if the same file is shared again.
    const again = await server.shareFile(files.big);
    expect(again.token).not.toBe(shared.token);
    expect((await rawRequest(at(p))).status).toBe(410);
    again.revoke();
  });

  it('refuses to share what is not castable media, or not there', async () => {
    const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: ServiceError) => ({ code: e.code, guide: e.guide, params: e.params }));
    expect(await errorOf(server.shareFile(files.fakeVideo))).toEqual({ code: 'cast.not_media', guide: 'guide:prepare-lesson', params: { file: 'pas-une-video.mp4' } });
    expect(await errorOf(server.shareFile(files.secret))).toMatchObject({ code: 'cast.not_media' });
    expect(await errorOf(server.shareFile(join(dir, 'absent.mp4')))).toEqual({ code: 'cast.file_unreadable', guide: 'guide:prepare-lesson', params: { file: 'absent.mp4' } });
    expect(await errorOf(server.shareFile(join(dir, 'cours')))).toMatchObject({ code: 'cast.file_unreadable' });
  });

  it('records requests without their token', async () => {
    const records: MediaRequestRecord[] = [];
    const off = server.on('request', (r) => records.push(r));
    const shared = await server.shareFile(files.image);
    await rawRequest(at(pathOf(shared.url)), { headers: { Range: 'bytes=0-1' } });
    await rawRequest(at('/nope'));
    // A record is written when the server has finished sending, which may be after the client has it all.
    await vi.waitFor(() => expect(records).toHaveLength(2));
    shared.revoke();
    off();
    records.sort((a, b) => b.status - a.status);
    expect(records).toEqual([
      { method: 'GET', status: 404, remote: '127.0.0.1', name: null, range: null, bytes: 0, complete: true },
      { method: 'GET', status: 206, remote: '127.0.0.1', name: 'carte.png', range: 'bytes=0-1', bytes: 2, complete: true },
    ]);
    expect(JSON.stringify(records)).not.toContain(shared.token);
  });
});

describe('MediaServer: a 4 GiB video', () => {
  it('is served with ranges across and beyond the 4 GiB boundary', async () => {
    const shared = await server.shareFile(files.big);
    const p = pathOf(shared.url);
    expect(shared.size).toBe(BIG_SIZE);
    const head = await rawRequest(at(p), { method: 'HEAD' });
    expect(head.headers['content-length']).toBe(String(BIG_SIZE));
    expect(head.headers['content-type']).toBe('video/mp4');
    const boundary = await rawRequest(at(p), { headers: { Range: `bytes=${FOUR_GIB - 3}-${FOUR_GIB + 2}` } });
    expect(boundary.status).toBe(206);
    expect(boundary.body.toString()).toBe('<4GiB>');
    const end = await rawRequest(at(p), { headers: { Range: 'bytes=-7' } });
    expect(end.headers['content-range']).toBe(`bytes ${BIG_SIZE - 7}-${BIG_SIZE - 1}/${BIG_SIZE}`);
    expect(end.body.toString()).toBe('THE-END');
    const mb = await rawRequest(at(p), { headers: { Range: `bytes=${FOUR_GIB + 1000 - 1024 * 1024}-${FOUR_GIB + 999}` } });
    expect(mb.bytes).toBe(1024 * 1024);
    expect(mb.body.subarray(1024 * 1024 - 1000 - 3, 1024 * 1024 - 1000 + 3).toString()).toBe('<4GiB>');
    shared.revoke();
  });

  it('streams without reading the file into memory', async () => {
    const shared = await server.shareFile(files.big);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const res = await rawRequest(at(pathOf(shared.url)), {
      keepBytes: 0,
      stopAfter: 768 * 1024 * 1024,
      onData: () => {
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(BIG_SIZE));
    expect(res.bytes).toBeGreaterThanOrEqual(768 * 1024 * 1024);
    // 768 MiB went through; the process grew by a few read buffers at most.
    expect(peak - before).toBeLessThan(128 * 1024 * 1024);
    shared.revoke();
  });
});

describe('MediaServerPool', () => {
  it('starts one server per local address on first share and closes it with the last share', async () => {
    const pool = new MediaServerPool();
    const a = await pool.shareFile('127.0.0.1', files.image);
    const b = await pool.shareFile('127.0.0.1', files.video);
    const running = await pool.running();
    expect(running).toEqual([{ host: '127.0.0.1', port: Number(new URL(a.url).port), shares: 2 }]);
    expect(new URL(b.url).port).toBe(new URL(a.url).port);
    a.revoke();
    expect(await pool.running()).toHaveLength(1);
    b.revoke();
    expect(await pool.running()).toEqual([]);
    const port = Number(new URL(a.url).port);
    await expect(rawRequest({ host: '127.0.0.1', port, path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await pool.closeAll();
  });

  it('refuses a receiver no local address reaches', async () => {
    const pool = new MediaServerPool({ localAddressFor: async () => null });
    await expect(pool.shareFile('10.99.99.99', files.image)).rejects.toMatchObject({ code: 'cast.no_route', guide: 'guide:wireless', params: { host: '10.99.99.99' } });
  });

  it('closes a server started for a file that turned out not to be media', async () => {
    const pool = new MediaServerPool();
    await expect(pool.shareFile('127.0.0.1', files.fakeVideo)).rejects.toMatchObject({ code: 'cast.not_media' });
    expect(await pool.running()).toEqual([]);
  });
});

describe('MediaServer: pooled read buffers', () => {
  it('streams byte-exact across many chunk boundaries, ranges included, and survives receivers hanging up mid-transfer', async () => {
    // Tiny chunks: the 45 KB video crosses dozens of chunk boundaries, with one read ahead each time.
    const small = await MediaServer.start({ host: '127.0.0.1', chunkSize: 1000 });
    try {
      const shared = await small.shareFile(files.video);
      const target = { host: '127.0.0.1', port: small.port, path: pathOf(shared.url) };
      for (let i = 0; i < 3; i++) {
        const cut = await rawRequest(target, { stopAfter: 5000 + i * 777 });
        expect(cut.status).toBe(200);
      }
      const whole = await rawRequest(target);
      expect(whole.body.equals(videoBytes)).toBe(true);
      for (const [start, end] of [[0, 999], [999, 1000], [1234, 9876], [videoBytes.length - 1500, videoBytes.length - 1]] as const) {
        const r = await rawRequest(target, { headers: { Range: `bytes=${start}-${end}` } });
        expect(r.status).toBe(206);
        expect(r.body.equals(videoBytes.subarray(start, end + 1))).toBe(true);
      }
      // Parallel downloads share the pool without mixing their bytes.
      const parallel = await Promise.all([1, 2, 3, 4].map(() => rawRequest(target)));
      for (const r of parallel) expect(r.body.equals(videoBytes)).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('keeps a bounded number of free buffers and never hands one out twice', async () => {
    const pool = new BufferPool(16, 2);
    const a = pool.acquire();
    const b = pool.acquire();
    const c = pool.acquire();
    expect(new Set([a, b, c]).size).toBe(3);
    pool.release(a);
    pool.release(a);
    pool.release(b);
    pool.release(c);
    expect(pool.available).toBe(2);
    const d = pool.acquire();
    const e = pool.acquire();
    expect(new Set([d, e]).size).toBe(2);
    expect([a, b]).toContain(d);
    // A buffer of another size never enters the pool.
    pool.release(Buffer.alloc(8));
    expect(pool.available).toBe(0);
  });
});
