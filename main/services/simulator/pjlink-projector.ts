/**
 * A simulated PJLink projector that speaks the real protocol over real sockets: TCP 4352-style control
 * (class 1 or class 2, optional password), UDP search replies (ACKN) and notifications (LKUP, POWR,
 * ERST, INPT, AVMT). Used by the demo classroom, `classe simulate`, the tests and the benchmark.
 *
 * It behaves like the devices found in schools rather than like the spec's happy path: warm-up and
 * cooling delays with ERR3 meanwhile, one TCP client at a time, idle close after ~30 s, lamp and filter
 * hours, injectable component errors (a temperature error shuts the lamp down), and quirk modes seen in
 * the field (CLSS `Class 1` / `Version1`, lower-case replies, a last reply without CR, trailing junk,
 * AVMT 11/21 refused, input and mute told or refused in standby, mute kept across power-on). Faults for
 * tests: greet-then-silent, no greeting, close mid-reply, garbage.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { authDigest, splitDigest } from '../pjlink/auth';
import {
  decodeUdpLine,
  encodeErrors,
  ERROR_COMPONENTS,
  LineSplitter,
  normalizeInputCode,
  PJLINK_PORT,
  type ErrorComponent,
  type ErrorLevel,
  type ErrorStatus,
  type MuteState,
  type PjlinkClass,
  type PowerState,
} from '../pjlink/codec';

export interface SimulatedInput {
  /** PJLink code, e.g. "31". */
  code: string;
  /** INNM name (class 2), e.g. "HDMI 1". */
  name?: string;
  /** What arrives on this input: a resolution, or null for no signal. */
  signal?: { width: number; height: number } | null;
}

export interface SimulatorQuirks {
  /** CLSS reply text instead of the digit ("Class 1" Optoma, "Version1" BenQ). */
  clss?: string | null;
  /** Whole reply lines in lower case. */
  lowerCase?: boolean;
  /** Answer without the final CR and close the connection after each reply. */
  missingFinalCr?: boolean;
  /** NUL and spaces after each reply, before CR. */
  trailingJunk?: boolean;
  /** AVMT 11/21 (video-only / audio-only) answered ERR2, as some models do. */
  rejectPartialMute?: boolean;
  /**
   * `INPT ?` and `AVMT ?` in standby. PJLink only says ERR3 means "unavailable now", and devices differ:
   * 'err3' (default, Epson-like) or 'answer' with the stored input and mute (several NEC, Panasonic and
   * Sony models).
   */
  standbyQueries?: 'err3' | 'answer';
  /** `INPT x` and `AVMT x` in standby: 'err3' (default) or 'accept' (stored for the next power-on). */
  standbyCommands?: 'err3' | 'accept';
  /**
   * AV mute survives standby and power-on, as on many models (the picture stays black after switching
   * on). Default false: powering off or on clears it.
   */
  muteSurvivesPowerOn?: boolean;
}

/** Faults a test or a trainer can switch on. */
export type SimulatorFault = 'silent' | 'no-greeting' | 'close-mid-reply' | 'garbage';

