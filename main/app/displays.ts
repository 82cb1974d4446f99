/**
 * The app's screens: the projector tracker fed by Electron's `screen` (plug, unplug, mode switches)
 * and the presentation window controller, created once after app ready and disposed on quit. The host
 * receives both (createHost `display: { tracker, presentation }`) and exposes them through the contract.
 */
import { screen as electronScreen } from 'electron';
import type { Logger } from '../services/core/logger';
import { ProjectorDisplayTracker } from '../services/display/projector-tracker';
import { DEFAULT_PRESENTATION_SITES, webPolicyFromSites, type WebPagePolicy } from '../services/display/presentation-url';
import { trackProjector, type ScreenLike } from './presentation/display-source';
import { PresentationController } from './presentation/presentation-controller';

export { DEFAULT_PRESENTATION_SITES };

export interface AppDisplaysOptions {
  /** out/renderer: the presentation viewer is built there (presentation/index.html + assets/). */
  viewerRoot: string;
  viewerDevServerUrl?: string | null;
  logger: Logger;
  devTools?: boolean;
  /**
   * The web pages allowed by the IT profile in force (features.presentationSites), read at every check
   * so that a profile reloaded while the app runs applies at once; null (no host yet): the defaults.
   */
  presentationSites?: () => readonly string[] | null;
  /** Replaces the allow-list entirely (tests). */
  webPolicy?: () => WebPagePolicy;
  /** Electron's `screen` (injected by tests). */
  screen?: ScreenLike;
}

export interface AppDisplays {
  readonly tracker: ProjectorDisplayTracker;
  readonly presentation: PresentationController;
  dispose(): void;
}

/** Must run after app ready (`screen` exists only then). */
export function setupAppDisplays(options: AppDisplaysOptions): AppDisplays {
  const tracker = new ProjectorDisplayTracker();
  const screen = options.screen ?? electronScreen;
  const log = options.logger;
  const stopTracking = trackProjector(screen, tracker);
  const offChanged = tracker.on('changed', (c) => log.info(`projector display ${c.cause}: ${c.current ? `${c.current.display.id} (${c.current.confidence})` : 'none'}`));
  const presentation = new PresentationController({
    viewerRoot: options.viewerRoot,
    viewerDevServerUrl: options.viewerDevServerUrl ?? null,
    webPolicy: options.webPolicy ?? webPolicyFromSites(options.presentationSites ?? (() => null)),
    logger: log,
    devTools: options.devTools ?? false,
  });
  let disposed = false;
  return {
    tracker,
    presentation,
    dispose() {
      if (disposed) return;
      disposed = true;
      presentation.dispose();
      offChanged();
      stopTracking();
      tracker.removeAll();
    },
  };
}
