/**
 * SSDP (UPnP discovery) for DLNA renderers: M-SEARCH from one local address, NOTIFY alive/byebye
 * listening on UDP 1900.
 *
 * Hand-written rather than node-ssdp (checked: 4.0.1) because its client (1) only sees M-SEARCH replies
 * (it never listens on 1900, so it cannot see a renderer's byebye, which we need to end a cast when a
 * screen goes away), (2) sends M-SEARCH without choosing the multicast interface, so on a laptop with
 * Wi-Fi + VPN the query leaves by the default route, (3) rethrows addMembership failures from a
 * promise (an unhandled rejection when an interface disappears — the Electron main process would die),
 * and (4) pulls `ip@1`, which carries an unfixed advisory (CVE-2024-29415). The protocol part we need
 * is two text messages over UDP.
 */
import { createSocket, type Socket } from 'node:dgram';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';

export const SSDP_ADDRESS = '239.255.255.250';
export const SSDP_PORT = 1900;

export interface SsdpMessage {
  kind: 'response' | 'notify' | 'search';
  /** Header names lower-cased; values trimmed. */
  headers: Record<string, string>;
}

/** Parses one SSDP datagram (HTTP-over-UDP). Null for anything else. Pure. */
export function parseSsdpMessage(data: Buffer | string): SsdpMessage | null {
  const textValue = typeof data === 'string' ? data : data.toString('utf8', 0, Math.min(data.length, 8192));
  const lines = textValue.split(/\r?\n/);
  const start = (lines.shift() ?? '').trim();
  let kind: SsdpMessage['kind'];
  if (/^HTTP\/1\.[01] 200\b/i.test(start)) kind = 'response';
  else if (/^NOTIFY \* HTTP\/1\.[01]$/i.test(start)) kind = 'notify';
  else if (/^M-SEARCH \* HTTP\/1\.[01]$/i.test(start)) kind = 'search';
  else return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    if (line.trim() === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name.length > 64 || Object.keys(headers).length >= 40) continue;
    headers[name] = line.slice(colon + 1).trim().slice(0, 1024);
  }
  return { kind, headers };
}

/** An M-SEARCH request. `mx`: seconds devices may wait before answering (1–5). Pure. */
export function buildMSearch(searchTarget: string, mx = 2): string {
  return [
    'M-SEARCH * HTTP/1.1',
    `HOST: ${SSDP_ADDRESS}:${SSDP_PORT}`,
    'MAN: "ssdp:discover"',
    `MX: ${Math.min(5, Math.max(1, Math.round(mx)))}`,
    `ST: ${searchTarget}`,
    'USER-AGENT: Node/20 UPnP/1.1 ClasseNumerique/1',
    '',
    '',
  ].join('\r\n');
}

export interface SsdpAnnouncement {
  /** response: answer to our M-SEARCH; alive / byebye: NOTIFY. */
  type: 'response' | 'alive' | 'byebye';
  /** ST (response) or NT (notify). */
  target: string;
  usn: string;
  /** "uuid:…" part of the USN. */
  udn: string;
  /** Description URL (absent in byebye). */
  location: string | null;
  /** Seconds, from CACHE-CONTROL max-age. */
  maxAge: number | null;
  server: string;
  from: string;
}