export interface SimulatedProjectorOptions {
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** TCP port (default 0: a free port). */
  port?: number;
  pjlinkClass?: PjlinkClass;
  password?: string | null;
  name?: string;
  manufacturer?: string;
  model?: string;
  otherInfo?: string;
  serialNumber?: string;
  softwareVersion?: string;
  mac?: string;
  inputs?: SimulatedInput[];
  /** Current input code (default: the first). */
  input?: string;
  power?: 'standby' | 'on';
  /** Warm-up (state 3) and cooling (state 2) durations; short values for tests. */
  warmupMs?: number;
  coolingMs?: number;
  /** After reaching "on", input/mute/freeze commands still answer ERR3 for this long (an ERR3 storm). */
  settleMs?: number;
  /** 'refuse': a second client is dropped at once; 'replace': it takes over; false: many clients. */
  singleClient?: false | 'refuse' | 'replace';
  /** Close a connection idle for this long (default 30 s; 0 = never). */
  idleCloseMs?: number;
  /** Lamp hours; null = no lamp (laser/LED: LAMP answers ERR1). */
  lampHours?: number | null;
  lampCount?: number;
  /** Filter hours; null = no filter (FILT answers ERR1). */
  filterHours?: number | null;
  replacementLamp?: string;
  replacementFilter?: string;
  quirks?: SimulatorQuirks;
  /** Delay before each reply (a slow device). */
  responseDelayMs?: number;
  /**
   * Class 2 UDP: the port to listen on for SRCH (0 = a free port; null/undefined = no UDP socket).
   * `replyTo` says where ACKN goes: the sender's port, the PJLink port (`pjlinkPort`, default 4352) of
   * the sender's address, or both (devices differ).
   */
  udp?: {
    port: number;
    replyTo?: 'source' | 'pjlink-port' | 'both';
    pjlinkPort?: number;
    /**
     * Also receive searches sent to this broadcast address (e.g. "10.1.2.255"). On Linux a socket bound
     * to one unicast address never sees broadcasts, and several simulated devices sharing one machine
     * cannot all bind 0.0.0.0:4352; so each binds the subnet's broadcast address as well (shared, with
     * SO_REUSEADDR) and answers from its own address, as a real device on the LAN does.
     */
    broadcast?: string;
  } | null;
  /** Where class 2 notifications go (the controller configured on the projector). */
  notify?: { host: string; port: number } | null;
  logger?: Logger;
}

export interface SimulatorSnapshot {
  power: PowerState;
  input: string;
  mute: MuteState;
  freeze: boolean;
  errors: ErrorStatus;
  lampHours: number | null;
  filterHours: number | null;
  speakerVolume: number;
  microphoneVolume: number;
  networkUp: boolean;
  fault: SimulatorFault | null;
  clients: number;
}

export interface SimulatorEvents extends Record<string, unknown> {
  /** Every request line received (without the digest), for tests. */
  command: { line: string; reply: string };
  power: PowerState;
  connection: { accepted: boolean; reason?: string };
  'auth-failed': undefined;
}

const POWER_CODES: Record<PowerState, string> = { standby: '0', on: '1', cooling: '2', warming: '3' };
const CLASS2_ONLY = new Set(['SNUM', 'SVER', 'INNM', 'IRES', 'RRES', 'FILT', 'RLMP', 'RFIL', 'SVOL', 'MVOL', 'FREZ']);
const DEFAULT_INPUTS: SimulatedInput[] = [
  { code: '11', name: 'Ordinateur', signal: null },
  { code: '31', name: 'HDMI 1', signal: { width: 1920, height: 1080 } },
  { code: '32', name: 'HDMI 2', signal: null },
  { code: '52', name: 'LAN', signal: null },
];

export class SimulatedProjector extends TypedEmitter<SimulatorEvents> {
  readonly pjlinkClass: PjlinkClass;
  readonly mac: string;
  readonly info: { name: string; manufacturer: string; model: string; otherInfo: string; serialNumber: string; softwareVersion: string };

  private server: Server | null = null;
  private udp: UdpSocket | null = null;
  private udpBroadcast: UdpSocket | null = null;
  private readonly clients = new Set<Socket>();
  private host: string;
  private port: number;
  private udpPort: number | null = null;
  private password: string | null;
  private quirks: SimulatorQuirks;
  private fault: SimulatorFault | null = null;
  private networkUp = true;
  private started = false;

  private power: PowerState;
  private input: string;
  private mute: MuteState = { video: false, audio: false };
  private freeze = false;
  private errors: ErrorStatus = { fan: 'ok', lamp: 'ok', temperature: 'ok', cover: 'ok', filter: 'ok', other: 'ok' };
  private readonly inputs: SimulatedInput[];
  private lampHoursBase: number | null;
  private filterHoursBase: number | null;
  private onSince: number | null = null;
  private onMsTotal = 0;
  private speakerVolume = 10;
  private microphoneVolume = 10;
  private transitionTimer: NodeJS.Timeout | null = null;
  private onAt = 0;
  private readonly log: Logger;
  private commandCount = 0;
  private connectionCount = 0;

