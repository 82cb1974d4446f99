/**
 * The presentation's state and what each control does, as pure functions: the laptop's buttons (and
 * the presentation window's keys, a clicker's PageDown/B) become commands; a command gives the new
 * state and the effects to run in the window. main/app only executes effects.
 *
 * The viewer window has no preload, so main drives it with `webContents.executeJavaScript` of FIXED
 * code built here from a closed set of calls; the only value ever interpolated is a page number that
 * is checked to be a safe integer. Web pages are never sent code: only key presses (slide decks turn
 * pages on →/←) and an inserted CSS rule for the black screen.
 */
import type { PresentationPlacement } from './presentation-target';

export type PresentationKind = 'pdf' | 'image' | 'video' | 'web';

export interface PresentationState {
  id: string;
  kind: PresentationKind;
  /** File name or web host, sanitised. */
  title: string;
  displayId: number;
  placement: PresentationPlacement;
  status: 'opening' | 'showing' | 'ended';
  /** PDF: 1-based page shown; null for other kinds. */
  page: number | null;
  pageCount: number | null;
  /** Video: playing or paused; null for other kinds. */
  playing: boolean | null;
  blackedOut: boolean;
  capabilities: { pages: boolean; playback: boolean };
  /** A notice for the teacher (an error code used as information), e.g. shown on the laptop screen itself. */
  notice: 'display.presentation_on_laptop_screen' | null;
}

export type PresentationCommand =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'goto'; page: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle-play' }
  | { type: 'black'; on: boolean }
  | { type: 'toggle-black' }
  | { type: 'close' };

export type ViewerEffect =
  | { type: 'show-page'; page: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'black'; on: boolean }
  /** Web page: a key press, for slide decks (reveal.js, Google Slides, Genially…). */
  | { type: 'key'; key: 'Right' | 'Left' | 'Home' | 'End' }
  | { type: 'close' };

export function initialPresentationState(init: {
  id: string;
  kind: PresentationKind;
  title: string;
  displayId: number;
  placement: PresentationPlacement;
  notice?: PresentationState['notice'];
}): PresentationState {
  return {
    ...init,
    notice: init.notice ?? null,
    status: 'opening',
    page: init.kind === 'pdf' ? 1 : null,
    pageCount: null,
    playing: init.kind === 'video' ? false : null,
    blackedOut: false,
    capabilities: { pages: init.kind === 'pdf' || init.kind === 'web', playback: init.kind === 'video' },
  };
}

/** What the viewer reports (untrusted-ish: it ran a third-party file through pdf.js), checked and clamped. */
export interface ViewerStatus {
  ready: boolean;
  error: string | null;
  page: number | null;
  pageCount: number | null;
  playing: boolean | null;
  blackedOut: boolean;
}

const MAX_PAGES = 100_000;

export function parseViewerStatus(value: unknown): ViewerStatus | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const int = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 1 && x <= MAX_PAGES ? x : null);
  return {
    ready: v.ready === true,
    error: typeof v.error === 'string' ? v.error.slice(0, 200) : null,
    page: int(v.page),
    pageCount: int(v.pageCount),
    playing: typeof v.playing === 'boolean' ? v.playing : null,
    blackedOut: v.blackedOut === true,
  };
}

/** The viewer loaded the document: now showing, with its page count. */
export function applyViewerStatus(state: PresentationState, status: ViewerStatus): PresentationState {
  if (state.status === 'ended') return state;
  const next: PresentationState = { ...state, status: status.ready ? 'showing' : state.status, blackedOut: status.blackedOut };
  if (state.kind === 'pdf') {
    next.pageCount = status.pageCount ?? state.pageCount;
    const page = status.page ?? state.page ?? 1;
    next.page = next.pageCount ? Math.min(page, next.pageCount) : page;
  }
  if (state.kind === 'video' && status.playing !== null) next.playing = status.playing;
  return next;
}

function clampPage(state: PresentationState, page: number): number {
  const max = state.pageCount ?? state.page ?? 1;
  return Math.min(Math.max(1, Math.trunc(page)), max);
}

