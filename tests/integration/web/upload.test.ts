/**
 * The web preview's file upload (POST /files) on loopback: only with the run's token and this
 * preview's Origin, streamed to a private folder (a big file never sits in memory), capped, the name a
 * mere label (no traversal), checked like a picked file, usable for casting, removed at exit.
 */
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../../main/host';
import { startWebPreview, type WebPreview } from '../../../main/web/server';
import { MemorySettingsStore } from '../../../main/services/settings/store';
import { LogBook } from '../../../main/services/core/logger';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
const MAX_MIB = 300;
let dir: string;
let host: Host;
let preview: WebPreview;
let image: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-upload-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  image = await readFile(join(FIXTURES, 'lesson-image.png'));
  host = await createHost({
    devices: { networkDiscovery: false, notifications: false },
    runtime: 'web',
    version: '0.0.0-test',
    locale: 'fr-FR',
    settingsStore: new MemorySettingsStore(),
    logBook: new LogBook(),
    userDataDir: join(dir, 'user-data'),
    profilePath: join(dir, 'no-profile', 'profile.json'),
    files: { maxUploadBytes: MAX_MIB * 1024 * 1024 },
  });
  preview = await startWebPreview({ host, rendererDir: join(dir, 'renderer'), logger: host.logBook.logger('web') });
});

