/**
 * PJLink (JBMIA) class 1 and class 2 line codec: pure functions, no I/O.
 *
 * Hand-written on purpose: no maintained Node PJLink library covers class 2, tolerant parsing of the
 * quirks seen in the field (lower case, `Class 1` / `Version1` CLSS, trailing junk, a last line without
 * CR) and the single-connection discipline this app needs. The protocol is small and fully specified
 * (see shared/protocols/PJLINK.md); we follow the protocol, not one vendor.
 *
 * Nothing here throws on untrusted input: every parser returns `null` (or an `unknown` line) for what
 * it cannot read unambiguously. Builders throw a ServiceError on invalid *caller* input (a bad input
 * code typed in the CLI), never on network data.
 */
import { ServiceError } from '../core/errors';
import { sanitizeText } from '../core/sanitize';

/** Longest line a PJLink device may send (header 7 + '=' + 128 parameter bytes). */
export const MAX_LINE_BYTES = 136;
/** Longest parameter of a request or a reply. */
export const MAX_PARAMETER_BYTES = 128;
export const PJLINK_PORT = 4352;

export type PjlinkClass = 1 | 2;

/** Every command of the class 1 and class 2 tables (TCP), plus the UDP ones (SRCH/ACKN/LKUP). */
export const COMMANDS = [
  'POWR', 'INPT', 'AVMT', 'ERST', 'LAMP', 'INST', 'NAME', 'INF1', 'INF2', 'INFO', 'CLSS',
  'SNUM', 'SVER', 'INNM', 'IRES', 'RRES', 'FILT', 'RLMP', 'RFIL', 'SVOL', 'MVOL', 'FREZ',
  'SRCH', 'ACKN', 'LKUP',
] as const;
export type PjlinkCommand = (typeof COMMANDS)[number];

/** Commands that exist only in class 2 (a class 1 device answers ERR1 or nothing). */
export const CLASS2_ONLY: ReadonlySet<PjlinkCommand> = new Set(['SNUM', 'SVER', 'INNM', 'IRES', 'RRES', 'FILT', 'RLMP', 'RFIL', 'SVOL', 'MVOL', 'FREZ', 'SRCH', 'ACKN', 'LKUP']);

export type PjlinkErrorToken = 'ERR1' | 'ERR2' | 'ERR3' | 'ERR4' | 'ERRA';

/** A request ready to be written, without the authentication prefix and without the final CR. */
export interface PjlinkRequest {
  cls: PjlinkClass;
  command: PjlinkCommand;
  /** `?` for a query (`?31` for INNM), the value for a set. */
  parameter: string;
}

// ---------------------------------------------------------------------------------------------
// Requests

const COMMAND_RE = /^[A-Z0-9]{4}$/;

/** `%1POWR 1` (no CR: the connection adds it, after the optional digest). */
export function formatRequest(request: PjlinkRequest): string {
  const { cls, command, parameter } = request;
  if (cls !== 1 && cls !== 2) throw new ServiceError('pjlink.invalid_request', { detail: `class ${String(cls)}` });
  if (!COMMAND_RE.test(command)) throw new ServiceError('pjlink.invalid_request', { detail: `command ${command}` });
  // Parameters are printable ASCII (names may be UTF-8 in replies, never in requests we build).
  if (!/^[\x20-\x7e]*$/.test(parameter) || Buffer.byteLength(parameter) > MAX_PARAMETER_BYTES) {
    throw new ServiceError('pjlink.invalid_request', { detail: `parameter of ${command}` });
  }
  return command === 'SRCH' ? `%${cls}SRCH` : `%${cls}${command} ${parameter}`;
}

export function query(command: PjlinkCommand, cls: PjlinkClass = 1, suffix = ''): PjlinkRequest {
  return { cls, command, parameter: `?${suffix}` };
}

export function set(command: PjlinkCommand, value: string, cls: PjlinkClass = 1): PjlinkRequest {
  return { cls, command, parameter: value };
}

/** `%2SRCH\r`, the class 2 UDP search datagram. */
export function searchDatagram(): string {
  return '%2SRCH\r';
}

// ---------------------------------------------------------------------------------------------
// Framing

/**
 * Splits a byte stream into lines. CR, LF or CRLF end a line; empty lines are dropped. A line longer
 * than MAX_LINE_BYTES is cut there and the rest up to the next terminator is discarded, so a hostile
 * peer cannot make us buffer without bound. `end()` returns what is left when the stream ends without
 * a final CR (a quirk of some devices that answer and close).
 */
