/**
 * Typed PJLink commands (class 1 and class 2) over one PjlinkConnection. Class 2 commands are only
 * sent once the class is known to be 2 (CLSS is asked once and cached); on a class 1 device they fail
 * with `pjlink.unsupported` without touching the wire. ERRn replies become ServiceErrors with stable
 * codes; "nothing there" answers (LAMP/FILT ERR1 on laser or filterless models) become null.
 */
import { ServiceError } from '../core/errors';
import {
  CLASS2_ONLY,
  decodeClass,
  decodeErrors,
  decodeFreeze,
  decodeHours,
  decodeInput,
  decodeInputList,
  decodeLamps,
  decodeMute,
  decodePower,
  decodeResolution,
  decodeText,
  describeInput,
  ERROR_TOKENS,
  inputNeedsClass2,
  normalizeInputCode,
  query,
  set,
  type ErrorStatus,
  type InputDescription,
  type LampInfo,
  type MuteState,
  type PjlinkClass,
  type PjlinkCommand,
  type PjlinkRequest,
  type PowerState,
  type Resolution,
} from './codec';
import type { PjlinkConnection, PjlinkReply, PjlinkTarget, SendOptions } from './connection';
import { pjlinkError, type PjlinkErrorCode } from './errors';

export type CommandOptions = Pick<SendOptions, 'priority' | 'signal' | 'timeoutMs'>;

/** AVMT values: 1x video, 2x audio, 3x both; x1 = mute on. Actions only use 30/31. */
export type MuteCode = '10' | '11' | '20' | '21' | '30' | '31';

export interface PjlinkInput extends InputDescription {
  /** INNM name (class 2), sanitized; null when unknown: show the type name (`typeKey`). */
  name: string | null;
}

export interface PjlinkInfo {
  pjlinkClass: PjlinkClass;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  otherInfo: string | null;
  /** Class 2 only (null otherwise or when not provided). */
  serialNumber: string | null;
  softwareVersion: string | null;
  replacementLamp: string | null;
  replacementFilter: string | null;
}

export class PjlinkClient {
  private pjlinkClass: PjlinkClass | null;
  private classQuery: Promise<PjlinkClass> | null = null;

  constructor(
    readonly connection: PjlinkConnection,
    options: { pjlinkClass?: PjlinkClass | null } = {},
  ) {
    this.pjlinkClass = options.pjlinkClass ?? null;
  }

  get target(): PjlinkTarget {
    return this.connection.target;
  }

  /** The class if already known (from discovery or a previous CLSS), else null. */
  get knownClass(): PjlinkClass | null {
    return this.pjlinkClass;
  }

  /** Asks CLSS once; unreadable answers count as class 1 (the safe choice: class 1 commands only). */
  detectClass(options: CommandOptions = {}): Promise<PjlinkClass> {
    if (this.pjlinkClass) return Promise.resolve(this.pjlinkClass);
    this.classQuery ??= this.send(query('CLSS'), options)
      .then((reply) => {
        const cls = reply.error ? 1 : (decodeClass(reply.data) ?? 1);
        this.pjlinkClass = cls;
        return cls;
      })
      .finally(() => {
        this.classQuery = null;
      });
    return this.classQuery;
  }

  // --- class 1 -------------------------------------------------------------------------------

  async power(options: CommandOptions = {}): Promise<PowerState> {
    return this.value(query('POWR'), decodePower, options);
  }

  async setPower(on: boolean, options: CommandOptions = {}): Promise<void> {
    await this.ok(set('POWR', on ? '1' : '0'), options);
  }

  async input(options: CommandOptions = {}): Promise<string> {
    const cls = (await this.detectClass(options)) === 2 ? 2 : 1;
    return this.value(query('INPT', cls), decodeInput, options);
  }

  /** Selects an input by code ("31", "3A"). ERR2 → `pjlink.input_not_found`. */
  async setInput(code: string, options: CommandOptions = {}): Promise<void> {
    const normalized = normalizeInputCode(code);
    if (!normalized) throw pjlinkError('pjlink.input_not_found', { params: { input: code.slice(0, 16) } });
    const cls = await this.detectClass(options);
    if (inputNeedsClass2(normalized) && cls !== 2) throw pjlinkError('pjlink.input_not_found', { params: { input: normalized } });
    try {
      await this.ok(set('INPT', normalized, cls), options);
    } catch (e) {
      if (e instanceof ServiceError && e.code === 'pjlink.invalid_parameter') {
        throw pjlinkError('pjlink.input_not_found', { params: { input: normalized }, detail: 'ERR2' });
      }
      throw e;
    }
  }