afterAll(async () => {
  await preview?.close();
  await host?.dispose();
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: { ok: boolean; value?: { fileId: string; name: string; size: number; kind: string; castable: boolean; presentable: boolean }; error?: { code: string } };
}

function upload(body: Buffer | Readable, options: { token?: string | null; origin?: string | null; name?: string; method?: string; length?: number } = {}): Promise<Reply> {
  const headers: Record<string, string | number> = { 'Content-Type': 'application/octet-stream' };
  if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? preview.token}`;
  if (options.origin !== null) headers.Origin = options.origin ?? preview.origin;
  if (options.name !== undefined) headers['X-Classe-File-Name'] = encodeURIComponent(options.name);
  if (Buffer.isBuffer(body)) headers['Content-Length'] = body.length;
  else if (options.length !== undefined) headers['Content-Length'] = options.length;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: preview.port, path: '/files', method: options.method ?? 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Reply['body']) : { ok: false } }));
    });
    req.on('error', reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req).on('error', () => undefined);
  });
}

async function uploadedFiles(): Promise<string[]> {
  const root = join(dir, 'user-data', 'uploads');
  const out: string[] = [];
  for (const run of await readdir(root).catch(() => [] as string[])) {
    for (const folder of await readdir(join(root, run)).catch(() => [] as string[])) {
      for (const file of await readdir(join(root, run, folder)).catch(() => [] as string[])) out.push(join(root, run, folder, file));
    }
  }
  return out;
}

/** A stream of `size` bytes starting with an MP4 header, produced chunk by chunk (never held whole). */
function bigVideo(size: number): Readable {
  const header = Buffer.from('0000001c667479706d703432000000006d7034326973736f6d000000', 'hex');
  let sent = 0;
  const chunk = Buffer.alloc(1024 * 1024, 7);
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const piece = sent === 0 ? Buffer.concat([header, chunk.subarray(header.length)]) : chunk;
      const n = Math.min(piece.length, size - sent);
      sent += n;
      this.push(piece.subarray(0, n));
    },
  });
}

describe('POST /files (web preview upload)', () => {
  it('stores a picture sent with the token and Origin, and answers a FileRef usable for casting', async () => {
    const r = await upload(image, { name: `Carte d'Hérault 🗺️.png` });
    expect(r.status).toBe(200);
    expect(r.body.value).toMatchObject({ name: `Carte d'Hérault 🗺️.png`, size: image.length, kind: 'image', castable: true, presentable: true });
    expect(r.body.value!.fileId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    // The page never sees where it is: the FileRef has no path.
    expect(JSON.stringify(r.body)).not.toContain('uploads');
    const stored = host.services.files.registry.get(r.body.value!.fileId);
    expect(await readFile(stored.path)).toEqual(image);
  });

  it('refuses an upload without the token, with a wrong token, or from another Origin, and stores nothing', async () => {
    const before = (await uploadedFiles()).length;
    expect((await upload(image, { token: null, name: 'a.png' })).status).toBe(401);
    expect((await upload(image, { token: 'x'.repeat(32), name: 'a.png' })).status).toBe(401);
    expect((await upload(image, { origin: 'http://evil.example', name: 'a.png' })).status).toBe(403);
    expect((await upload(image, { origin: null, name: 'a.png' })).status).toBe(403);
    expect((await uploadedFiles()).length).toBe(before);
  });

  it('answers only POST on the upload path', async () => {
    expect((await upload(Buffer.alloc(0), { method: 'GET' })).status).toBe(405);
  });

  it('keeps a name with path traversal as a label: the file lands in its own private folder', async () => {
    const r = await upload(image, { name: '../../../../etc/cron.d/evil.png' });
    expect(r.status).toBe(200);
    const stored = host.services.files.registry.get(r.body.value!.fileId);
    const root = join(dir, 'user-data', 'uploads');
    // Exactly <uploads>/<run>/<random folder>/<one safe segment>.
    expect(relative(root, stored.path).split(sep)).toHaveLength(3);
    expect(relative(root, stored.path).startsWith('..')).toBe(false);
    expect(basename(stored.path)).toBe('_._._._etc_cron.d_evil.png');
    expect(existsSync('/etc/cron.d/evil.png')).toBe(false);
    const backslashes = await upload(image, { name: '..\\..\\windows\\system32\\x.png' });
    expect(host.services.files.registry.get(backslashes.body.value!.fileId).path.startsWith(root)).toBe(true);
  });

  it('refuses what is not media (checked by its bytes) and deletes it', async () => {
    const before = (await uploadedFiles()).length;
    const r = await upload(Buffer.from('#!/bin/sh\nrm -rf /\n'), { name: 'leçon.png' });
    expect(r.status).toBe(415);
    expect(r.body.error?.code).toBe('files.unsupported');
    expect((await uploadedFiles()).length).toBe(before);
  });

  it('refuses a declared size over the cap before reading the body', async () => {
    const r = await upload(bigVideo(10), { name: 'film.mp4', length: (MAX_MIB + 1) * 1024 * 1024 });
    expect(r.status).toBe(413);
    expect(r.body.error?.code).toBe('files.too_large');
  });

  it('streams a big file to disk (memory stays flat) and cuts a chunked body past the cap', async () => {
    const size = 200 * 1024 * 1024;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const r = await upload(bigVideo(size), { name: 'Sortie au jardin.mp4' });
    const grown = process.memoryUsage().rss - rssBefore;
    expect(r.status).toBe(200);
    expect(r.body.value).toMatchObject({ size, kind: 'video', castable: true });
    // Far less than the file: it went to disk chunk by chunk.
    expect(grown).toBeLessThan(size / 2);
    await host.services.files.registry.forget(r.body.value!.fileId);

    const before = (await uploadedFiles()).length;
    // No Content-Length (chunked): the cap is enforced on the bytes as they come.
    const over = await upload(bigVideo((MAX_MIB + 5) * 1024 * 1024), { name: 'trop long.mp4' }).catch((e: Error) => ({ status: -1, body: { ok: false, error: { code: e.message } } }));
    expect([413, -1]).toContain(over.status);
    expect((await uploadedFiles()).length).toBe(before);
  });

  it('casts an uploaded file to the demo « Écran » (simulated Cast receiver) through the contract', async () => {
    await host.dispatcher.dispatch('settings.set', { patch: { demoMode: true } }, { transport: 'web' });
    await expect.poll(() => host.services.devices.demo()?.castReceiver ?? null, { timeout: 10_000 }).not.toBeNull();
    await expect.poll(() => host.services.devices.registry.get('inv:demo-screen')?.capabilities ?? []).toContain('googlecast');
    const r = await upload(image, { name: 'carte.png' });
    const started = await host.dispatcher.dispatch('cast.start', { fileId: r.body.value!.fileId, deviceId: 'inv:demo-screen' }, { transport: 'web' });
    expect(started).toMatchObject({ ok: true, value: { state: 'playing', deviceId: 'inv:demo-screen', file: { name: 'carte.png' } } });
    const receiver = host.services.devices.demo()!.castReceiver!;
    expect(receiver.fetches.at(-1)).toMatchObject({ status: 200, contentType: 'image/png', bytes: image.length });
    const castId = (started as { value: { castId: string } }).value.castId;
    await host.dispatcher.dispatch('cast.control', { castId, command: 'stop' }, { transport: 'web' });
  });

  it('removes every uploaded copy when the preview stops', async () => {
    const r = await upload(image, { name: 'dernière.png' });
    const stored = host.services.files.registry.get(r.body.value!.fileId).path;
    expect(existsSync(stored)).toBe(true);
    const uploads = host.services.files.uploads!;
    await preview.close();
    expect(existsSync(uploads.dir)).toBe(false);
    // A later preview on the same user data starts clean (nothing to close twice in afterAll).
    preview = await startWebPreview({ host, rendererDir: join(dir, 'renderer'), logger: host.logBook.logger('web') });
  });
});