  constructor(private readonly options: SimulatedProjectorOptions = {}) {
    super();
    this.pjlinkClass = options.pjlinkClass ?? 2;
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.password = options.password ?? null;
    this.quirks = { ...options.quirks };
    this.mac = (options.mac ?? randomMac()).toLowerCase();
    this.info = {
      name: options.name ?? 'Vidéoprojecteur',
      manufacturer: options.manufacturer ?? 'Simulateur',
      model: options.model ?? 'PJ-2000',
      otherInfo: options.otherInfo ?? '',
      serialNumber: options.serialNumber ?? `SIM${this.mac.replace(/:/g, '').slice(-6).toUpperCase()}`,
      softwareVersion: options.softwareVersion ?? '1.04',
    };
    this.inputs = (options.inputs ?? DEFAULT_INPUTS).map((i) => ({ ...i, code: normalizeInputCode(i.code) ?? i.code }));
    this.input = normalizeInputCode(options.input ?? '') ?? this.inputs[0]?.code ?? '31';
    this.power = options.power === 'on' ? 'on' : 'standby';
    if (this.power === 'on') this.onSince = Date.now();
    this.lampHoursBase = options.lampHours === undefined ? 1200 : options.lampHours;
    this.filterHoursBase = options.filterHours === undefined ? (this.pjlinkClass === 2 ? 300 : null) : options.filterHours;
    this.log = (options.logger ?? silentLogger).child('simulator');
  }

  // ---------------------------------------------------------------------------------------------
  // Life cycle

  async start(): Promise<{ host: string; port: number; udpPort: number | null }> {
    if (this.started) return this.address;
    this.started = true;
    await this.listenTcp();
    const udp = this.options.udp;
    if (udp && this.pjlinkClass === 2) await this.listenUdp(udp.port);
    this.notify(`%2LKUP=${this.mac}`);
    return this.address;
  }

  get address(): { host: string; port: number; udpPort: number | null } {
    return { host: this.host, port: this.port, udpPort: this.udpPort };
  }

  get stats(): { connections: number; commands: number } {
    return { connections: this.connectionCount, commands: this.commandCount };
  }

  async stop(): Promise<void> {
    this.started = false;
    this.clearTransition();
    await this.closeTcp();
    for (const udp of [this.udp, this.udpBroadcast]) if (udp) await new Promise<void>((resolve) => udp.close(() => resolve()));
    this.udp = null;
    this.udpBroadcast = null;
    this.removeAll();
  }

  // ---------------------------------------------------------------------------------------------
  // Control API (tests, trainer panel, CLI)

  snapshot(): SimulatorSnapshot {
    return {
      power: this.power,
      input: this.input,
      mute: { ...this.mute },
      freeze: this.freeze,
      errors: { ...this.errors },
      lampHours: this.lampHours(),
      filterHours: this.filterHours(),
      speakerVolume: this.speakerVolume,
      microphoneVolume: this.microphoneVolume,
      networkUp: this.networkUp,
      fault: this.fault,
      clients: this.clients.size,
    };
  }

  /** Sets the power state at once (no transition). */
  setPower(power: PowerState): void {
    this.clearTransition();
    this.changePower(power);
  }

  setError(component: ErrorComponent, level: ErrorLevel): void {
    const before = encodeErrors(this.errors);
    this.errors = { ...this.errors, [component]: level };
    if (encodeErrors(this.errors) === before) return;
    this.notify(`%2ERST=${encodeErrors(this.errors)}`);
    // A lamp, temperature or fan error makes a real projector shut its lamp down by itself.
    if (level === 'error' && (component === 'lamp' || component === 'temperature' || component === 'fan')) {
      if (this.power === 'on' || this.power === 'warming') this.startCooling();
    }
  }

  clearErrors(): void {
    const before = encodeErrors(this.errors);
    for (const c of ERROR_COMPONENTS) this.errors[c] = 'ok';
    if (encodeErrors(this.errors) !== before) this.notify(`%2ERST=${encodeErrors(this.errors)}`);
  }

  /** What arrives on an input (null = no signal: the laptop is unplugged). */
  setSignal(code: string, signal: { width: number; height: number } | null): void {
    const input = this.inputs.find((i) => i.code === normalizeInputCode(code));
    if (input) input.signal = signal;
  }

