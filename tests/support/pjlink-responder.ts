/**
 * TEST ONLY — a minimal PJLink class 1/2 device (or many) for discovery tests: answers `%2SRCH` on UDP
 * with `%2ACKN=<mac>` from each device's own address, and on TCP greets and answers NAME, INF1, INF2,
 * CLSS, INST, INNM, POWR. It also plays the faulty devices discovery must survive: one that answers the
 * search but refuses TCP, one that accepts TCP and never speaks.
 *
 * The lead replaces it with the projector simulator (main/services/simulator) when merging; keep the
 * options small.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';

export interface FakeProjector {
  /** The address this device answers from (must exist on the machine / namespace). */
  address: string;
  mac: string;
  name?: string;
  maker?: string;
  model?: string;
  pjlinkClass?: 1 | 2;
  inputs?: { code: string; name: string }[];
  password?: string | null;
  /** normal: speaks PJLink; refuse: nothing listens (RST); silent: accepts and never says a word. */
  tcp?: 'normal' | 'refuse' | 'silent';
  /** Where the ACKN goes: the search's source port, port 4352, or nowhere (a class-1 device). */
  udpReply?: 'source-port' | 'fixed-port' | 'none';
  /** Delay before answering the search (real devices take up to seconds). */
  replyDelayMs?: number;
}

export interface ResponderOptions {
  devices: FakeProjector[];
  /** UDP port the search arrives on (4352). */
  udpPort?: number;
  /** Address the UDP search socket binds ("0.0.0.0" to receive broadcasts). */
  udpBindAddress?: string;
  /** 0 = a free port (see Responder.tcpPort). */
  tcpPort?: number;
  /** The "fixed" port ACKNs go to in 'fixed-port' mode (4352). */
  fixedReplyPort?: number;
}

export interface Responder {
  readonly udpPort: number;
  readonly tcpPort: number;
  /** Number of %2SRCH datagrams received. */
  readonly searches: number;
  close(): Promise<void>;
}

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

function serveProjector(device: FakeProjector, socket: Socket): void {
  const random = device.password ? randomBytes(4).toString('hex') : null;
  let authenticated = !device.password;
  socket.setNoDelay(true);
  socket.on('error', () => {});
  socket.write(random ? `PJLINK 1 ${random}\r` : 'PJLINK 0\r');
  let buffer = '';
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    if (buffer.length > 4096) return socket.destroy();
    let cr: number;
    while ((cr = buffer.indexOf('\r')) >= 0) {
      let line = buffer.slice(0, cr);
      buffer = buffer.slice(cr + 1);
      if (!authenticated) {
        if (line.slice(0, 32) !== md5(random! + device.password!)) {
          socket.end('PJLINK ERRA\r');
          return;
        }
        authenticated = true;
        line = line.slice(32);
      }
      socket.write(answer(device, line));
    }
  });
}

function answer(device: FakeProjector, line: string): string {
  const m = /^%([12])([A-Z0-9]{4}) ?(.*)$/i.exec(line);
  if (!m) return '%1ERR1\r';
  const [, cls, rawCmd, param] = m;
  const cmd = rawCmd!.toUpperCase();
  const head = `%${cls}${cmd}=`;
  const inputs = device.inputs ?? [
    { code: '11', name: 'Ordinateur' },
    { code: '31', name: 'HDMI 1' },
  ];
  switch (cmd) {
    case 'NAME':
      return `${head}${device.name ?? ''}\r`;
    case 'INF1':
      return `${head}${device.maker ?? ''}\r`;
    case 'INF2':
      return `${head}${device.model ?? ''}\r`;
    case 'CLSS':
      return `${head}${device.pjlinkClass ?? 2}\r`;
    case 'INST':
      return `${head}${inputs.map((i) => i.code).join(' ')}\r`;
    case 'INNM': {
      const code = (param ?? '').replace('?', '').trim();
      const input = inputs.find((i) => i.code === code);
      return input ? `${head}${input.name}\r` : `${head}ERR2\r`;
    }
    case 'POWR':
      return `${head}${param === '?' ? '0' : 'OK'}\r`;
    default:
      return `${head}ERR1\r`;
  }
}

function bindUdp(address: string, port: number, reuseAddr: boolean): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr });
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      resolve(socket);
    });
  });
}

export async function startPjlinkResponder(options: ResponderOptions): Promise<Responder> {
  const udpPort = options.udpPort ?? 4352;
  // 0: the first device's server picks a free port, the others use the same one on their address.
  let tcpPort = options.tcpPort ?? 4352;
  const fixedReplyPort = options.fixedReplyPort ?? 4352;
  const servers: Server[] = [];
  const replySockets = new Map<string, UdpSocket>();
  let searches = 0;

  for (const device of options.devices) {
    if (!replySockets.has(device.address)) replySockets.set(device.address, await bindUdp(device.address, 0, false));
    const mode = device.tcp ?? 'normal';
    if (mode === 'refuse') continue;
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      if (mode === 'silent') {
        socket.on('error', () => {});
        return;
      }
      serveProjector(device, socket);
    });
    (server as Server & { _sockets?: Set<Socket> })._sockets = sockets;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(tcpPort, device.address, () => resolve());
    });
    if (tcpPort === 0) tcpPort = (server.address() as { port: number }).port;
    servers.push(server);
  }

  const udp = await bindUdp(options.udpBindAddress ?? '0.0.0.0', udpPort, true);
  udp.on('message', (msg, rinfo) => {
    if (!msg.toString('latin1').toUpperCase().startsWith('%2SRCH')) return;
    searches++;
    for (const device of options.devices) {
      const mode = device.udpReply ?? 'source-port';
      if (mode === 'none') continue;
      const port = mode === 'fixed-port' ? fixedReplyPort : rinfo.port;
      const send = () => replySockets.get(device.address)?.send(Buffer.from(`%2ACKN=${device.mac}\r`, 'latin1'), port, rinfo.address);
      if (device.replyDelayMs) setTimeout(send, device.replyDelayMs).unref();
      else send();
    }
  });

  return {
    udpPort: udp.address().port,
    get tcpPort() {
      return tcpPort;
    },
    get searches() {
      return searches;
    },
    async close() {
      await new Promise<void>((r) => udp.close(() => r()));
      for (const s of replySockets.values()) await new Promise<void>((r) => s.close(() => r()));
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((r) => {
              for (const s of (server as Server & { _sockets?: Set<Socket> })._sockets ?? []) s.destroy();
              server.close(() => r());
            }),
        ),
      );
    },
  };
}
