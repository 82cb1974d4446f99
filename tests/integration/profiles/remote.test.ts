import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpsFetcher } from '../../../main/services/profiles/remote';
import { smallProfile } from '../../unit/profiles/fixtures';
import { makeService, sandbox, testKey, toText, trustKey, writeManaged, type Sandbox, type TestKey } from './helpers';
import { startHttps, type TestHttps } from './https-server';

const key = testKey();
const stranger = testKey();
const remoteText = toText(smallProfile((p) => ((p.organisation.name = 'Profil en ligne'), (p.settings = { locked: { theme: 'dark' } }))));
let routes: Record<string, (res: import('node:http').ServerResponse) => void> = {};
let server: TestHttps;
let hits: string[] = [];

const json = (body: string, type = 'application/json') => (res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
};
const signed = (path: string, body: string, signer: TestKey) => ({ [path]: json(body), [`${path}.sig`]: json(signer.sign(body), 'text/plain') });

beforeAll(async () => {
  server = await startHttps((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
});
afterAll(() => server.close());
beforeEach(() => {
  hits = [];
  routes = {
    ...signed('/ecole.json', remoteText, key),
    '/login.json': json('<!DOCTYPE html><html><body>Portail Wi-Fi : identifiez-vous</body></html>', 'text/html; charset=utf-8'),
    '/html-as-json.json': json('\n  <html><body>Connexion</body></html>', 'application/json'),
    '/xml.json': json('{"a": 1}', 'application/xml'),
    '/slow.json': () => {
      // never answers
    },
    '/error.json': (res) => {
      res.writeHead(503);
      res.end();
    },
    '/unsigned.json': json(remoteText),
    '/redirect.json': (res) => {
      res.writeHead(302, { location: '/ecole.json' });
      res.end();
    },
    '/to-http.json': (res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/ecole.json' });
      res.end();
    },
    '/big.json': (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"a":"' + 'x'.repeat(200_000) + '"}');
    },
  };
});

describe('HTTPS fetcher', () => {
  const fetcher = () => createHttpsFetcher({ ca: server.ca, timeoutMs: 400 });
  const get = (path: string) => fetcher()({ url: server.url(path), signatureUrl: server.url(`${path}.sig`) });

  it('fetches a profile and its signature', async () => {
    const result = await get('/ecole.json');
    expect(result.bytes.toString()).toBe(remoteText);
    expect(result.signatureText).toBe(key.sign(remoteText));
  });

  it('follows an HTTPS redirect, refuses one to plain HTTP', async () => {
    expect((await get('/redirect.json')).bytes.toString()).toBe(remoteText);
    await expect(get('/to-http.json')).rejects.toMatchObject({ code: 'profiles.remote_not_https' });
  });

  it('times out', async () => {
    await expect(get('/slow.json')).rejects.toMatchObject({ code: 'profiles.remote_timeout' });
  });

  it('recognises an HTML answer (captive portal), labelled or not', async () => {
    await expect(get('/login.json')).rejects.toMatchObject({ code: 'profiles.remote_html' });
    await expect(get('/html-as-json.json')).rejects.toMatchObject({ code: 'profiles.remote_html' });
  });

  it('refuses other content types, error statuses and oversized answers', async () => {
    await expect(get('/xml.json')).rejects.toMatchObject({ code: 'profiles.remote_content_type', params: { contentType: 'application/xml' } });
    await expect(get('/error.json')).rejects.toMatchObject({ code: 'profiles.remote_http_status', params: { status: 503 } });
    await expect(createHttpsFetcher({ ca: server.ca, maxBytes: 100_000 })({ url: server.url('/big.json'), signatureUrl: server.url('/big.json.sig') })).rejects.toMatchObject({ code: 'profiles.remote_too_large' });
  });

  it('reports a missing signature as null', async () => {
    expect((await get('/unsigned.json')).signatureText).toBeNull();
  });

  it('does not trust the self-signed certificate without the CA', async () => {
    await expect(createHttpsFetcher({ timeoutMs: 2000 })({ url: server.url('/ecole.json'), signatureUrl: server.url('/ecole.json.sig') })).rejects.toMatchObject({ code: 'profiles.remote_tls' });
  });

  it('refuses a plain HTTP URL without connecting', async () => {
    await expect(fetcher()({ url: 'http://127.0.0.1:9/x.json', signatureUrl: 'http://127.0.0.1:9/x.json.sig' })).rejects.toMatchObject({ code: 'profiles.remote_not_https' });
  });
});

describe('profile named by the managed file', () => {
  let sb: Sandbox;
  const disposers: (() => void)[] = [];
  beforeEach(() => {
    sb = sandbox();
    trustKey(sb, key);
  });
  afterEach(() => {
    for (const d of disposers.splice(0)) d();
    sb.cleanup();
  });

  const managedPointingTo = (path: string, extra: (p: ReturnType<typeof smallProfile>) => void = () => {}) =>
    toText(
      smallProfile((p) => {
        p.organisation.name = 'Fichier géré';
        p.managed = { remoteProfile: { url: server.url(path) } };
        extra(p);
      }),
    );

  async function start() {
    const made = await makeService(sb, { fetchRemote: createHttpsFetcher({ ca: server.ca, timeoutMs: 400 }) });
    disposers.push(() => made.service.dispose());
    return { ...made, status: await made.service.start() };
  }

  it('a good signed answer replaces the managed file', async () => {
    writeManaged(sb, managedPointingTo('/ecole.json'));
    const { status, settings } = await start();
    expect(status).toMatchObject({ state: 'ok', source: 'remote', location: server.url('/ecole.json'), organisation: 'Profil en ligne', signature: { state: 'valid', keyId: key.keyId } });
    expect(settings.view().values.theme).toBe('dark');
  });

  it('without an injected fetcher, trusts the CA in remote-ca.pem next to the managed file (and only then)', async () => {
    writeManaged(sb, managedPointingTo('/ecole.json'));
    const bare = await makeService(sb);
    disposers.push(() => bare.service.dispose());
    expect(await bare.service.start()).toMatchObject({ state: 'fallback', problem: { code: 'profiles.remote_tls' } });
    writeFileSync(join(dirname(sb.location.profile), 'remote-ca.pem'), server.ca);
    expect(await bare.service.reload()).toMatchObject({ state: 'ok', source: 'remote' });
  });

  it('a key listed in the managed file is trusted for the online profile', async () => {
    routes = { ...routes, ...signed('/autre.json', remoteText, stranger) };
    writeManaged(sb, managedPointingTo('/autre.json', (p) => (p.managed.trustedKeys = [stranger.publicKeyPem])));
    expect((await start()).status).toMatchObject({ state: 'ok', source: 'remote', signature: { keyId: stranger.keyId } });
  });

  it('a timeout keeps the managed file in force and says so', async () => {
    writeManaged(sb, managedPointingTo('/slow.json'));
    const { status } = await start();
    expect(status).toMatchObject({ state: 'fallback', source: 'managed', organisation: 'Fichier géré', problem: { code: 'profiles.remote_timeout', source: 'remote', location: server.url('/slow.json') } });
  });

  it('an online profile signed by an unknown key, or unsigned, is refused', async () => {
    routes = { ...routes, ...signed('/pirate.json', remoteText, stranger) };
    writeManaged(sb, managedPointingTo('/pirate.json'));
    expect((await start()).status).toMatchObject({ state: 'fallback', problem: { code: 'profiles.signature_wrong_key' } });
    writeManaged(sb, managedPointingTo('/unsigned.json'));
    expect((await start()).status).toMatchObject({ state: 'fallback', problem: { code: 'profiles.signature_missing' } });
  });

  it('after a good fetch, an HTML answer keeps the last good online profile, also across a restart', async () => {
    writeManaged(sb, managedPointingTo('/ecole.json'));
    const first = await start();
    expect(first.status.source).toBe('remote');
    routes['/ecole.json'] = routes['/login.json'] as (res: import('node:http').ServerResponse) => void;
    expect(await first.service.reload()).toMatchObject({ state: 'fallback', source: 'remote', organisation: 'Profil en ligne', problem: { code: 'profiles.remote_html' } });
    first.service.dispose();
    const second = await start();
    expect(second.status).toMatchObject({ state: 'fallback', source: 'remote', organisation: 'Profil en ligne', problem: { code: 'profiles.remote_html' } });
    expect(second.settings.view().values.theme).toBe('dark');
  });
});