  setPassword(password: string | null): void {
    this.password = password;
  }

  setQuirks(quirks: SimulatorQuirks): void {
    this.quirks = { ...this.quirks, ...quirks };
  }

  /** The PJLink codes of the inputs (INST order). */
  inputCodes(): string[] {
    return this.inputs.map((i) => i.code);
  }

  /** Back to the quirks given at construction (the trainer's « Tout réparer »). */
  resetQuirks(): void {
    this.quirks = { ...this.options.quirks };
  }

  /** Switches the input at once, whatever the power state (someone used the remote before leaving). */
  setInput(code: string): void {
    const normalized = normalizeInputCode(code);
    if (!normalized || !this.inputs.some((i) => i.code === normalized) || normalized === this.input) return;
    this.input = normalized;
    this.freeze = false;
    this.notify(`%2INPT=${normalized}`);
  }

  /** Sets the AV mute at once, whatever the power state. */
  setMute(mute: MuteState): void {
    if (mute.video === this.mute.video && mute.audio === this.mute.audio) return;
    this.mute = { ...mute };
    this.notify(`%2AVMT=${muteCode(this.mute)}`);
  }

  setFault(fault: SimulatorFault | null): void {
    this.fault = fault;
  }

  setLampHours(hours: number | null): void {
    this.lampHoursBase = hours;
    this.onMsTotal = 0;
    if (this.onSince !== null) this.onSince = Date.now();
  }

  setFilterHours(hours: number | null): void {
    this.filterHoursBase = hours;
  }

  /** Closes every open TCP connection, as a projector does after its idle time. */
  dropClients(): void {
    for (const socket of this.clients) socket.destroy();
    this.clients.clear();
  }

  /** "Unplugs" the network cable: connections refused, UDP silent; `true` plugs it back (same port). */
  async setNetwork(up: boolean): Promise<void> {
    if (up === this.networkUp) return;
    this.networkUp = up;
    if (!this.started) return;
    if (up) {
      await this.listenTcp();
      this.notify(`%2LKUP=${this.mac}`);
    } else {
      await this.closeTcp();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // TCP

  private async listenTcp(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = 64;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.host, port: this.port, backlog: 511 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (e) => this.log.warn(`server error: ${e.message}`));
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  private async closeTcp(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropClients();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.on('error', () => {});
    socket.setNoDelay(true);
    if (!this.networkUp) {
      socket.destroy();
      return;
    }
    const single = this.options.singleClient ?? 'refuse';
    if (single && this.clients.size > 0) {
      if (single === 'refuse') {
        this.emit('connection', { accepted: false, reason: 'busy' });
        socket.destroy();
        return;
      }
      this.dropClients();
    }
    this.connectionCount++;
    this.clients.add(socket);
    this.emit('connection', { accepted: true });
    socket.on('close', () => this.clients.delete(socket));

    const random = randomBytes(4).toString('hex');
    let authenticated = this.password === null;
    const password = this.password;
    const splitter = new LineSplitter(512);
    let idleTimer: NodeJS.Timeout | null = null;
    const idleMs = this.options.idleCloseMs ?? 30_000;
    const touch = () => {
      if (idleTimer) clearTimeout(idleTimer);
      if (idleMs > 0) idleTimer = setTimeout(() => this.hangUp(socket), idleMs);
    };
    socket.on('close', () => {
      if (idleTimer) clearTimeout(idleTimer);
    });
    touch();

    if (this.fault === 'no-greeting') return;
    socket.write(password === null ? 'PJLINK 0\r' : `PJLINK 1 ${random}\r`);

    // Lines are answered one after the other, even if the client pipelines them.
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      touch();
      for (const raw of splitter.push(chunk)) {
        chain = chain.then(async () => {
          if (socket.destroyed) return;
          let line = raw;
          if (!authenticated) {
            const { digest, rest } = splitDigest(raw);
            if (!password || digest !== authDigest(random, password)) {
              this.emit('auth-failed', undefined);
              this.hangUp(socket, 'PJLINK ERRA\r');
              return;
            }
            authenticated = true;
            line = rest;
          }
          await this.answer(socket, line);
        });
      }
    });
  }

