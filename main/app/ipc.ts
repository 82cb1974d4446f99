/**
 * Binds the contract to Electron IPC. Every invoke channel of the contract gets one `ipcMain.handle`;
 * the sender must be our own page (app origin, main frame) or the call is refused with a typed error;
 * input and output are validated by the dispatcher (invalid input never reaches a service). Events go
 * to the window on one channel, `classe:event`, as (name, payload); the preload hands out the payload only.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, type Result } from '../../preload/contract';
import { checkEvent, type Dispatcher } from '../rpc/dispatcher';
import type { TypedEmitter } from '../services/core/emitter';
import type { HostEvents } from '../host';
import type { Logger } from '../services/core/logger';

export const EVENT_CHANNEL = 'classe:event';

export interface IpcBinding {
  dispose(): void;
}

/** True when the call comes from our page's main frame (not an iframe, not another origin). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, allowedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame !== event.sender.mainFrame) return false;
  let origin: string;
  try {
    const url = new URL(frame.url);
    // Custom schemes have an opaque origin ("null"): compare scheme + host instead.
    origin = url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    return false;
  }
  return allowedOrigins.includes(origin);
}

export function bindIpc(options: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatcher: Dispatcher;
  events: TypedEmitter<HostEvents>;
  allowedOrigins: readonly string[];
  /** The windows that receive events. */
  targets: () => WebContents[];
  logger: Logger;
}): IpcBinding {
  const { ipcMain, dispatcher, events, allowedOrigins, logger } = options;
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, allowedOrigins)) {
        logger.warn(`refused IPC ${channel} from ${event.senderFrame?.url ?? 'unknown frame'}`);
        return { ok: false, error: { code: 'contract.forbidden' } };
      }
      return dispatcher.dispatch(channel, input, { transport: 'electron' });
    });
  }
  const unsubscribers = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      const checked = checkEvent(name, payload, logger);
      if (checked === null) return;
      for (const wc of options.targets()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, checked);
    }),
  );
  return {
    dispose() {
      for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
      for (const u of unsubscribers) u();
    },
  };
}
