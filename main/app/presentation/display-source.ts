/**
 * Electron's `screen` → the plain DisplayDescriptor the display services decide on, and the glue that
 * feeds a ProjectorDisplayTracker on plug/unplug. `screen` is passed in (it only exists after app
 * ready), which also keeps this testable with a fake.
 */
import type { Display, Screen } from 'electron';
import { sanitizeName } from '../../services/core/sanitize';
import type { DisplayDescriptor } from '../../services/display/display-types';
import type { ProjectorDisplayTracker } from '../../services/display/projector-tracker';

export type ScreenLike = Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'on' | 'removeListener'>;

export function toDisplayDescriptor(display: Display, primaryId: number): DisplayDescriptor {
  return {
    id: display.id,
    // The label comes from the monitor's EDID through the OS: untrusted text.
    label: sanitizeName(display.label),
    bounds: { x: display.bounds.x, y: display.bounds.y, width: display.bounds.width, height: display.bounds.height },
    size: { width: display.size.width, height: display.size.height },
    scaleFactor: display.scaleFactor,
    internal: display.internal,
    detected: display.detected,
    primary: display.id === primaryId,
  };
}

export function currentDisplays(screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>): DisplayDescriptor[] {
  // Electron always has a primary display once ready; be defensive anyway (headless CI, shutdown).
  const primaryId = (screen.getPrimaryDisplay() as Display | undefined)?.id ?? -1;
  return screen.getAllDisplays().map((d) => toDisplayDescriptor(d, primaryId));
}

const EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const;

/** Calls `onChange` with the current displays now and on every plug, unplug or change. Returns the unsubscribe. */
export function watchDisplays(screen: ScreenLike, onChange: (displays: DisplayDescriptor[]) => void): () => void {
  const listener = () => onChange(currentDisplays(screen));
  for (const event of EVENTS) screen.on(event as 'display-added', listener);
  listener();
  return () => {
    for (const event of EVENTS) screen.removeListener(event as 'display-added', listener);
  };
}

/** The projector tracker, kept up to date from Electron's screen events. */
export function trackProjector(screen: ScreenLike, tracker: ProjectorDisplayTracker): () => void {
  return watchDisplays(screen, (displays) => tracker.update(displays));
}
