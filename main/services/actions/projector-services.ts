/**
 * Projector control in one piece, for the host and the CLI: the manager (one queued connection per
 * projector), the poller, the UDP notification listener (optional, degrades to polling only) and the
 * actions, wired together. `dispose()` shuts them down in the right order and never waits on a device.
 */
import { silentLogger, type Logger } from '../core/logger';
import type { SocketFactory } from '../pjlink/connection';
import { ProjectorManager, type ConnectionDefaults, type SecretLookup } from '../pjlink/manager';
import { connectNotifications, NotificationListener } from '../pjlink/notifications';
import { ProjectorPoller, type PollerIntervals } from '../pjlink/poller';
import type { InputMemory } from './input-memory';
import { ProjectorActions, type ActionTiming, type DisplayHook } from './projector-actions';

export interface ProjectorServicesOptions {
  /** PJLink passwords (profile, demo classroom, `--password`); never leave main. */
  secrets?: SecretLookup;
  inputMemory?: InputMemory;
  displayHook?: DisplayHook | null;
  /** UDP notifications: false = none (CLI); true/object = listen (default port 4352). */
  notifications?: boolean | { port?: number; address?: string };
  poller?: { intervals?: Partial<PollerIntervals>; concurrency?: number; slowEvery?: number };
  connection?: ConnectionDefaults;
  timing?: Partial<ActionTiming>;
  socketFactory?: SocketFactory;
  logger?: Logger;
}

export interface ProjectorServices {
  manager: ProjectorManager;
  poller: ProjectorPoller;
  actions: ProjectorActions;
  notifications: NotificationListener | null;
  /** Binds the notification port if asked; resolves false when it is taken (polling only). Never throws. */
  start(): Promise<boolean>;
  dispose(): Promise<void>;
}

export function createProjectorServices(options: ProjectorServicesOptions = {}): ProjectorServices {
  const logger = options.logger ?? silentLogger;
  const manager = new ProjectorManager({ secrets: options.secrets, socketFactory: options.socketFactory, logger, connection: options.connection });
  const poller = new ProjectorPoller({ manager, logger, ...options.poller });
  const actions = new ProjectorActions({ manager, poller, logger, inputMemory: options.inputMemory, displayHook: options.displayHook ?? null, timing: options.timing });
  const wantUdp = options.notifications ?? false;
  const notifications = wantUdp ? new NotificationListener({ logger, ...(typeof wantUdp === 'object' ? wantUdp : {}) }) : null;
  const unlink = notifications ? connectNotifications(notifications, poller) : () => {};
  return {
    manager,
    poller,
    actions,
    notifications,
    start: async () => (notifications ? notifications.start() : false),
    async dispose() {
      unlink();
      await actions.dispose();
      await poller.dispose();
      await notifications?.stop();
      await manager.dispose();
    },
  };
}
