import { mkdtemp, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPresentationRequestHandler,
  parseByteRange,
  PRESENTATION_SCHEME_PRIVILEGES,
  PRESENTATION_VIEWER_CSP,
  resolvePresentationRequest,
  viewerUrl,
  type PresentedDocument,
} from '../../../main/services/display/presentation-protocol';

const ID = 'Q2xhc3NlTnVtZXJpcXVl0123';
const url = (path: string) => `classe-present://presentation${path}`;

describe('resolvePresentationRequest', () => {
  it('serves the viewer page, its assets and the document by id', () => {
    expect(resolvePresentationRequest(url('/presentation/index.html?doc=x&kind=pdf'))).toEqual({ type: 'viewer-asset', relativePath: 'presentation/index.html', contentType: 'text/html; charset=utf-8' });
    expect(resolvePresentationRequest(url('/assets/presentation-B1x2.js'))).toMatchObject({ type: 'viewer-asset', relativePath: 'assets/presentation-B1x2.js', contentType: 'text/javascript; charset=utf-8' });
    expect(resolvePresentationRequest(url('/assets/pdf.worker.min-D3aF.mjs'))).toMatchObject({ type: 'viewer-asset', contentType: 'text/javascript; charset=utf-8' });
    expect(resolvePresentationRequest(url(`/document/${ID}`))).toEqual({ type: 'document', id: ID });
    expect(viewerUrl(ID, 'video')).toBe(`classe-present://presentation/presentation/index.html?doc=${ID}&kind=video`);
  });

  it('refuses traversal, other hosts and schemes, odd names and unknown types', () => {
    for (const u of [
      url('/assets/../../etc/passwd'),
      url('/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd'),
      url('/assets/..%2F..%2Fsecret.js'),
      url('/assets/sub/dir.js'),
      url('/assets/.hidden.js'),
      url('/assets/x.exe'),
      url('/presentation/other.html'),
      url('/index.html'),
      url('/document/short'),
      url(`/document/${ID}/../x`),
      url(`/document/${ID}%00`),
      `classe-present://other/document/${ID}`,
      `classe-present://user:pw@presentation/document/${ID}`,
      `https://presentation/document/${ID}`,
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(resolvePresentationRequest(u), u).toEqual({ type: 'not-found' });
    }
  });

  it('registers a standard, secure, fetch- and stream-capable scheme without CSP bypass', () => {
    expect(PRESENTATION_SCHEME_PRIVILEGES).toEqual({ scheme: 'classe-present', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } });
  });
});

describe('parseByteRange', () => {
  it('reads the single-range forms, clamps the end and handles files over 4 GB', () => {
    expect(parseByteRange(null, 100)).toBeNull();
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-1000', 100)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=50-5000', 100)).toEqual({ start: 50, end: 99 });
    const big = 4 * 1024 ** 3 + 17;
    expect(parseByteRange('bytes=4294967296-', big)).toEqual({ start: 4294967296, end: big - 1 });
  });

  it('answers 416 for ranges outside the file, and serves everything for forms it does not honour', () => {
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=9-3', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseByteRange('items=0-1', 100)).toBeNull();
    expect(parseByteRange('bytes=-', 100)).toBeNull();
  });
});

describe('createPresentationRequestHandler', () => {
  let dir = '';
  let doc: PresentedDocument;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'classe-proto-'));
    await mkdir(join(dir, 'viewer', 'presentation'), { recursive: true });
    await mkdir(join(dir, 'viewer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'viewer', 'presentation', 'index.html'), '<!doctype html><title>viewer</title>');
    await writeFile(join(dir, 'viewer', 'assets', 'viewer-abc.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'never served');
    await writeFile(join(dir, 'film.mp4'), Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
    doc = { id: ID, path: join(dir, 'film.mp4'), contentType: 'video/mp4' };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const handler = () => createPresentationRequestHandler({ viewerRoot: join(dir, 'viewer'), document: doc });
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => handler()(new Request(url(path), { method, headers }));

  it('serves the viewer with its CSP, nosniff and no-store', async () => {
    const res = await get('/presentation/index.html?doc=x&kind=pdf');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<!doctype html><title>viewer</title>');
    expect(res.headers.get('content-security-policy')).toBe(PRESENTATION_VIEWER_CSP);
    expect(PRESENTATION_VIEWER_CSP).toContain("default-src 'none'");
    expect(PRESENTATION_VIEWER_CSP).toContain("script-src 'self'");
    expect(PRESENTATION_VIEWER_CSP).not.toContain('unsafe');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await get('/assets/viewer-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('serves the whole document, then byte ranges (206) for video seeking, and HEAD without a body', async () => {
    const full = await get(`/document/${ID}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-length')).toBe('1000');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-type')).toBe('video/mp4');
    expect(full.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect((await full.arrayBuffer()).byteLength).toBe(1000);

    const part = await get(`/document/${ID}`, { Range: 'bytes=256-259' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 256-259/1000');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([0, 1, 2, 3]);

    const tail = await get(`/document/${ID}`, { Range: 'bytes=-2' });
    expect([...new Uint8Array(await tail.arrayBuffer())]).toEqual([998 % 256, 999 % 256]);

    const bad = await get(`/document/${ID}`, { Range: 'bytes=5000-' });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */1000');

    const head = await get(`/document/${ID}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');
    expect(await head.text()).toBe('');
  });

  it('serves nothing else: other ids, traversal, other methods, no document for a web page', async () => {
    expect((await get('/document/AAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await get('/assets/../../secret.txt')).status).toBe(404);
    expect((await get('/secret.txt')).status).toBe(404);
    expect((await get(`/document/${ID}`, {}, 'POST')).status).toBe(405);
    const web = createPresentationRequestHandler({ viewerRoot: join(dir, 'viewer'), document: null });
    expect((await web(new Request(url(`/document/${ID}`)))).status).toBe(404);
  });

  it('answers 404 once the file is gone (USB stick pulled out)', async () => {
    await writeFile(join(dir, 'gone.pdf'), '%PDF-1.4');
    const h = createPresentationRequestHandler({ viewerRoot: join(dir, 'viewer'), document: { id: ID, path: join(dir, 'gone.pdf'), contentType: 'application/pdf' } });
    expect((await h(new Request(url(`/document/${ID}`)))).status).toBe(200);
    await unlink(join(dir, 'gone.pdf'));
    expect((await h(new Request(url(`/document/${ID}`)))).status).toBe(404);
  });

  it('dev mode proxies only the viewer to the Vite dev server; the document still comes from disk', async () => {
    const asked: string[] = [];
    const fetchImpl = (async (input: string | URL) => {
      asked.push(String(input));
      return new Response('dev', { status: 200 });
    }) as typeof fetch;
    const h = createPresentationRequestHandler({ viewerRoot: '/nonexistent', viewerDevServerUrl: 'http://localhost:5173/', document: doc, fetchImpl });
    const res = await h(new Request(url('/presentation/index.html')));
    expect(await res.text()).toBe('dev');
    expect(res.headers.get('content-security-policy')).toBe(PRESENTATION_VIEWER_CSP);
    expect((await h(new Request(url(`/document/${ID}`)))).status).toBe(200);
    expect(asked).toEqual(['http://localhost:5173/presentation/index.html']);
  });
});
