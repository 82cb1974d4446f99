/**
 * Shared shapes of the display capability. A DisplayDescriptor is what the app knows about one screen:
 * it has the shape of Electron's `Display` (so main/app passes `screen.getAllDisplays()` through almost
 * as is) plus what other sources add (EDID monitor name from `xrandr --props`, connector name).
 * Nothing here imports Electron: the decision logic stays plain and testable.
 */

export interface DisplayRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplaySize {
  width: number;
  height: number;
}

export interface DisplayDescriptor {
  /** Electron's display id (or an index for sources without ids). */
  id: number;
  /** Electron's `Display.label`: the monitor's friendly name where the OS gives one ("EPSON PJ"), else "". */
  label: string;
  /** Position and size in DIP (Electron's coordinate space). */
  bounds: DisplayRect;
  /** Size in DIP; defaults to the bounds' size. */
  size?: DisplaySize;
  scaleFactor: number;
  /** The laptop's own panel (Electron: eDP/LVDS/DSI or OS "internal" output technology). */
  internal: boolean;
  /** Electron's `detected`: false for a display the OS only remembers. */
  detected?: boolean;
  /** The primary display (taskbar, menu bar). */
  primary?: boolean;
  /** Monitor name from the EDID (descriptor 0xFC), when a source can read it. */
  edidName?: string;
  /** EDID manufacturer PNP id, e.g. "SEC" (Seiko Epson), when known. */
  manufacturerId?: string;
  /** Native (preferred) resolution in physical pixels, when known (EDID / xrandr "+"). */
  nativeSize?: DisplaySize;
  /** Connector name ("HDMI-1"), when known. */
  connector?: string;
}

/**
 * What the laptop does with its screens, named like Windows + P:
 * duplicate = « Dupliquer », extend = « Étendre », external = « Deuxième écran uniquement » (projecteur seulement),
 * internal = « Écran du PC uniquement » (ordinateur seulement).
 */
export const DISPLAY_MODES = ['duplicate', 'extend', 'external', 'internal'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

export function isDisplayMode(value: unknown): value is DisplayMode {
  return typeof value === 'string' && (DISPLAY_MODES as readonly string[]).includes(value);
}

/** The observed state of the laptop's screens; 'single' = only one screen is connected. */
export type DisplayTopology = DisplayMode | 'single' | 'unknown';
