/**
 * THE contract between the renderer and the main process: every invoke channel (request → response)
 * and every event (main → renderer), each with its zod schemas. Main validates every input and output
 * against it (main/rpc/dispatcher.ts), on every transport: Electron IPC, the web preview's WebSocket
 * and the CLI. The preload and the web client build `window.classe` from it: one function per channel,
 * `on(event, cb)` for events; nothing else.
 *
 * Domain schemas live in ./contract/<domain>.ts; this file is the single list of what crosses.
 */
import type { z } from 'zod';
import { appChannels, appEvents } from './contract/app';
import { settingsChannels, settingsEvents } from './contract/settings';
import { devicesChannels, devicesEvents } from './contract/devices';
import { projectorChannels, projectorEvents } from './contract/projector';
import { profileChannels, profileEvents } from './contract/profiles';
import { secretsChannels } from './contract/secrets';
import { reportChannels } from './contract/report';
import { guidesChannels, guidesEvents } from './contract/guides';
import { filesChannels } from './contract/files';
import { castChannels, castEvents } from './contract/cast';
import { displayChannels, displayEvents } from './contract/display';
import { remindersChannels, remindersEvents } from './contract/reminders';
import type { ChannelDef, Result } from './contract/common';

export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...profileChannels,
  ...secretsChannels,
  ...reportChannels,
  ...devicesChannels,
  ...projectorChannels,
  ...guidesChannels,
  ...filesChannels,
  ...castChannels,
  ...displayChannels,
  ...remindersChannels,
} satisfies Record<string, ChannelDef>;

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...profileEvents,
  ...devicesEvents,
  ...projectorEvents,
  ...guidesEvents,
  ...castEvents,
  ...displayEvents,
  ...remindersEvents,
} satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;

export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives: the input after validation (defaults applied). */
export type HandlerInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

type Namespace<N> = N extends `${infer NS}.${string}` ? NS : never;
type Method<N, NS extends string> = N extends `${NS}.${infer M}` ? M : never;
type Fn<C extends ChannelName> = undefined extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** `window.classe`: one function per channel, grouped by namespace (`classe.settings.get()`). */
export type ClasseApi = {
  [NS in Namespace<ChannelName>]: { [M in Method<ChannelName, NS>]: Fn<`${NS}.${M}` & ChannelName> };
} & {
  /** Subscribes to a main-process event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
};

/** How an API is carried: Electron IPC (preload) or the web preview's WebSocket. */
export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, callback: (payload: unknown) => void): () => void;
}

export { buildClasseApi } from './api';

export type { Result, ErrorInfo } from './contract/common';
export { LIMITS } from './contract/common';
