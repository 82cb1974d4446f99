import { z } from 'zod';
import { channel, ErrorInfo, LIMITS, NoInput } from './common';
import { FileId } from './files';

/**
 * The laptop's screens: its display mode (Windows + P: dupliquer / étendre…), which display is the
 * projector, and « Présenter sur le vidéoprojecteur » (a presentation window on that display, which
 * exists only in the app: the web preview and the CLI answer display.presentation_unavailable).
 */
export const DisplayMode = z.enum(['duplicate', 'extend', 'external', 'internal']);
export type DisplayMode = z.infer<typeof DisplayMode>;

export const DisplayStatus = z.strictObject({
  /** Where the app runs, for what it can do: windows / x11 can switch; the others explain. */
  environment: z.enum(['windows', 'macos', 'x11', 'wayland', 'no-session', 'unsupported', 'web-preview']),
  /** The app can switch the mode itself here. */
  canApply: z.boolean(),
  /** What the laptop does now ('single': one screen only; 'unknown': the OS does not tell). */
  topology: z.enum(['duplicate', 'extend', 'external', 'internal', 'single', 'unknown']),
  /** A projector or second screen is connected (null: the OS does not tell). */
  externalConnected: z.boolean().nullable(),
  /** The display taken for the projector (app only: Electron's `screen`), with how sure we are. */
  projector: z
    .strictObject({
      label: z.string().max(LIMITS.name),
      width: z.number().int().nonnegative(),
      height: z.number().int().nonnegative(),
      confidence: z.enum(['high', 'medium', 'low']),
    })
    .nullable(),
  /** « Présenter sur le vidéoprojecteur » exists here (the app only). */
  presentationAvailable: z.boolean(),
  /** The mode « Afficher mon écran » applies (setting or profile). */
  preferredMode: z.enum(['duplicate', 'extend']),
});
export type DisplayStatus = z.infer<typeof DisplayStatus>;

export const DisplayModeOutcome = z.strictObject({
  mode: DisplayMode,
  applied: z.boolean(),
  /** false when the laptop was already in that mode. */
  changed: z.boolean(),
  /** The system's display settings were opened for the teacher (Wayland, macOS, a failed switch). */
  openedSettings: z.boolean(),
  /** Why it was not applied (display.no_external, display.wayland_settings_opened…), with its guide. */
  error: ErrorInfo.nullable(),
  status: DisplayStatus,
});
export type DisplayModeOutcome = z.infer<typeof DisplayModeOutcome>;

export const PresentationKind = z.enum(['pdf', 'image', 'video', 'web']);

export const PresentationView = z.strictObject({
  id: z.string().max(LIMITS.id),
  kind: PresentationKind,
  title: z.string().max(LIMITS.name),
  /** On a separate projector display, or on the laptop's (mirrored) screen. */
  placement: z.enum(['projector', 'same-screen']),
  status: z.enum(['opening', 'showing', 'ended']),
  page: z.number().int().min(1).nullable(),
  pageCount: z.number().int().min(1).nullable(),
  playing: z.boolean().nullable(),
  blackedOut: z.boolean(),
  capabilities: z.strictObject({ pages: z.boolean(), playback: z.boolean() }),
  notice: z.enum(['display.presentation_on_laptop_screen']).nullable(),
});
export type PresentationView = z.infer<typeof PresentationView>;

export const PresentationEvent = z.strictObject({
  state: PresentationView,
  /** Set once it ended: why (stopped, display-removed…) and what to tell the teacher. */
  ended: z.strictObject({ reason: z.enum(['stopped', 'closed', 'display-removed', 'crashed', 'load-failed', 'replaced']), error: ErrorInfo.nullable() }).nullable(),
});
export type PresentationEvent = z.infer<typeof PresentationEvent>;

export const PresentCommand = z.enum(['next', 'previous', 'first', 'last', 'goto', 'play', 'pause', 'toggle-play', 'black', 'unblack', 'toggle-black', 'close']);
export type PresentCommand = z.infer<typeof PresentCommand>;

export const displayChannels = {
  'display.status': channel(NoInput, DisplayStatus, [undefined]),
  'display.setMode': channel(z.strictObject({ mode: DisplayMode }), DisplayModeOutcome, [{ mode: 'duplicate' }, { mode: 'extend' }]),
  'present.start': channel(
    z.union([z.strictObject({ fileId: FileId, displayId: z.number().int().optional() }), z.strictObject({ url: z.string().min(1).max(2048), displayId: z.number().int().optional() })]),
    PresentationView,
    [{ fileId: 'AbCdEfGhIjKlMnOpQrStUv' }, { url: 'https://www.lumni.fr/video/les-volcans' }],
  ),
  'present.command': channel(
    z.strictObject({ command: PresentCommand, page: z.number().int().min(1).max(100_000).optional() }),
    PresentationView,
    [{ command: 'next' }, { command: 'goto', page: 3 }],
  ),
  'present.stop': channel(NoInput, z.strictObject({ stopped: z.boolean() }), [undefined]),
  'present.current': channel(NoInput, PresentationView.nullable(), [undefined]),
};

export const displayEvents = {
  'display.changed': DisplayStatus,
  'present.state': PresentationEvent,
};
