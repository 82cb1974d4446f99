/**
 * DLNA / UPnP MediaRenderer: discovery (SSDP → device description → DeviceReport with capability
 * `dlna`) and control (AVTransport over SOAP).
 *
 * HTTP is done with node:http and `agent: false` + `Connection: close` on every request: renderers
 * built on libupnp (gmediarender, many TVs) close the connection after each reply, and a pooled
 * keep-alive socket would be reused dead ("socket hang up").
 */
import { request } from 'node:http';
import type { DeviceReport } from '../devices/report';
import type { ServiceError } from '../core/errors';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { castError } from './cast-errors';
import {
  AV_TRANSPORT_TYPE,
  buildDidlLite,
  buildSoapEnvelope,
  formatUpnpTime,
  MEDIA_RENDERER_TYPE,
  parsePositionInfo,
  parseRendererDescription,
  parseSoapFault,
  parseSoapResponse,
  parseTransportInfo,
  soapActionHeader,
  type DidlItem,
  type PositionInfo,
  type RendererDescription,
  type SoapFault,
  type TransportInfo,
} from './dlna-xml';
import { SsdpClient, type SsdpAnnouncement } from './ssdp';

const MAX_BODY = 512 * 1024;

export interface HttpReply {
  status: number;
  body: string;
}