/** Turns a parsed message into an announcement, or null (M-SEARCH from others, malformed). Pure. */
export function toAnnouncement(msg: SsdpMessage, from: string): SsdpAnnouncement | null {
  const h = msg.headers;
  let type: SsdpAnnouncement['type'];
  if (msg.kind === 'response') type = 'response';
  else if (msg.kind === 'notify' && h['nts'] === 'ssdp:alive') type = 'alive';
  else if (msg.kind === 'notify' && h['nts'] === 'ssdp:byebye') type = 'byebye';
  else return null;
  const usn = h['usn'] ?? '';
  const udn = /^(uuid:[^:]+)/i.exec(usn)?.[1] ?? '';
  if (!udn) return null;
  const location = h['location'] ?? null;
  if (type !== 'byebye' && !(location && /^https?:\/\//i.test(location))) return null;
  const maxAge = /max-age\s*=\s*(\d+)/i.exec(h['cache-control'] ?? '')?.[1];
  return {
    type,
    target: (type === 'response' ? h['st'] : h['nt']) ?? '',
    usn,
    udn,
    location: type === 'byebye' ? null : location,
    maxAge: maxAge ? Number(maxAge) : null,
    server: h['server'] ?? '',
    from,
  };
}

export interface SsdpClientOptions {
  /** The laptop address (on the classroom network) to search from and to join the group on. */
  localAddress: string;
  /** M-SEARCH ST. */
  searchTarget: string;
  logger?: Logger;
  /** Also listen for NOTIFY on UDP 1900 (alive/byebye). Default true. Failure to bind is not fatal. */
  listenForNotify?: boolean;
  /** Tests: another port than 1900 for NOTIFY and as M-SEARCH destination. */
  port?: number;
}

export type SsdpClientEvents = { announcement: SsdpAnnouncement };

export class SsdpClient extends TypedEmitter<SsdpClientEvents> {
  private searchSocket: Socket | null = null;
  private notifySocket: Socket | null = null;
  private readonly log: Logger;
  private readonly port: number;

  constructor(private readonly options: SsdpClientOptions) {
    super();
    this.log = options.logger ?? silentLogger;
    this.port = options.port ?? SSDP_PORT;
  }

  get listeningForNotify(): boolean {
    return this.notifySocket !== null;
  }

  async start(): Promise<void> {
    if (this.searchSocket) return;
    const { localAddress } = this.options;
    const search = createSocket({ type: 'udp4' });
    search.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address));
    search.on('error', (e) => this.log.warn(`ssdp search socket on ${localAddress}: ${e.message}`));
    await new Promise<void>((resolve, reject) => {
      search.once('error', reject);
      search.bind(0, localAddress, () => {
        search.off('error', reject);
        resolve();
      });
    });
    // Send the query out of this interface, not the default route's.
    search.setMulticastInterface(localAddress);
    search.setMulticastTTL(2);
    this.searchSocket = search;

    if (this.options.listenForNotify !== false) {
      const notify = createSocket({ type: 'udp4', reuseAddr: true });
      notify.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address));
      try {
        await new Promise<void>((resolve, reject) => {
          notify.once('error', reject);
          notify.bind(this.port, () => {
            notify.off('error', reject);
            resolve();
          });
        });
        notify.addMembership(SSDP_ADDRESS, localAddress);
        notify.on('error', (e) => this.log.warn(`ssdp notify socket: ${e.message}`));
        this.notifySocket = notify;
      } catch (e) {
        // Windows' SSDP service may hold 1900: we still find renderers by searching, only byebye is missed.
        this.log.warn(`ssdp: cannot listen for announcements on ${this.port} (${(e as Error).message}); searching only`);
        notify.close();
      }
    }
  }

  /** Sends M-SEARCH (twice, UDP may drop one). Answers arrive as `announcement` events. */
  search(mx = 2): void {
    const socket = this.searchSocket;
    if (!socket) throw new Error('SsdpClient not started');
    const message = Buffer.from(buildMSearch(this.options.searchTarget, mx));
    const send = () => {
      if (this.searchSocket !== socket) return;
      socket.send(message, this.port, SSDP_ADDRESS, (e) => {
        if (e) this.log.warn(`ssdp search from ${this.options.localAddress}: ${e.message}`);
      });
    };
    send();
    setTimeout(send, 150).unref();
  }

  stop(): void {
    for (const s of [this.searchSocket, this.notifySocket]) {
      try {
        s?.close();
      } catch {
        /* already closed */
      }
    }
    this.searchSocket = null;
    this.notifySocket = null;
  }

  private onMessage(data: Buffer, from: string): void {
    const msg = parseSsdpMessage(data);
    if (!msg) return;
    const announcement = toAnnouncement(msg, from);
    if (announcement) this.emit('announcement', announcement);
  }
}
