/**
 * The composition root. Builds every service once and returns the one handler set (bound to the
 * contract through the dispatcher) plus the event stream. The Electron app (main/app), the web preview
 * (main/web) and the CLI (main/cli) all start from here, so they behave the same.
 */
import { EVENT_NAMES, type EventName, type EventPayload } from '../preload/contract';
import { createDispatcher, type Dispatcher, type Handlers, type Runtime } from './rpc/dispatcher';
import { TypedEmitter } from './services/core/emitter';
import { LogBook } from './services/core/logger';
import { SettingsService } from './services/settings/settings-service';
import type { SettingsStore } from './services/settings/store';
import { appHandlers } from './handlers/app';
import { settingsHandlers } from './handlers/settings';

export type HostEvents = { [E in EventName]: EventPayload<E> };

export interface HostOptions {
  runtime: Runtime;
  version: string;
  /** Electron's version when running in Electron. */
  electronVersion?: string | null;
  /** The OS locale, e.g. "fr-FR" (Electron: app.getLocale(); Node: from LANG/Intl). */
  locale: string;
  settingsStore: SettingsStore;
  logBook?: LogBook;
}

export interface Host {
  readonly dispatcher: Dispatcher;
  readonly events: TypedEmitter<HostEvents>;
  readonly logBook: LogBook;
  readonly services: {
    settings: SettingsService;
  };
  dispose(): Promise<void>;
}

export async function createHost(options: HostOptions): Promise<Host> {
  const logBook = options.logBook ?? new LogBook();
  const log = logBook.logger('host');
  const events = new TypedEmitter<HostEvents>();
  const startedAt = Date.now();
  const disposers: (() => void | Promise<void>)[] = [];

  const settings = new SettingsService(options.settingsStore, options.locale, logBook.logger('settings'));
  await settings.init();
  disposers.push(settings.on('changed', (view) => events.emit('settings.changed', view)));
  disposers.push(
    settings.on('recovered', () =>
      events.emit('app.notice', { id: `settings-recovered-${Date.now()}`, level: 'warning', code: 'settings.recovered' }),
    ),
  );

  // One handler per contract channel, grouped by domain (main/handlers/<domain>.ts). The type makes a
  // missing channel a compile error.
  const handlers: Handlers = {
    ...appHandlers({
      runtime: options.runtime,
      version: options.version,
      electronVersion: options.electronVersion ?? null,
      locale: options.locale,
      startedAt,
      checks: [() => ({ id: 'settings', ok: true })],
    }),
    ...settingsHandlers(settings),
  };

  const dispatcher = createDispatcher(handlers, logBook.logger('rpc'));
  log.info(`host ready (${options.runtime})`);

  return {
    dispatcher,
    events,
    logBook,
    services: { settings },
    async dispose() {
      for (const d of disposers.reverse()) await d();
      events.removeAll();
    },
  };
}

export { EVENT_NAMES };
