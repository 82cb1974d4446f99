/**
 * Builds `window.classe` from the contract's names over a transport: one function per channel, grouped
 * by namespace, and `on(event, cb)`. Shared by the sandboxed preload (Electron IPC) and the renderer's web
 * client (WebSocket). It loads no zod: the names come from contract/names.ts (generated from the
 * contract and checked by npm test); the schemas are used in main, where every input is validated.
 */
import { CHANNEL_NAMES, EVENT_NAMES } from './contract/names';
import type { ClasseApi, EventName, Transport } from './contract';

export function buildClasseApi(transport: Transport): ClasseApi {
  const api: Record<string, unknown> = {};
  for (const name of CHANNEL_NAMES) {
    const dot = name.indexOf('.');
    const ns = name.slice(0, dot);
    const method = name.slice(dot + 1);
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    group[method] = (input?: unknown) => transport.invoke(name, input);
  }
  api.on = (event: string, callback: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event: ${event}`);
    if (typeof callback !== 'function') throw new Error('callback must be a function');
    return transport.subscribe(event as EventName, (payload) => callback(payload));
  };
  return api as ClasseApi;
}
