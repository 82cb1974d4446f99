/**
 * The web preview: the built renderer over HTTP and the contract over a WebSocket, on 127.0.0.1 only.
 * The WebSocket requires the per-run random token (given to the page in the URL fragment, never
 * logged by the server) and the exact Origin of this server; everything else is refused before the
 * upgrade. Calls go through the same dispatcher as Electron IPC, so the renderer cannot tell them apart.
 *
 * Messages (JSON):  page → server  {"t":"call","id":<n>,"channel":"devices.list","input":…}
 *                   server → page  {"t":"result","id":<n>,"result":{"ok":true,"value":…}}
 *                                  {"t":"event","event":"devices.changed","payload":…}
 *
 * Chosen files arrive over HTTP, not the WebSocket: `POST /files` with the same token (as a Bearer
 * header) and Origin check, streamed to disk with a size cap (upload.ts, docs/security.md).
 */
import { createServer, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES, LIMITS } from '../../preload/contract';
import { checkEvent } from '../rpc/dispatcher';
import type { Host } from '../host';
import type { Logger } from '../services/core/logger';
import { serveStatic } from './static';
import { createUploadHandler, isUploadRequest } from './upload';

export const RPC_PATH = '/rpc';
/**
 * The largest call is a profile import (up to LIMITS.file characters of text); JSON escaping of quotes
 * and newlines makes it longer, twice is ample. Loopback only, token and Origin checked first.
 */
const MAX_MESSAGE_BYTES = 2 * LIMITS.file + 64 * 1024;
const MAX_CLIENTS = 8;

export interface WebPreviewOptions {
  host: Host;
  rendererDir: string;
  /** 0 (default) = a random free port. */
  port?: number;
  /** A fixed token for tests; random by default. */
  token?: string;
  logger: Logger;
}

export interface WebPreview {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebPreview(options: WebPreviewOptions): Promise<WebPreview> {
  const { host, rendererDir, logger } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  // Chosen files come in as uploads (a browser page has no file path): see upload.ts.
  const uploads = host.services.files.uploads;
  const upload = uploads ? createUploadHandler({ token, origin: () => origin, files: host.services.files.registry, store: uploads, logger }) : null;
  const server = createServer((req, res) => {
    if (upload && isUploadRequest(req)) {
      upload(req, res).catch((e: unknown) => {
        logger.error(`upload: ${String(e)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    serveStatic(rendererDir, req, res).catch((e: unknown) => {
      logger.error(`static: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Only ever loopback: the preview exposes the whole contract.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, why: string) => {
      logger.warn(`web preview: refused WebSocket (${why})`);
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return refuse(400, 'bad url');
    }
    if (url.pathname !== RPC_PATH) return refuse(403, 'path');
    if (req.headers.origin !== origin) return refuse(403, `origin ${String(req.headers.origin).slice(0, 80)}`);
    const given = url.searchParams.get('token') ?? '';
    if (!sameToken(given, token)) return refuse(401, 'token');
    if (clients.size >= MAX_CLIENTS) return refuse(403, 'too many clients');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const unsubscribers = EVENT_NAMES.map((event) =>
    host.events.on(event, (payload) => {
      const checked = checkEvent(event, payload, logger);
      if (checked === null) return;
      const message = JSON.stringify({ t: 'event', event, payload: checked });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(message);
    }),
  );

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      if (!msg || typeof msg !== 'object') return ws.close(1007, 'invalid message');
      const { t, id, channel, input } = msg as Record<string, unknown>;
      if (t !== 'call' || typeof id !== 'number' || !Number.isSafeInteger(id)) return ws.close(1007, 'invalid message');
      void host.dispatcher.dispatch(channel, input, { transport: 'web' }).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id, result }));
      });
    });
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    server,
    async close() {
      for (const u of unsubscribers) u();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Uploaded copies are removed when the preview stops.
      await uploads?.dispose();
    },
  };
}
