/**
 * A small DLNA renderer on loopback for integration tests: device description + AVTransport SOAP, with
 * a UPnP-ish state machine, faults where real renderers send them, and a record of every request and
 * of the TCP connection it came on. It keeps connections alive (Node's default), so a client that
 * reuses sockets would show it. (The lab uses the real gmediarender.)
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { XMLParser } from 'fast-xml-parser';

export interface RendererRequest {
  method: string;
  path: string;
  action: string | null;
  soapAction: string | null;
  connection: string | null;
  contentType: string | null;
  socket: number;
  args: Record<string, string>;
}

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, htmlEntities: true });

function fault(code: number, description: string): string {
  return `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>${code}</errorCode><errorDescription>${description}</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>`;
}

function ok(action: string, out: Record<string, string> = {}): string {
  const args = Object.entries(out)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><u:${action}Response xmlns:u="urn:schemas-upnp-org:service:AVTransport:1">${args}</u:${action}Response></s:Body></s:Envelope>`;
}

export class FakeRenderer {
  readonly requests: RendererRequest[] = [];
  readonly fetches: { url: string; status: number | null }[] = [];
  state: 'NO_MEDIA_PRESENT' | 'STOPPED' | 'PLAYING' | 'PAUSED_PLAYBACK' | 'TRANSITIONING' = 'NO_MEDIA_PRESENT';
  uri = '';
  metadata = '';
  position = 0;
  duration = 30;
  /** Faults to answer for an action (e.g. { Seek: [711, 'Illegal seek target'] }). */
  faults: Record<string, [number, string]> = {};
  /** Reply with this HTTP status and a non-SOAP body instead (broken renderers). */
  brokenReply: number | null = null;
  private sockets = new Map<Socket, number>();
  private nextSocket = 1;

  private constructor(private readonly server: Server) {}

  static async start(name = 'Téléviseur "CM2" & CE1'): Promise<FakeRenderer> {
    const server = createServer();
    const r = new FakeRenderer(server);
    server.on('connection', (s) => {
      r.sockets.set(s, r.nextSocket++);
      s.once('close', () => r.sockets.delete(s));
    });
    server.on('request', (req, res) => void r.handle(req, name).then(({ status, body }) => {
      res.writeHead(status, { 'Content-Type': 'text/xml; charset="utf-8"' });
      res.end(body);
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return r;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get location(): string {
    return `http://127.0.0.1:${this.port}/dev/description.xml`;
  }

  actions(): string[] {
    return this.requests.filter((q) => q.action).map((q) => q.action!);
  }

  private async body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private fetchMedia(url: string): Promise<void> {
    return new Promise((resolve) => {
      const req = request(url, { headers: { Range: 'bytes=0-' }, agent: false }, (res) => {
        this.fetches.push({ url, status: res.statusCode ?? null });
        res.destroy();
        resolve();
      });
      req.on('error', () => {
        this.fetches.push({ url, status: null });
        resolve();
      });
      req.end();
    });
  }

  private async handle(req: IncomingMessage, name: string): Promise<{ status: number; body: string }> {
    const text = await this.body(req);
    const soapAction = typeof req.headers['soapaction'] === 'string' ? req.headers['soapaction'] : null;
    const action = soapAction ? (/#(\w+)"?$/.exec(soapAction)?.[1] ?? null) : null;
    let args: Record<string, string> = {};
    if (text) {
      const doc = parser.parse(text) as { Envelope?: { Body?: Record<string, Record<string, string>> } };
      args = (action && doc.Envelope?.Body?.[action]) || {};
    }
    this.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      action,
      soapAction,
      connection: typeof req.headers['connection'] === 'string' ? req.headers['connection'] : null,
      contentType: typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : null,
      socket: this.sockets.get(req.socket) ?? 0,
      args,
    });
    if (req.method === 'GET' && req.url === '/dev/description.xml') {
      return {
        status: 200,
        body: `<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device><deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType><friendlyName>${name.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</friendlyName><UDN>uuid:fake-renderer</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:AVTransport:1</serviceType><serviceId>urn:upnp-org:serviceId:AVTransport</serviceId><controlURL>ctl/avt</controlURL></service></serviceList></device></root>`,
      };
    }
    if (req.method !== 'POST' || req.url !== '/dev/ctl/avt' || !action) return { status: 404, body: '' };
    if (this.brokenReply) return { status: this.brokenReply, body: '<html>oops</html>' };
    const f = this.faults[action];
    if (f) return { status: 500, body: fault(f[0], f[1]) };
    switch (action) {
      case 'SetAVTransportURI':
        this.uri = args['CurrentURI'] ?? '';
        this.metadata = args['CurrentURIMetaData'] ?? '';
        this.state = 'STOPPED';
        this.position = 0;
        return { status: 200, body: ok(action) };
      case 'Play':
        if (!this.uri) return { status: 500, body: fault(701, 'Transition not available') };
        await this.fetchMedia(this.uri);
        this.state = 'PLAYING';
        return { status: 200, body: ok(action) };
      case 'Pause':
        if (this.state !== 'PLAYING') return { status: 500, body: fault(701, 'Transition not available') };
        this.state = 'PAUSED_PLAYBACK';
        return { status: 200, body: ok(action) };
      case 'Stop':
        this.state = this.uri ? 'STOPPED' : 'NO_MEDIA_PRESENT';
        return { status: 200, body: ok(action) };
      case 'Seek': {
        const m = /^(\d+):(\d\d):(\d\d)$/.exec(args['Target'] ?? '');
        if (args['Unit'] !== 'REL_TIME' || !m) return { status: 500, body: fault(710, 'Seek mode not supported') };
        this.position = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
        return { status: 200, body: ok(action) };
      }
      case 'GetTransportInfo':
        return { status: 200, body: ok(action, { CurrentTransportState: this.state, CurrentTransportStatus: 'OK', CurrentSpeed: '1' }) };
      case 'GetPositionInfo': {
        const t = (s: number) => `0:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
        return { status: 200, body: ok(action, { Track: '1', TrackDuration: t(this.duration), RelTime: t(this.position), TrackURI: this.uri.replace(/&/g, '&amp;') }) };
      }
      default:
        return { status: 500, body: fault(401, 'Invalid Action') };
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