export class LineSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  private discarding = false;

  constructor(private readonly maxBytes = MAX_LINE_BYTES) {}

  push(chunk: Buffer | string): string[] {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      const byte = data[i];
      if (byte !== 0x0d && byte !== 0x0a) continue;
      this.take(data.subarray(start, i), lines, true);
      start = i + 1;
    }
    this.take(data.subarray(start), lines, false);
    return lines;
  }

  end(): string | null {
    const rest = this.discarding ? null : this.buffer;
    this.buffer = Buffer.alloc(0);
    this.discarding = false;
    if (!rest || rest.length === 0) return null;
    return decode(rest);
  }

  private take(part: Buffer, lines: string[], terminated: boolean): void {
    if (this.discarding) {
      if (terminated) this.discarding = false;
      return;
    }
    const room = this.maxBytes - this.buffer.length;
    if (part.length > room) {
      const full = Buffer.concat([this.buffer, part.subarray(0, room)]);
      this.buffer = Buffer.alloc(0);
      lines.push(decode(full));
      this.discarding = !terminated;
      return;
    }
    this.buffer = this.buffer.length === 0 ? Buffer.from(part) : Buffer.concat([this.buffer, part]);
    if (terminated) {
      if (this.buffer.length > 0) lines.push(decode(this.buffer));
      this.buffer = Buffer.alloc(0);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
function decode(bytes: Buffer): string {
  return utf8.decode(bytes);
}

// ---------------------------------------------------------------------------------------------
// Lines from the device

export type PjlinkLine =
  | { kind: 'greeting'; authRequired: false }
  | { kind: 'greeting'; authRequired: true; random: string }
  | { kind: 'auth-error' }
  | {
      kind: 'reply';
      cls: number;
      command: string;
      /** The parameter, trimmed; original case kept (names), see `error` for ERRn. */
      data: string;
      /** Set when the data is an error token (any case). */
      error: PjlinkErrorToken | null;
    }
  | { kind: 'unknown'; raw: string };

// Header: '%', class digit, 4 command characters, '=' (some devices use a space in notifications).
const REPLY_RE = /%(\d)([A-Za-z0-9]{4})[=\s]([^\r\n]*)$/;
const GREETING_RE = /^PJLINK\s+([01])(?:\s+(\S{1,32}))?\s*$/i;
const AUTH_ERROR_RE = /^PJLINK\s+ERRA\b/i;
// NUL bytes, other control characters and whitespace at the end are junk seen on real devices.
const TRAILING_JUNK = /[\s\u0000-\u001f\u007f]+$/;
const LEADING_JUNK = /^[\s\u0000-\u001f\u007f]+/;

/** Classifies one line received from a projector. Never throws. */
export function parseLine(input: string): PjlinkLine {
  if (typeof input !== 'string') return { kind: 'unknown', raw: '' };
  const line = (input.length > MAX_LINE_BYTES * 4 ? input.slice(0, MAX_LINE_BYTES * 4) : input)
    .replace(TRAILING_JUNK, '')
    .replace(LEADING_JUNK, '');
  if (AUTH_ERROR_RE.test(line)) return { kind: 'auth-error' };
  const greeting = GREETING_RE.exec(line);
  if (greeting) {
    if (greeting[1] === '0') return { kind: 'greeting', authRequired: false };
    if (greeting[2]) return { kind: 'greeting', authRequired: true, random: greeting[2] };
    return { kind: 'unknown', raw: sanitizeText(line, MAX_LINE_BYTES) };
  }
  // Tolerate junk before the header (a stray byte, an echoed digest): start at the first '%' that
  // opens a well-formed header.
  let from = line.indexOf('%');
  while (from >= 0) {
    const m = REPLY_RE.exec(line.slice(from));
    if (m && m.index === 0) {
      const data = (m[3] ?? '').replace(TRAILING_JUNK, '').trim();
      const upper = data.toUpperCase();
      const error = /^ERR[1234A]$/.test(upper) ? (upper as PjlinkErrorToken) : null;
      return { kind: 'reply', cls: Number(m[1]), command: (m[2] ?? '').toUpperCase(), data, error };
    }
    from = line.indexOf('%', from + 1);
  }
  return { kind: 'unknown', raw: sanitizeText(line, MAX_LINE_BYTES) };
}

// ---------------------------------------------------------------------------------------------
// Error tokens

export interface ErrorTokenInfo {
  code: string;
  /** What the token means, for "Détails" and logs. */
  meaning: string;
}

/** ERRn → the stable ServiceError code used when nothing more specific applies. */
export const ERROR_TOKENS: Record<PjlinkErrorToken, ErrorTokenInfo> = {
  ERR1: { code: 'pjlink.unsupported', meaning: 'undefined command' },
  ERR2: { code: 'pjlink.invalid_parameter', meaning: 'out of parameter' },
  ERR3: { code: 'pjlink.unavailable', meaning: 'unavailable time' },
  ERR4: { code: 'pjlink.projector_failure', meaning: 'projector/display failure' },
  ERRA: { code: 'pjlink.auth_failed', meaning: 'authorization error' },
};

// ---------------------------------------------------------------------------------------------
// Value decoders: each returns null when the value cannot be read unambiguously.

export type PowerState = 'standby' | 'on' | 'cooling' | 'warming';
const POWER_STATES: Record<string, PowerState> = { '0': 'standby', '1': 'on', '2': 'cooling', '3': 'warming' };

export function decodePower(data: string): PowerState | null {
  return POWER_STATES[data.trim()] ?? null;
}

export type InputType = 'rgb' | 'video' | 'digital' | 'storage' | 'network' | 'internal';
export const INPUT_TYPES: Record<string, InputType> = { '1': 'rgb', '2': 'video', '3': 'digital', '4': 'storage', '5': 'network', '6': 'internal' };
const INPUT_CODE_RE = /^[1-6][1-9A-Z]$/;

/** "31" → "31"; "3a" → "3A"; anything else → null. Class 1 allows only 1–9 as the number. */
export function normalizeInputCode(data: string): string | null {
  const code = data.trim().toUpperCase();
  return INPUT_CODE_RE.test(code) ? code : null;
}

export function decodeInput(data: string): string | null {
  return normalizeInputCode(data);
}

/** Whether an input code needs class 2 (letters as numbers, type 6 INTERNAL). */
export function inputNeedsClass2(code: string): boolean {
  return /^6/.test(code) || /[A-Z]$/.test(code);
}

export interface InputDescription {
  code: string;
  type: InputType;
  /** "1"–"9" or "A"–"Z". */
  number: string;
  /**
   * i18n key (namespace `pjlink`) of the default name, e.g. `input_type.digital` with `{{number}}`:
   * "HDMI 1", "Ordinateur (VGA) 1". The renderer and the CLI translate it; main stays language-free.
   */
  typeKey: `input_type.${InputType}`;
}

export function describeInput(code: string): InputDescription | null {
  const normalized = normalizeInputCode(code);
  if (!normalized) return null;
  const type = INPUT_TYPES[normalized[0]!]!;
  return { code: normalized, type, number: normalized[1]!, typeKey: `input_type.${type}` };
}

/** INST: space-separated input codes; invalid tokens are dropped, duplicates removed, order kept. */
export function decodeInputList(data: string): string[] {
  const out: string[] = [];
  for (const token of data.trim().split(/\s+/)) {
    const code = normalizeInputCode(token);
    if (code && !out.includes(code)) out.push(code);
    if (out.length >= 64) break;
  }
  return out;
}

export interface MuteState {
  video: boolean;
  audio: boolean;
}

/** AVMT: 11 video muted, 21 audio muted, 31 both, 30 (or 10/20) none. */
export function decodeMute(data: string): MuteState | null {
  switch (data.trim()) {
    case '11':
      return { video: true, audio: false };
    case '21':
      return { video: false, audio: true };
    case '31':
      return { video: true, audio: true };
    case '30':
    case '10':
    case '20':
      return { video: false, audio: false };
    default:
      return null;
  }
}

export type ErrorLevel = 'ok' | 'warning' | 'error';
export const ERROR_COMPONENTS = ['fan', 'lamp', 'temperature', 'cover', 'filter', 'other'] as const;
export type ErrorComponent = (typeof ERROR_COMPONENTS)[number];
export type ErrorStatus = Record<ErrorComponent, ErrorLevel>;
const LEVELS: Record<string, ErrorLevel> = { '0': 'ok', '1': 'warning', '2': 'error' };

/** ERST: six digits fan, lamp, temperature, cover, filter, other; each 0/1/2. */
export function decodeErrors(data: string): ErrorStatus | null {
  const digits = data.trim();
  if (!/^[012]{6}$/.test(digits)) return null;
  const out = {} as ErrorStatus;
  ERROR_COMPONENTS.forEach((component, i) => {
    out[component] = LEVELS[digits[i]!]!;
  });
  return out;
}

export function encodeErrors(status: Partial<ErrorStatus>): string {
  const digit: Record<ErrorLevel, string> = { ok: '0', warning: '1', error: '2' };
  return ERROR_COMPONENTS.map((c) => digit[status[c] ?? 'ok']).join('');
}

export function hasProblem(status: ErrorStatus, level: ErrorLevel = 'warning'): boolean {
  return ERROR_COMPONENTS.some((c) => (level === 'error' ? status[c] === 'error' : status[c] !== 'ok'));
}

export interface LampInfo {
  hours: number;
  on: boolean;
}

/** LAMP: "hours on/off" pairs, one to eight lamps. */
export function decodeLamps(data: string): LampInfo[] | null {
  const tokens = data.trim().split(/\s+/);
  if (tokens.length < 2 || tokens.length % 2 !== 0 || tokens.length > 16) return null;
  const lamps: LampInfo[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const hours = tokens[i]!;
    const on = tokens[i + 1]!;
    if (!/^\d{1,5}$/.test(hours) || (on !== '0' && on !== '1')) return null;
    lamps.push({ hours: Number(hours), on: on === '1' });
  }
  return lamps;
}

export type Resolution = { width: number; height: number } | 'no-signal' | 'unknown';

/** IRES / RRES: "1920x1080"; IRES "-" = no signal, "*" = unknown. */
export function decodeResolution(data: string): Resolution | null {
  const value = data.trim();
  if (value === '-') return 'no-signal';
  if (value === '*') return 'unknown';
  const m = /^(\d{1,5})\s*[xX]\s*(\d{1,5})$/.exec(value);
  if (!m) return null;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** FILT: filter hours. */
export function decodeHours(data: string): number | null {
  const value = data.trim();
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}

export function decodeFreeze(data: string): boolean | null {
  const value = data.trim();
  if (value === '1') return true;
  if (value === '0') return false;
  return null;
}

/** CLSS: "1", "2", and the field variants "Class 1" (Optoma), "Version1" (BenQ), "class2". */
export function decodeClass(data: string): PjlinkClass | null {
  const m = /^(?:class|version|ver\.?)?\s*([12])(?:\.0+)?$/i.exec(data.trim());
  if (!m) return null;
  return m[1] === '2' ? 2 : 1;
}

const MAC_RE = /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/i;

/** ACKN / LKUP: "00:11:22:aa:bb:cc" (also with '-') → lower case with ':'. */
export function decodeMac(data: string): string | null {
  const m = MAC_RE.exec(data.trim());
  if (!m) return null;
  return m.slice(1, 7).join(':').toLowerCase();
}

/** Free text (NAME, INF1, INF2, INFO, SNUM, SVER, INNM, RLMP, RFIL) made safe to show. */
export function decodeText(data: string): string {
  return sanitizeText(data, MAX_PARAMETER_BYTES);
}

// ---------------------------------------------------------------------------------------------
// UDP: search replies and notifications

export type PjlinkNotification =
  | { type: 'link-up'; mac: string }
  | { type: 'power'; power: PowerState }
  | { type: 'errors'; errors: ErrorStatus }
  | { type: 'input'; input: string }
  | { type: 'mute'; mute: MuteState };

export type UdpMessage = { kind: 'search-reply'; mac: string } | { kind: 'notification'; notification: PjlinkNotification } | { kind: 'search' };

/** One UDP line (`%2ACKN=…`, `%2LKUP=…`, `%2POWR=1`, `%2SRCH`…) → what it means, or null. */
export function decodeUdpLine(line: string): UdpMessage | null {
  if (/^[\s\u0000-\u001f]*%2SRCH\s*$/i.test(line)) return { kind: 'search' };
  const parsed = parseLine(line);
  if (parsed.kind !== 'reply' || parsed.error) return null;
  switch (parsed.command) {
    case 'ACKN': {
      const mac = decodeMac(parsed.data);
      return mac ? { kind: 'search-reply', mac } : null;
    }
    case 'LKUP': {
      const mac = decodeMac(parsed.data);
      return mac ? { kind: 'notification', notification: { type: 'link-up', mac } } : null;
    }
    case 'POWR': {
      const power = decodePower(parsed.data);
      return power ? { kind: 'notification', notification: { type: 'power', power } } : null;
    }
    case 'ERST': {
      const errors = decodeErrors(parsed.data);
      return errors ? { kind: 'notification', notification: { type: 'errors', errors } } : null;
    }
    case 'INPT': {
      const input = decodeInput(parsed.data);
      return input ? { kind: 'notification', notification: { type: 'input', input } } : null;
    }
    case 'AVMT': {
      const mute = decodeMute(parsed.data);
      return mute ? { kind: 'notification', notification: { type: 'mute', mute } } : null;
    }
    default:
      return null;
  }
}

/** A datagram may carry several CR-separated lines. */
export function decodeDatagram(datagram: Buffer): UdpMessage[] {
  if (datagram.length > MAX_LINE_BYTES * 8) return [];
  const splitter = new LineSplitter();
  const lines = splitter.push(datagram);
  const rest = splitter.end();
  if (rest) lines.push(rest);
  const out: UdpMessage[] = [];
  for (const line of lines) {
    const message = decodeUdpLine(line);
    if (message) out.push(message);
  }
  return out;
}
