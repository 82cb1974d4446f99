import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost, type Host } from '../../main/host';
import { startWebPreview, type WebPreview } from '../../main/web/server';
import { MemorySettingsStore } from '../../main/services/settings/store';
import { LogBook } from '../../main/services/core/logger';

let host: Host;
let preview: WebPreview;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'classe-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await createHost({
    devices: { networkDiscovery: false, notifications: false },
    runtime: 'web',
    version: '0.0.0-test',
    locale: 'fr-FR',
    settingsStore: new MemorySettingsStore(),
    logBook: new LogBook(),
    userDataDir: join(rendererDir, 'user-data'),
    profilePath: join(rendererDir, 'no-profile', 'profile.json'),
  });
  preview = await startWebPreview({ host, rendererDir, logger: host.logBook.logger('web') });
});

afterAll(async () => {
  await preview.close();
  await host.dispose();
});

function connect(opts: { token?: string; origin?: string; path?: string } = {}): Promise<WebSocket> {
  const token = opts.token ?? preview.token;
  const ws = new WebSocket(`ws://127.0.0.1:${preview.port}${opts.path ?? '/rpc'}?token=${encodeURIComponent(token)}`, {
    headers: { Origin: opts.origin ?? preview.origin },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, input?: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.t === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, channel, input }));
  });
}

describe('web preview server', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = preview.server.address();
    expect(address && typeof address === 'object' && address.address).toBe('127.0.0.1');
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from a foreign Origin', async () => {
    await expect(connect({ token: '' })).rejects.toThrow('HTTP 401');
    await expect(connect({ token: 'x'.repeat(32) })).rejects.toThrow('HTTP 401');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: `http://localhost:${preview.port}` })).rejects.toThrow('HTTP 403');
    await expect(connect({ path: '/other' })).rejects.toThrow('HTTP 403');
  });

  it('serves the contract to a client with the token and our Origin', async () => {
    const ws = await connect();
    expect(await call(ws, 1, 'app.info')).toMatchObject({ ok: true, value: { runtime: 'web', version: '0.0.0-test' } });
    expect(await call(ws, 2, 'settings.set', { patch: { theme: 'neon' } })).toMatchObject({ ok: false, error: { code: 'contract.invalid_input' } });
    expect(await call(ws, 3, 'no.such')).toMatchObject({ ok: false, error: { code: 'contract.unknown_channel' } });
    ws.close();
  });

  it('pushes events to connected pages', async () => {
    const ws = await connect();
    const event = new Promise<unknown>((resolve) =>
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString());
        if (msg.t === 'event') resolve(msg);
      }),
    );
    await call(ws, 1, 'settings.set', { patch: { theme: 'dark' } });
    expect(await event).toMatchObject({ t: 'event', event: 'settings.changed', payload: { values: { theme: 'dark' } } });
    ws.close();
  });

  it('closes a connection that sends garbage', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{not json');
    expect(await closed).toBe(1007);
  });

  it('serves the renderer with security headers, GET/HEAD only, nothing outside its folder', async () => {
    const base = `http://127.0.0.1:${preview.port}`;
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      expect(await (await fetch(`${base}${path}`)).text()).not.toContain('root:');
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
    // App routes without an extension get the app.
    expect(await (await fetch(`${base}/guides`)).text()).toContain('<title>t</title>');
  });
});
