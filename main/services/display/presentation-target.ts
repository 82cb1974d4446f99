/**
 * « Présenter sur le vidéoprojecteur »: on which display the presentation window goes, and where.
 * Pure: main/app passes Electron's displays (as DisplayDescriptor) and the id the teacher chose, if any.
 *
 * In "duplicate" mode the OS shows one logical display mirrored on both screens, so there is no
 * separate projector display: the presentation then covers the laptop screen too (which is what the
 * projector shows), and the result says so, so the UI can tell the teacher that Échap closes it.
 */
import type { DisplayDescriptor, DisplayRect } from './display-types';
import { pickProjectorDisplay, type ProjectorConfidence } from './projector-pick';

export type PresentationPlacement =
  /** On a separate projector/second screen: the laptop keeps its own screen for the controls. */
  | 'projector'
  /** On the laptop's (or the only) screen, mirrored or not on the projector. */
  | 'same-screen';

export interface PresentationTarget {
  display: DisplayDescriptor;
  placement: PresentationPlacement;
  /** Full-screen bounds: the whole display (not the work area: the taskbar is covered). */
  bounds: DisplayRect;
  confidence: ProjectorConfidence;
  /** An error code to show as a notice (not an error), or null. */
  notice: 'display.presentation_on_laptop_screen' | null;
}

export function presentationBounds(display: DisplayDescriptor): DisplayRect {
  const { x, y, width, height } = display.bounds;
  return { x, y, width, height };
}

/** null when there is no display at all (should not happen while the app has a window). */
export function choosePresentationDisplay(displays: readonly DisplayDescriptor[], preferredDisplayId: number | null = null): PresentationTarget | null {
  const present = displays.filter((d) => d.detected !== false);
  const chosen = preferredDisplayId === null ? undefined : present.find((d) => d.id === preferredDisplayId);
  if (chosen) {
    const projector = !chosen.internal && present.length > 1;
    return {
      display: chosen,
      placement: projector ? 'projector' : 'same-screen',
      bounds: presentationBounds(chosen),
      confidence: 'high',
      notice: projector ? null : 'display.presentation_on_laptop_screen',
    };
  }
  const decision = pickProjectorDisplay(present);
  // A single external display with the laptop lid closed is "the" screen: no separate one for controls.
  if (decision.projector && present.length > 1) {
    return { display: decision.projector.display, placement: 'projector', bounds: presentationBounds(decision.projector.display), confidence: decision.projector.confidence, notice: null };
  }
  const fallback = present.find((d) => d.primary) ?? present[0];
  if (!fallback) return null;
  return { display: fallback, placement: 'same-screen', bounds: presentationBounds(fallback), confidence: 'high', notice: 'display.presentation_on_laptop_screen' };
}