/** One HTTP exchange on a fresh connection, bounded in time and size. */
export function httpExchange(
  url: string,
  options: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (e) {
      reject(e as Error);
      return;
    }
    if (target.protocol !== 'http:') {
      reject(new Error(`unsupported URL scheme ${target.protocol}`));
      return;
    }
    const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
    const req = request(
      target,
      {
        method: options.method,
        agent: false,
        headers: {
          Connection: 'close',
          'User-Agent': 'Node/20 UPnP/1.1 ClasseNumerique/1',
          ...(body ? { 'Content-Length': String(body.length) } : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            req.destroy(new Error('reply too large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

function isNetworkError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code);
}

/** Fetches and parses a renderer's device description. */
export async function fetchRendererDescription(location: string, timeoutMs = 4000): Promise<RendererDescription> {
  let reply: HttpReply;
  try {
    reply = await httpExchange(location, { method: 'GET', timeoutMs });
  } catch (e) {
    throw castError('cast.unreachable', { detail: `description ${location}: ${(e as Error).message}`, cause: e });
  }
  if (reply.status !== 200) throw castError('cast.protocol_error', { detail: `description ${location}: HTTP ${reply.status}` });
  try {
    return parseRendererDescription(reply.body, location);
  } catch (e) {
    throw castError('cast.protocol_error', { detail: `description ${location}: ${(e as Error).message}`, cause: e });
  }
}

/** UPnP error code → our error. `action` decides what a generic failure means. */
export function soapFaultToError(fault: SoapFault, action: string): ServiceError {
  const code = fault.upnpErrorCode;
  const detail = `${action}: UPnP ${code ?? '?'} ${fault.upnpErrorDescription || fault.faultString}`.trim();
  const params = { code: code ?? 0, description: fault.upnpErrorDescription || fault.faultString };
  if (code === 701) return castError('cast.action_refused', { params, detail });
  if (code === 710 || code === 711) return castError('cast.seek_refused', { params, detail });
  // 714 illegal MIME type, 715 content busy, 716 resource not found; any fault on SetAVTransportURI
  // means the renderer will not take the file.
  if (code === 714 || code === 715 || code === 716 || action === 'SetAVTransportURI') return castError('cast.load_failed', { params, detail });
  return castError('cast.receiver_error', { params, detail });
}

export interface DlnaRendererOptions {
  controlUrl: string;
  serviceType?: string;
  timeoutMs?: number;
  logger?: Logger;
}

/** AVTransport of one renderer (InstanceID 0). Each call is one SOAP request on a fresh connection. */
export class DlnaRenderer {
  readonly controlUrl: string;
  private readonly serviceType: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;

  constructor(options: DlnaRendererOptions) {
    this.controlUrl = options.controlUrl;
    this.serviceType = options.serviceType ?? AV_TRANSPORT_TYPE;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.log = options.logger ?? silentLogger;
  }

  static fromDescription(description: RendererDescription, options: Omit<DlnaRendererOptions, 'controlUrl' | 'serviceType'> = {}): DlnaRenderer {
    return new DlnaRenderer({ ...options, controlUrl: description.avTransportControlUrl, serviceType: description.avTransportType });
  }

  /** Sends one action; returns its output arguments or throws a ServiceError. */
  async call(action: string, args: ReadonlyArray<readonly [string, string | number]> = []): Promise<Record<string, string>> {
    const body = buildSoapEnvelope(this.serviceType, action, [['InstanceID', 0], ...args]);
    let reply: HttpReply;
    try {
      reply = await httpExchange(this.controlUrl, {
        method: 'POST',
        timeoutMs: this.timeoutMs,
        headers: { 'Content-Type': 'text/xml; charset="utf-8"', SOAPACTION: soapActionHeader(this.serviceType, action) },
        body,
      });
    } catch (e) {
      this.log.warn(`dlna ${action}: ${(e as Error).message}`);
      throw castError(isNetworkError(e) ? 'cast.unreachable' : 'cast.protocol_error', { detail: `${action}: ${(e as Error).message}`, cause: e });
    }
    let fault: SoapFault | null = null;
    try {
      fault = parseSoapFault(reply.body);
    } catch {
      throw castError('cast.protocol_error', { detail: `${action}: HTTP ${reply.status}, not a SOAP reply` });
    }
    if (fault) throw soapFaultToError(fault, action);
    if (reply.status !== 200) throw castError('cast.receiver_error', { params: { code: reply.status, description: '' }, detail: `${action}: HTTP ${reply.status}` });
    try {
      return parseSoapResponse(reply.body, action);
    } catch (e) {
      throw castError('cast.protocol_error', { detail: `${action}: ${(e as Error).message}` });
    }
  }

  async setUri(item: DidlItem): Promise<void> {
    await this.call('SetAVTransportURI', [
      ['CurrentURI', item.url],
      ['CurrentURIMetaData', buildDidlLite(item)],
    ]);
  }

  async play(): Promise<void> {
    await this.call('Play', [['Speed', '1']]);
  }

  async pause(): Promise<void> {
    await this.call('Pause');
  }

  async stop(): Promise<void> {
    await this.call('Stop');
  }

  /** Jumps to `seconds` from the start of the track (REL_TIME). */
  async seek(seconds: number): Promise<void> {
    await this.call('Seek', [
      ['Unit', 'REL_TIME'],
      ['Target', formatUpnpTime(seconds)],
    ]);
  }

  async transportInfo(): Promise<TransportInfo> {
    return parseTransportInfo(await this.call('GetTransportInfo'));
  }

  async positionInfo(): Promise<PositionInfo> {
    return parsePositionInfo(await this.call('GetPositionInfo'));
  }
}

// ---------------------------------------------------------------------------------------------------
// Discovery source

export interface DlnaDiscoveryOptions {
  /** Local IPv4 addresses to search from (one SSDP client each). */
  localAddresses: string[];
  logger?: Logger;
  /** Re-search period; renderers that boot later also announce themselves (alive). Default 60 s. */
  searchIntervalMs?: number;
  descriptionTimeoutMs?: number;
  /** Tests: SSDP port other than 1900. */
  port?: number;
}

export interface DlnaRendererSeen {
  udn: string;
  location: string;
  description: RendererDescription;
  address: string;
  lastSeen: number;
}

export type DlnaDiscoveryEvents = {
  /** For the device registry. */
  report: DeviceReport;
  /** A renderer said goodbye (ssdp:byebye): end casts to it. */
  gone: { udn: string; location: string | null };
};

/**
 * The DLNA discovery source: finds MediaRenderers and reports them to the registry as `dlna` devices
 * (identity `udn`, endpoint `dlna.location`). One description fetch per renderer and location change.
 */
export class DlnaDiscovery extends TypedEmitter<DlnaDiscoveryEvents> {
  private readonly clients: SsdpClient[] = [];
  private readonly known = new Map<string, DlnaRendererSeen>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly log: Logger;

  constructor(private readonly options: DlnaDiscoveryOptions) {
    super();
    this.log = options.logger ?? silentLogger;
  }

  /** Renderers currently known (for the CLI and for resolving a cast target). */
  renderers(): DlnaRendererSeen[] {
    return [...this.known.values()];
  }

  async start(): Promise<void> {
    for (const localAddress of this.options.localAddresses) {
      const client = new SsdpClient({ localAddress, searchTarget: MEDIA_RENDERER_TYPE, logger: this.log, port: this.options.port });
      client.on('announcement', (a) => this.onAnnouncement(a));
      try {
        await client.start();
        this.clients.push(client);
      } catch (e) {
        this.log.warn(`dlna discovery on ${localAddress}: ${(e as Error).message}`);
      }
    }
    this.search();
    const every = this.options.searchIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => this.search(), every);
      this.timer.unref();
    }
  }

  search(): void {
    for (const c of this.clients) {
      try {
        c.search();
      } catch (e) {
        this.log.warn(`dlna search: ${(e as Error).message}`);
      }
    }
  }

  /** Resolves when a renderer matching `predicate` is known, or null after `timeoutMs`. */
  waitFor(predicate: (r: DlnaRendererSeen) => boolean, timeoutMs: number): Promise<DlnaRendererSeen | null> {
    const found = this.renderers().find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const off = this.on('report', () => {
        const r = this.renderers().find(predicate);
        if (r) {
          clearTimeout(t);
          off();
          resolve(r);
        }
      });
      const t = setTimeout(() => {
        off();
        resolve(null);
      }, timeoutMs);
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const c of this.clients.splice(0)) c.stop();
  }

  private onAnnouncement(a: SsdpAnnouncement): void {
    if (a.type === 'byebye') {
      const seen = this.known.get(a.udn);
      if (!seen) return;
      this.known.delete(a.udn);
      this.log.info(`dlna renderer ${seen.description.friendlyName} said goodbye`);
      this.emit('report', { source: 'ssdp', identity: { udn: a.udn }, alive: false });
      this.emit('gone', { udn: a.udn, location: seen.location });
      return;
    }
    // NOTIFY alive comes for every embedded device and service; only renderers interest us.
    if (a.type === 'alive' && a.target !== MEDIA_RENDERER_TYPE && !/MediaRenderer/i.test(a.usn)) return;
    if (!a.location) return;
    const seen = this.known.get(a.udn);
    if (seen && seen.location === a.location) {
      seen.lastSeen = Date.now();
      this.emit('report', this.toReport(seen));
      return;
    }
    if (this.pending.has(a.location)) return;
    this.pending.add(a.location);
    const location = a.location;
    void fetchRendererDescription(location, this.options.descriptionTimeoutMs)
      .then((description) => {
        const entry: DlnaRendererSeen = { udn: description.udn, location, description, address: a.from, lastSeen: Date.now() };
        this.known.set(description.udn, entry);
        this.emit('report', this.toReport(entry));
      })
      .catch((e: unknown) => this.log.warn(`dlna: ${location}: ${(e as Error).message}`))
      .finally(() => this.pending.delete(location));
  }

  private toReport(r: DlnaRendererSeen): DeviceReport {
    let host: string | null = null;
    try {
      host = new URL(r.location).hostname;
    } catch {
      /* checked before */
    }
    return {
      source: 'ssdp',
      identity: { udn: r.udn, host, addresses: host ? [host] : [] },
      name: r.description.friendlyName,
      kind: 'screen',
      maker: r.description.manufacturer,
      model: r.description.modelName,
      capabilities: ['dlna'],
      endpoints: { dlna: { location: r.location } },
      alive: true,
    };
  }
}