  async mute(options: CommandOptions = {}): Promise<MuteState> {
    return this.value(query('AVMT'), decodeMute, options);
  }

  async setMute(code: MuteCode, options: CommandOptions = {}): Promise<void> {
    await this.ok(set('AVMT', code), options);
  }

  async errors(options: CommandOptions = {}): Promise<ErrorStatus> {
    return this.value(query('ERST'), decodeErrors, options);
  }

  /** null when the device has no lamp (ERR1: laser/LED). */
  async lamps(options: CommandOptions = {}): Promise<LampInfo[] | null> {
    return this.optional(query('LAMP'), decodeLamps, options);
  }

  /** INST (class 2 devices are asked with %2 so that A–Z and type 6 inputs are listed). */
  async inputCodes(options: CommandOptions = {}): Promise<string[]> {
    const cls = await this.detectClass(options);
    return this.value(query('INST', cls), (d) => decodeInputList(d), options);
  }

  async name(options: CommandOptions = {}): Promise<string | null> {
    return this.text('NAME', options);
  }

  async manufacturer(options: CommandOptions = {}): Promise<string | null> {
    return this.text('INF1', options);
  }

  async model(options: CommandOptions = {}): Promise<string | null> {
    return this.text('INF2', options);
  }

  async otherInfo(options: CommandOptions = {}): Promise<string | null> {
    return this.text('INFO', options);
  }

  // --- class 2 -------------------------------------------------------------------------------

  async serialNumber(options: CommandOptions = {}): Promise<string | null> {
    return this.text('SNUM', options);
  }

  async softwareVersion(options: CommandOptions = {}): Promise<string | null> {
    return this.text('SVER', options);
  }

  /** INNM: the name of an input ("HDMI 1"); null when the device gives none. */
  async inputName(code: string, options: CommandOptions = {}): Promise<string | null> {
    const normalized = normalizeInputCode(code);
    if (!normalized) throw pjlinkError('pjlink.input_not_found', { params: { input: code.slice(0, 16) } });
    await this.requireClass2('INNM', options);
    const text = await this.optional(query('INNM', 2, normalized), (d) => decodeText(d), options);
    return text ? text : null;
  }

  /** IRES: resolution of the current input; 'no-signal' for `-`. */
  async inputResolution(options: CommandOptions = {}): Promise<Resolution> {
    await this.requireClass2('IRES', options);
    return this.value(query('IRES', 2), decodeResolution, options);
  }

  async recommendedResolution(options: CommandOptions = {}): Promise<Resolution> {
    await this.requireClass2('RRES', options);
    return this.value(query('RRES', 2), decodeResolution, options);
  }

  /** FILT: filter hours; null when the device has no filter (ERR1). */
  async filterHours(options: CommandOptions = {}): Promise<number | null> {
    await this.requireClass2('FILT', options);
    return this.optional(query('FILT', 2), decodeHours, options);
  }

  async replacementLamp(options: CommandOptions = {}): Promise<string | null> {
    return this.text('RLMP', options);
  }

  async replacementFilter(options: CommandOptions = {}): Promise<string | null> {
    return this.text('RFIL', options);
  }

  /** SVOL: speaker volume one step up or down. */
  async speakerVolume(direction: 'up' | 'down', options: CommandOptions = {}): Promise<void> {
    await this.requireClass2('SVOL', options);
    // Not idempotent: never re-sent after a lost connection.
    await this.ok(set('SVOL', direction === 'up' ? '1' : '0', 2), options, false);
  }

  async microphoneVolume(direction: 'up' | 'down', options: CommandOptions = {}): Promise<void> {
    await this.requireClass2('MVOL', options);
    await this.ok(set('MVOL', direction === 'up' ? '1' : '0', 2), options, false);
  }

  async freeze(options: CommandOptions = {}): Promise<boolean> {
    await this.requireClass2('FREZ', options);
    return this.value(query('FREZ', 2), decodeFreeze, options);
  }

  async setFreeze(on: boolean, options: CommandOptions = {}): Promise<void> {
    await this.requireClass2('FREZ', options);
    await this.ok(set('FREZ', on ? '1' : '0', 2), options);
  }

  // --- composites ----------------------------------------------------------------------------