/** A command → the new state and the effects to run. Commands that do not apply leave the state as is. */
export function applyPresentationCommand(state: PresentationState, command: PresentationCommand): { state: PresentationState; effects: ViewerEffect[] } {
  const none = { state, effects: [] as ViewerEffect[] };
  if (state.status === 'ended') return none;
  if (command.type === 'close') return { state, effects: [{ type: 'close' }] };
  if (command.type === 'black' || command.type === 'toggle-black') {
    const on = command.type === 'black' ? command.on : !state.blackedOut;
    return on === state.blackedOut ? none : { state: { ...state, blackedOut: on }, effects: [{ type: 'black', on }] };
  }

  if (state.kind === 'web') {
    const key = ({ next: 'Right', previous: 'Left', first: 'Home', last: 'End' } as const)[command.type as 'next' | 'previous' | 'first' | 'last'];
    return key ? { state, effects: [{ type: 'key', key }] } : none;
  }

  if (state.kind === 'pdf') {
    const current = state.page ?? 1;
    let target: number | null = null;
    if (command.type === 'next') target = current + 1;
    else if (command.type === 'previous') target = current - 1;
    else if (command.type === 'first') target = 1;
    else if (command.type === 'last') target = state.pageCount ?? current;
    else if (command.type === 'goto' && Number.isFinite(command.page)) target = command.page;
    if (target === null) return none;
    const page = clampPage(state, target);
    return page === current ? none : { state: { ...state, page }, effects: [{ type: 'show-page', page }] };
  }

  if (state.kind === 'video') {
    const play = command.type === 'play' ? true : command.type === 'pause' ? false : command.type === 'toggle-play' ? !state.playing : null;
    if (play === null || play === state.playing) return none;
    return { state: { ...state, playing: play }, effects: [{ type: play ? 'play' : 'pause' }] };
  }
  return none;
}

/**
 * The fixed code that runs an effect in the viewer (`window.presentationViewer`), or null for effects
 * that are not code (key presses, close). Each call resolves to the viewer's status.
 */
export function viewerCall(effect: ViewerEffect): string | null {
  switch (effect.type) {
    case 'show-page':
      if (!Number.isSafeInteger(effect.page) || effect.page < 1 || effect.page > MAX_PAGES) return null;
      return `window.presentationViewer.showPage(${effect.page})`;
    case 'play':
      return 'window.presentationViewer.play()';
    case 'pause':
      return 'window.presentationViewer.pause()';
    case 'black':
      return effect.on ? 'window.presentationViewer.setBlack(true)' : 'window.presentationViewer.setBlack(false)';
    default:
      return null;
  }
}

/** Waits for the document to be loaded (or to fail) and returns the viewer's status. */
export const VIEWER_READY_CALL = 'window.presentationViewer ? window.presentationViewer.whenReady() : null';

/** The viewer's current status (a video may have ended by itself). */
export const VIEWER_STATUS_CALL = 'window.presentationViewer ? window.presentationViewer.status() : null';

/** The black screen of a web page: hide everything, paint black; descendants cannot undo opacity. */
export const WEB_BLACK_CSS = 'html { background: #000 !important; } body { opacity: 0 !important; } html { cursor: none !important; }';

export interface KeyInput {
  type: string;
  key: string;
  control?: boolean;
  alt?: boolean;
  meta?: boolean;
}

/**
 * Keys pressed in the presentation window (keyboard, or a presenter clicker that sends PageDown/PageUp,
 * B / "." for black, Escape). On a web page only Escape is taken: the page needs its own keys.
 */
export function keyToCommand(kind: PresentationKind, input: KeyInput): PresentationCommand | null {
  if (input.type !== 'keyDown' || input.control || input.alt || input.meta) return null;
  if (input.key === 'Escape') return { type: 'close' };
  if (kind === 'web') return null;
  switch (input.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return { type: 'previous' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case ' ':
      return kind === 'video' ? { type: 'toggle-play' } : { type: 'next' };
    case 'b':
    case 'B':
    case '.':
      return { type: 'toggle-black' };
    default:
      return null;
  }
}
