/**
 * The one place where a call from outside (Electron IPC, the web preview's WebSocket, the CLI) meets a
 * service. It looks the channel up in the contract, validates the input (invalid input never reaches a
 * service), calls the handler, validates the output (a service bug never leaks malformed data) and turns
 * every failure into a typed ErrorInfo. Transports only carry bytes; they all go through `dispatch`.
 */
import type { z } from 'zod';
import { channels, events, type ChannelName, type HandlerInput, type ChannelOutput, type EventName, type EventPayload, type Result } from '../../preload/contract';
import type { ErrorInfo } from '../../preload/contract/common';
import { toErrorInfo } from '../services/core/errors';
import type { Logger } from '../services/core/logger';

export type Runtime = 'electron' | 'web' | 'cli';

export interface CallContext {
  /** Which transport the call came through. */
  transport: Runtime;
}

export type Handler<C extends ChannelName> = (input: HandlerInput<C>, ctx: CallContext) => Promise<z.input<(typeof channels)[C]['output']>> | z.input<(typeof channels)[C]['output']>;

export type Handlers = { [C in ChannelName]: Handler<C> };

function hasChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ')
    .slice(0, 1000);
}

export interface Dispatcher {
  dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** Typed in-process call (CLI): same validation as the transports. */
  call<C extends ChannelName>(channel: C, input: unknown, ctx: CallContext): Promise<Result<ChannelOutput<C>>>;
}

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatcher {
  async function dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!hasChannel(channel)) {
      return { ok: false, error: { code: 'contract.unknown_channel', params: { channel: String(channel).slice(0, 100) } } };
    }
    const def = channels[channel];
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      const error: ErrorInfo = { code: 'contract.invalid_input', params: { channel }, detail: describeIssues(parsed.error) };
      logger.warn(`rejected input on ${channel} from ${ctx.transport}: ${error.detail}`);
      return { ok: false, error };
    }
    let raw: unknown;
    try {
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
      raw = await handler(parsed.data, ctx);
    } catch (e) {
      const info = toErrorInfo(e);
      if (info.code === 'app.unexpected') logger.error(`${channel} failed: ${info.detail ?? ''}`);
      return { ok: false, error: info };
    }
    const out = def.output.safeParse(raw);
    if (!out.success) {
      logger.error(`${channel} produced invalid output: ${describeIssues(out.error)}`);
      return { ok: false, error: { code: 'contract.invalid_output', params: { channel } } };
    }
    return { ok: true, value: out.data };
  }
  return {
    dispatch,
    call: (channel, input, ctx) => dispatch(channel, input, ctx) as never,
  };
}

/** Validates an event payload before it leaves main; returns null (and logs) when it does not conform. */
export function checkEvent<E extends EventName>(event: E, payload: unknown, logger: Logger): EventPayload<E> | null {
  const parsed = events[event].safeParse(payload);
  if (!parsed.success) {
    logger.error(`event ${event} dropped: ${describeIssues(parsed.error)}`);
    return null;
  }
  return parsed.data as EventPayload<E>;
}