  /** NAME, INF1, INF2, INFO, CLSS and, on class 2, SNUM, SVER, RLMP, RFIL. Missing fields are null. */
  async info(options: CommandOptions = {}): Promise<PjlinkInfo> {
    const pjlinkClass = await this.detectClass(options);
    const info: PjlinkInfo = {
      pjlinkClass,
      name: await this.name(options),
      manufacturer: await this.manufacturer(options),
      model: await this.model(options),
      otherInfo: await this.otherInfo(options),
      serialNumber: null,
      softwareVersion: null,
      replacementLamp: null,
      replacementFilter: null,
    };
    if (pjlinkClass === 2) {
      info.serialNumber = await this.serialNumber(options);
      info.softwareVersion = await this.softwareVersion(options);
      info.replacementLamp = await this.replacementLamp(options);
      info.replacementFilter = await this.replacementFilter(options);
    }
    return info;
  }

  /** INST, then INNM for each input on class 2. Names fall back to null (show the type name). */
  async inputs(options: CommandOptions = {}): Promise<PjlinkInput[]> {
    const codes = await this.inputCodes(options);
    const cls = await this.detectClass(options);
    const out: PjlinkInput[] = [];
    for (const code of codes) {
      const description = describeInput(code);
      if (!description) continue;
      let name: string | null = null;
      if (cls === 2) {
        try {
          name = await this.inputName(code, options);
        } catch (e) {
          // One unreadable name must not hide the list; a dead link must.
          if (!(e instanceof ServiceError) || !['pjlink.unsupported', 'pjlink.invalid_parameter', 'pjlink.unavailable', 'pjlink.bad_reply', 'pjlink.input_not_found'].includes(e.code)) throw e;
        }
      }
      out.push({ ...description, name });
    }
    return out;
  }

  /** Sends any request and returns the raw reply (the CLI's escape hatch for IT). */
  raw(request: PjlinkRequest, options: CommandOptions = {}): Promise<PjlinkReply> {
    return this.send(request, options);
  }

  // --- plumbing ------------------------------------------------------------------------------

  private send(request: PjlinkRequest, options: CommandOptions, idempotent = true): Promise<PjlinkReply> {
    return this.connection.send(request, { ...options, idempotent });
  }

  private async requireClass2(command: PjlinkCommand, options: CommandOptions): Promise<void> {
    if ((await this.detectClass(options)) !== 2) throw pjlinkError('pjlink.unsupported', { params: { feature: command }, detail: 'class 1 device' });
  }

  private async value<T>(request: PjlinkRequest, decode: (data: string) => T | null, options: CommandOptions): Promise<T> {
    const reply = await this.send(request, options);
    if (reply.error) throw replyError(reply);
    const value = decode(reply.data);
    if (value === null) throw pjlinkError('pjlink.bad_reply', { detail: `${request.command}=${reply.data.slice(0, 40)}` });
    return value;
  }

  /** Like value(), but ERR1 (the device has no such thing) gives null. */
  private async optional<T>(request: PjlinkRequest, decode: (data: string) => T | null, options: CommandOptions): Promise<T | null> {
    const reply = await this.send(request, options);
    if (reply.error === 'ERR1') return null;
    if (reply.error) throw replyError(reply);
    const value = decode(reply.data);
    if (value === null) throw pjlinkError('pjlink.bad_reply', { detail: `${request.command}=${reply.data.slice(0, 40)}` });
    return value;
  }

  private async text(command: PjlinkCommand, options: CommandOptions): Promise<string | null> {
    if (CLASS2_ONLY.has(command) && (await this.detectClass(options)) !== 2) return null;
    const reply = await this.send(query(command, CLASS2_ONLY.has(command) ? 2 : 1), options);
    // Free text is optional everywhere: an error or an empty answer means "not provided".
    if (reply.error) return null;
    const text = decodeText(reply.data);
    return text ? text : null;
  }

  private async ok(request: PjlinkRequest, options: CommandOptions, idempotent = true): Promise<void> {
    const reply = await this.send(request, options, idempotent);
    if (reply.error) throw replyError(reply);
    // "OK" is expected; a few devices echo the value instead. Anything that is not an error is success.
  }
}

/** ERRn → ServiceError (ERR1 unsupported, ERR2 invalid parameter, ERR3 unavailable now, ERR4 failure). */
export function replyError(reply: PjlinkReply): ServiceError {
  const token = reply.error ?? 'ERR4';
  const code = ERROR_TOKENS[token].code as PjlinkErrorCode;
  return pjlinkError(code, { params: { command: reply.command, feature: reply.command }, detail: `${reply.command}=${token} (${ERROR_TOKENS[token].meaning})` });
}