  private async answer(socket: Socket, line: string): Promise<void> {
    if (this.fault === 'silent') return;
    const delay = this.options.responseDelayMs ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (socket.destroyed) return;
    this.commandCount++;
    const reply = this.handle(line);
    this.emit('command', { line, reply });
    if (this.fault === 'garbage') {
      socket.write('\u0000\u00ff%%%=?\r#\r%9XXXX\r');
      return;
    }
    let out = this.quirks.lowerCase ? reply.toLowerCase() : reply;
    if (this.quirks.trailingJunk) out += ' \u0000 ';
    if (this.fault === 'close-mid-reply') {
      socket.write(out.slice(0, Math.max(1, Math.floor(out.length / 2))), 'utf8');
      socket.destroy();
      return;
    }
    if (this.quirks.missingFinalCr) {
      this.hangUp(socket, out);
      return;
    }
    socket.write(`${out}\r`, 'utf8');
  }

  /** Closes a connection from the projector's side; it no longer counts as the single client. */
  private hangUp(socket: Socket, last?: string): void {
    this.clients.delete(socket);
    if (last !== undefined) socket.end(last, 'utf8');
    else socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  /** One request line → the reply line (without CR). Exposed for unit tests of the simulator itself. */
  handle(line: string): string {
    const m = /^%([12])([A-Za-z0-9]{4})(?: (.*))?$/.exec(line.trim());
    if (!m) return `%1${(line.slice(2, 6) || 'XXXX').toUpperCase()}=ERR1`;
    const cls = Number(m[1]) as PjlinkClass;
    const command = m[2]!.toUpperCase();
    const parameter = (m[3] ?? '').trim();
    const head = `%${cls}${command}=`;
    if (cls === 2 && this.pjlinkClass === 1) return `${head}ERR1`;
    if (cls === 1 && CLASS2_ONLY.has(command)) return `${head}ERR1`;
    const isQuery = parameter.startsWith('?');
    try {
      return head + this.command(cls, command, parameter, isQuery);
    } catch {
      return `${head}ERR4`;
    }
  }

  private command(cls: PjlinkClass, command: string, parameter: string, isQuery: boolean): string {
    const settling = this.power === 'on' && Date.now() - this.onAt < (this.options.settleMs ?? 0);
    if (settling && ['INPT', 'AVMT', 'FREZ', 'IRES'].includes(command)) return 'ERR3';
    const on = this.power === 'on';
    // INPT and AVMT in standby: ERR3 unless this model tells (queries) or stores (commands) them.
    const inStandby = this.power === 'standby' && (isQuery ? this.quirks.standbyQueries === 'answer' : this.quirks.standbyCommands === 'accept');
    switch (command) {
      case 'POWR':
        if (isQuery) return POWER_CODES[this.power];
        if (parameter === '1') return this.powerOn();
        if (parameter === '0') return this.powerOff();
        return 'ERR2';
      case 'INPT': {
        if (!on && !inStandby) return 'ERR3';
        if (isQuery) return this.input;
        const code = normalizeInputCode(parameter);
        if (!code || !this.inputs.some((i) => i.code === code)) return 'ERR2';
        if (cls === 1 && /[A-Z]$|^6/.test(code)) return 'ERR2';
        if (code !== this.input) {
          this.input = code;
          this.freeze = false;
          this.notify(`%2INPT=${code}`);
        }
        return 'OK';
      }
      case 'AVMT': {
        if (!on && !inStandby) return 'ERR3';
        if (isQuery) return muteCode(this.mute);
        if (!/^[123][01]$/.test(parameter)) return 'ERR2';
        if (this.quirks.rejectPartialMute && parameter[0] !== '3') return 'ERR2';
        const value = parameter[1] === '1';
        const next = { ...this.mute };
        if (parameter[0] === '1' || parameter[0] === '3') next.video = value;
        if (parameter[0] === '2' || parameter[0] === '3') next.audio = value;
        if (next.video !== this.mute.video || next.audio !== this.mute.audio) {
          this.mute = next;
          this.notify(`%2AVMT=${muteCode(next)}`);
        }
        return 'OK';
      }
      case 'ERST':
        return isQuery ? encodeErrors(this.errors) : 'ERR2';
      case 'LAMP': {
        if (!isQuery) return 'ERR2';
        const hours = this.lampHours();
        if (hours === null) return 'ERR1';
        const lit = on || this.power === 'warming' ? '1' : '0';
        return Array.from({ length: Math.max(1, this.options.lampCount ?? 1) }, () => `${hours} ${lit}`).join(' ');
      }
      case 'INST': {
        if (!isQuery) return 'ERR2';
        const codes = this.inputs.map((i) => i.code).filter((c) => cls === 2 || !/[A-Z]$|^6/.test(c));
        return codes.join(' ');
      }
      case 'NAME':
        return isQuery ? this.info.name : 'ERR2';
      case 'INF1':
        return isQuery ? this.info.manufacturer : 'ERR2';
      case 'INF2':
        return isQuery ? this.info.model : 'ERR2';
      case 'INFO':
        return isQuery ? this.info.otherInfo : 'ERR2';
      case 'CLSS':
        return isQuery ? (this.quirks.clss ?? String(this.pjlinkClass)) : 'ERR2';
      case 'SNUM':
        return isQuery ? this.info.serialNumber : 'ERR2';
      case 'SVER':
        return isQuery ? this.info.softwareVersion : 'ERR2';
      case 'INNM': {
        if (!isQuery) return 'ERR2';
        const input = this.inputs.find((i) => i.code === normalizeInputCode(parameter.slice(1)));
        if (!input) return 'ERR2';
        return input.name ?? '';
      }
      case 'IRES': {
        if (!isQuery) return 'ERR2';
        if (!on) return 'ERR3';
        const signal = this.inputs.find((i) => i.code === this.input)?.signal ?? null;
        return signal ? `${signal.width}x${signal.height}` : '-';
      }
      case 'RRES':
        return isQuery ? '1920x1080' : 'ERR2';
      case 'FILT': {
        if (!isQuery) return 'ERR2';
        const hours = this.filterHours();
        return hours === null ? 'ERR1' : String(hours);
      }
      case 'RLMP':
        return isQuery ? (this.lampHoursBase === null ? 'ERR1' : (this.options.replacementLamp ?? 'LMP-2000')) : 'ERR2';
      case 'RFIL':
        return isQuery ? (this.filterHoursBase === null ? 'ERR1' : (this.options.replacementFilter ?? 'FLT-2000')) : 'ERR2';
      case 'SVOL':
      case 'MVOL': {
        if (isQuery || (parameter !== '0' && parameter !== '1')) return 'ERR2';
        if (!on) return 'ERR3';
        const delta = parameter === '1' ? 1 : -1;
        if (command === 'SVOL') this.speakerVolume = clamp(this.speakerVolume + delta, 0, 20);
        else this.microphoneVolume = clamp(this.microphoneVolume + delta, 0, 20);
        return 'OK';
      }
      case 'FREZ':
        if (!on) return 'ERR3';
        if (isQuery) return this.freeze ? '1' : '0';
        if (parameter !== '0' && parameter !== '1') return 'ERR2';
        this.freeze = parameter === '1';
        return 'OK';
      default:
        return 'ERR1';
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Power

  private powerOn(): string {
    if (this.errors.lamp === 'error' || this.errors.cover === 'error' || this.errors.temperature === 'error' || this.errors.fan === 'error') return 'ERR4';
    if (this.power === 'cooling') return 'ERR3';
    if (this.power === 'standby') this.startWarmup();
    return 'OK';
  }

  private powerOff(): string {
    if (this.power === 'warming') return 'ERR3';
    if (this.power === 'on') this.startCooling();
    return 'OK';
  }

  private startWarmup(): void {
    this.clearTransition();
    this.changePower('warming');
    this.transitionTimer = setTimeout(() => {
      this.transitionTimer = null;
      this.changePower('on');
    }, this.options.warmupMs ?? 20_000);
  }

  private startCooling(): void {
    this.clearTransition();
    this.changePower('cooling');
    this.transitionTimer = setTimeout(() => {
      this.transitionTimer = null;
      this.changePower('standby');
    }, this.options.coolingMs ?? 30_000);
  }

  private clearTransition(): void {
    if (this.transitionTimer) clearTimeout(this.transitionTimer);
    this.transitionTimer = null;
  }

  private changePower(power: PowerState): void {
    if (power === this.power) return;
    if (this.onSince !== null) {
      this.onMsTotal += Date.now() - this.onSince;
      this.onSince = null;
    }
    if (power === 'on' || power === 'warming') this.onSince = Date.now();
    if (power === 'on') this.onAt = Date.now();
    if (power !== 'on') {
      if (!this.quirks.muteSurvivesPowerOn) this.mute = { video: false, audio: false };
      this.freeze = false;
    }
    this.power = power;
    this.emit('power', power);
    this.notify(`%2POWR=${POWER_CODES[power]}`);
  }

  private onHours(): number {
    const ms = this.onMsTotal + (this.onSince !== null ? Date.now() - this.onSince : 0);
    return Math.floor(ms / 3_600_000);
  }

  private lampHours(): number | null {
    return this.lampHoursBase === null ? null : this.lampHoursBase + this.onHours();
  }

  private filterHours(): number | null {
    return this.filterHoursBase === null ? null : this.filterHoursBase + this.onHours();
  }

  // ---------------------------------------------------------------------------------------------
  // UDP (class 2)

  private async listenUdp(port: number): Promise<void> {
    const udp = createSocket({ type: 'udp4', reuseAddr: false });
    udp.on('error', (e) => this.log.warn(`udp error: ${e.message}`));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind({ address: this.host, port }, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    this.udp = udp;
    this.udpPort = udp.address().port;
    udp.on('message', (message, rinfo) => this.onSearch(message, rinfo));
    const broadcast = this.options.udp?.broadcast;
    if (broadcast) {
      const shared = createSocket({ type: 'udp4', reuseAddr: true });
      shared.on('error', (e) => this.log.warn(`udp broadcast error: ${e.message}`));
      await new Promise<void>((resolve, reject) => {
        shared.once('error', reject);
        shared.bind({ address: broadcast, port: this.udpPort! }, () => {
          shared.off('error', reject);
          resolve();
        });
      });
      this.udpBroadcast = shared;
      shared.on('message', (message, rinfo) => this.onSearch(message, rinfo));
    }
  }

  /** `%2SRCH` → `%2ACKN=<mac>`, always sent from the device's own address (the unicast socket). */
  private onSearch(message: Buffer, rinfo: { address: string; port: number }): void {
    const udp = this.udp;
    if (!udp || !this.networkUp || message.length > 512) return;
    const decoded = decodeUdpLine(message.toString('latin1'));
    if (decoded?.kind !== 'search') return;
    const reply = Buffer.from(`%2ACKN=${this.mac}\r`, 'latin1');
    const replyTo = this.options.udp?.replyTo ?? 'both';
    const targets = new Set<number>();
    if (replyTo === 'source' || replyTo === 'both') targets.add(rinfo.port);
    if (replyTo === 'pjlink-port' || replyTo === 'both') targets.add(this.options.udp?.pjlinkPort ?? PJLINK_PORT);
    for (const p of targets) udp.send(reply, p, rinfo.address, () => {});
  }

  private notify(line: string): void {
    const target = this.options.notify;
    if (!target || this.pjlinkClass !== 2 || !this.started || !this.networkUp) return;
    const text = Buffer.from(`${this.quirks.lowerCase ? line.toLowerCase() : line}\r`, 'latin1');
    const send = (socket: UdpSocket) => socket.send(text, target.port, target.host, () => {});
    if (this.udp) {
      send(this.udp);
      return;
    }
    const socket = createSocket('udp4');
    socket.on('error', () => {});
    socket.bind({ address: this.host, port: 0 }, () => {
      socket.send(text, target.port, target.host, () => socket.close());
    });
  }
}

function muteCode(mute: MuteState): string {
  return mute.video && mute.audio ? '31' : mute.video ? '11' : mute.audio ? '21' : '30';
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

function randomMac(): string {
  // Locally administered, unicast.
  const bytes = randomBytes(6);
  bytes[0] = (bytes[0]! & 0xfe) | 0x02;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
