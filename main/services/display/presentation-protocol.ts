/**
 * The presentation window's own URL scheme, `classe-present://presentation/…`, registered only on the
 * presentation's session partition. It serves exactly two things:
 *   /presentation/index.html and /assets/<file>   the bundled viewer (built from renderer/presentation)
 *   /document/<opaque id>                          the ONE file chosen for this presentation, with byte ranges
 * and nothing else: every other path is 404, and the file path never comes from the URL (the id only
 * selects the registered document), so no request can reach another file.
 *
 * The handler speaks WHATWG Request/Response (what Electron's `protocol.handle` takes), so it is plain
 * Node and tested without Electron.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

export const PRESENTATION_SCHEME = 'classe-present';
export const PRESENTATION_HOST = 'presentation';
export const PRESENTATION_ORIGIN = `${PRESENTATION_SCHEME}://${PRESENTATION_HOST}`;
export const VIEWER_PATH = '/presentation/index.html';

/**
 * For `protocol.registerSchemesAsPrivileged` (once, before app ready, with the app's other schemes):
 * standard (relative URLs, 'self' in the CSP), secure, fetch (pdf.js loads the PDF with fetch and
 * ranges), stream (video seeking). No bypassCSP, no service workers, no CORS.
 */
export const PRESENTATION_SCHEME_PRIVILEGES = {
  scheme: PRESENTATION_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/**
 * The viewer's Content-Security-Policy, sent as a header with every viewer response. Scripts, styles and
 * the pdf.js worker only from the viewer itself; images and media only from the scheme (the document);
 * no plugins, no frames, no forms, no network.
 */
export const PRESENTATION_VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Served documents are data for the viewer, never a page of their own. */
const DOCUMENT_CSP = "sandbox; default-src 'none'";

const ASSET_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const DOCUMENT_ID = /^[A-Za-z0-9_-]{16,64}$/;
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export type PresentationRoute =
  | { type: 'viewer-asset'; relativePath: string; contentType: string }
  | { type: 'document'; id: string }
  | { type: 'not-found' };

export function viewerUrl(documentId: string, kind: 'pdf' | 'image' | 'video'): string {
  return `${PRESENTATION_ORIGIN}${VIEWER_PATH}?doc=${encodeURIComponent(documentId)}&kind=${kind}`;
}

export function documentPath(documentId: string): string {
  return `/document/${documentId}`;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Maps a request URL to what may be served; anything unexpected is 'not-found'. */
export function resolvePresentationRequest(requestUrl: string): PresentationRoute {
  if (!URL.canParse(requestUrl)) return { type: 'not-found' };
  const url = new URL(requestUrl);
  if (url.protocol !== `${PRESENTATION_SCHEME}:` || url.host.toLowerCase() !== PRESENTATION_HOST || url.username || url.password) return { type: 'not-found' };
  const path = url.pathname;
  if (path === VIEWER_PATH) return { type: 'viewer-asset', relativePath: 'presentation/index.html', contentType: ASSET_TYPES['.html'] as string };
  const asset = /^\/assets\/([^/]+)$/.exec(path);
  if (asset?.[1] && ASSET_NAME.test(asset[1])) {
    const contentType = ASSET_TYPES[extension(asset[1])];
    if (contentType) return { type: 'viewer-asset', relativePath: `assets/${asset[1]}`, contentType };
  }
  const doc = /^\/document\/([^/]+)$/.exec(path);
  if (doc?.[1] && DOCUMENT_ID.test(doc[1])) return { type: 'document', id: doc[1] };
  return { type: 'not-found' };
}

export type ByteRange = { start: number; end: number };

/**
 * `Range: bytes=…` → the one range to serve; null = serve the whole file (no header, or a form we do
 * not honour such as several ranges: allowed by RFC 9110); 'unsatisfiable' → 416.
 */
export function parseByteRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, startText = '', endText = ''] = m;
  if (startText === '' && endText === '') return null;
  if (startText === '') {
    // Suffix: the last N bytes.
    const suffix = Number(endText);
    if (!Number.isSafeInteger(suffix) || suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(startText);
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return 'unsatisfiable';
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export interface PresentedDocument {
  id: string;
  /** Absolute path of the chosen file; re-checked at each request (the file may vanish). */
  path: string;
  contentType: string;
}

export interface PresentationHandlerOptions {
  /** The built renderer output folder that holds presentation/index.html and assets/. */
  viewerRoot: string;
  /** Dev only: proxy viewer requests to the Vite dev server instead (e.g. "http://localhost:5173/"). */
  viewerDevServerUrl?: string | null;
  /** The document of this presentation (null for a web page: nothing is served then but the viewer). */
  document: PresentedDocument | null;
  /** Injected for tests. */
  fetchImpl?: typeof fetch;
}

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' };

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function fileBody(path: string, range?: ByteRange): ReadableStream<Uint8Array> {
  const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

async function serveViewerAsset(route: Extract<PresentationRoute, { type: 'viewer-asset' }>, options: PresentationHandlerOptions): Promise<Response> {
  if (options.viewerDevServerUrl) {
    const upstream = await (options.fetchImpl ?? fetch)(new URL(route.relativePath, options.viewerDevServerUrl));
    if (!upstream.ok) return notFound();
    return new Response(upstream.body, { status: 200, headers: { ...COMMON_HEADERS, 'Content-Type': route.contentType, 'Content-Security-Policy': PRESENTATION_VIEWER_CSP } });
  }
  // relativePath is one of two fixed shapes with a validated file name: it cannot leave viewerRoot.
  const path = join(options.viewerRoot, ...route.relativePath.split('/'));
  try {
    const info = await stat(path);
    if (!info.isFile()) return notFound();
    return new Response(fileBody(path), {
      status: 200,
      headers: { ...COMMON_HEADERS, 'Content-Type': route.contentType, 'Content-Length': String(info.size), 'Content-Security-Policy': PRESENTATION_VIEWER_CSP },
    });
  } catch {
    return notFound();
  }
}

async function serveDocument(doc: PresentedDocument, request: Request): Promise<Response> {
  let size: number;
  try {
    const info = await stat(doc.path);
    if (!info.isFile()) return notFound();
    size = info.size;
  } catch {
    // The file vanished (USB stick pulled out): the viewer reports a load error.
    return notFound();
  }
  const headers = { ...COMMON_HEADERS, 'Content-Type': doc.contentType, 'Accept-Ranges': 'bytes', 'Content-Security-Policy': DOCUMENT_CSP };
  const range = parseByteRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  const isHead = request.method === 'HEAD';
  if (range) {
    return new Response(isHead ? null : fileBody(doc.path, range), {
      status: 206,
      headers: { ...headers, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
    });
  }
  return new Response(isHead || size === 0 ? null : fileBody(doc.path), { status: 200, headers: { ...headers, 'Content-Length': String(size) } });
}

/** The `protocol.handle` handler of one presentation session. */
export function createPresentationRequestHandler(options: PresentationHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { ...COMMON_HEADERS, Allow: 'GET, HEAD' } });
    const route = resolvePresentationRequest(request.url);
    switch (route.type) {
      case 'viewer-asset':
        return serveViewerAsset(route, options);
      case 'document':
        return options.document && route.id === options.document.id ? serveDocument(options.document, request) : notFound();
      case 'not-found':
        return notFound();
    }
  };
}
