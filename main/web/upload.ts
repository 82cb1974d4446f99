/**
 * The web preview's file upload: how a browser page hands main a chosen file (it has no path to give).
 *
 *   POST /files   Authorization: Bearer <the run's token>   Origin: <this preview>
 *                 X-Classe-File-Name: <percent-encoded name>   body: the file's bytes
 *   → 200 {"ok":true,"value":<FileRef>}  |  4xx {"ok":false,"error":<ErrorInfo>}
 *
 * The token and the exact Origin are checked before a byte of the body is read (a page of another site
 * cannot post here, and nothing without the token is stored). The body is streamed to the upload
 * store (a private folder in the user data folder, removed when the preview stops) with a size cap
 * checked on Content-Length first and on the bytes as they come; then the file goes through the same
 * checks as a file picked in the app (FileRegistry.register) and the page gets the same opaque id.
 * The name is a label only: it never chooses where the file lands.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../preload/contract/files';
import { isServiceError, toErrorInfo, type ErrorInfo } from '../services/core/errors';
import type { Logger } from '../services/core/logger';
import { filesError, toFileRef, type FileRegistry } from '../services/files/file-registry';
import type { UploadStore } from '../services/files/upload-store';
import { SECURITY_HEADERS } from './static';

export interface UploadHandlerOptions {
  token: string;
  /** This preview's origin (known once it listens). */
  origin: () => string;
  files: FileRegistry;
  store: UploadStore;
  logger: Logger;
  /** Uploads in progress at once. */
  maxConcurrent?: number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Is this request for the upload endpoint? (the server routes it here before static files) */
export function isUploadRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0];
  return path === UPLOAD_PATH;
}

export function createUploadHandler(options: UploadHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { logger } = options;
  let active = 0;
  const maxConcurrent = options.maxConcurrent ?? 4;

  const reply = (req: IncomingMessage, res: ServerResponse, status: number, body: { ok: true; value: unknown } | { ok: false; error: ErrorInfo }) => {
    if (res.headersSent) return void res.destroy();
    const text = JSON.stringify(body);
    // The body was refused before it was read: close the connection instead of reading gigabytes.
    const unread = !req.readableEnded && status !== 200;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      ...(unread ? { Connection: 'close' } : {}),
    });
    res.end(text);
    const socket = req.socket;
    if (unread) res.once('finish', () => socket?.destroySoon());
  };
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, code: string, why: string) => {
    logger.warn(`web preview: refused upload (${why})`);
    reply(req, res, status, { ok: false, error: { code } });
  };

  return async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'POST', 'Content-Length': '0' });
      return void res.end();
    }
    if (req.headers.origin !== options.origin()) return refuse(req, res, 403, 'contract.forbidden', `origin ${String(req.headers.origin).slice(0, 80)}`);
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (!sameSecret(given, options.token)) return refuse(req, res, 401, 'contract.forbidden', 'token');
    let rawName: string;
    try {
      const header = req.headers[UPLOAD_NAME_HEADER];
      rawName = typeof header === 'string' && header.length <= 3000 ? decodeURIComponent(header) : '';
    } catch {
      rawName = '';
    }
    if (!rawName) return reply(req, res, 400, { ok: false, error: filesError('files.upload_failed', undefined, 'missing file name').toInfo() });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.store.maxBytes) {
      return reply(req, res, 413, { ok: false, error: filesError('files.too_large', { name: rawName.slice(0, 80), max: Math.round(options.store.maxBytes / 1024 / 1024) }).toInfo() });
    }
    if (active >= maxConcurrent) return reply(req, res, 429, { ok: false, error: filesError('files.upload_failed', undefined, 'too many uploads at once').toInfo() });
    active++;
    let stored: { path: string; name: string } | null = null;
    try {
      stored = await options.store.receive(req, rawName);
      // Same checks as a file picked in the app; the original name is what the teacher sees.
      const file = await options.files.register(stored.path, 'uploaded', { owned: true, displayName: rawName });
      reply(req, res, 200, { ok: true, value: toFileRef(file) });
    } catch (e) {
      if (stored) await options.store.remove(stored.path);
      const info = isServiceError(e) ? e.toInfo() : filesError('files.upload_failed', undefined, toErrorInfo(e).detail).toInfo();
      const status = info.code === 'files.too_large' ? 413 : info.code === 'files.upload_failed' ? 500 : 415;
      reply(req, res, status, { ok: false, error: info });
    } finally {
      active--;
    }
  };
}
