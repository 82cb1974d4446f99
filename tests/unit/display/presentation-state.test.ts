import { describe, expect, it } from 'vitest';
import {
  applyPresentationCommand,
  applyViewerStatus,
  initialPresentationState,
  keyToCommand,
  parseViewerStatus,
  viewerCall,
  type PresentationKind,
  type PresentationState,
} from '../../../main/services/display/presentation-state';

const state = (kind: PresentationKind, patch: Partial<PresentationState> = {}): PresentationState => ({
  ...initialPresentationState({ id: 'p1', kind, title: 'cours.pdf', displayId: 2, placement: 'projector' }),
  status: 'showing',
  ...patch,
});

describe('PDF page state machine', () => {
  const pdf = state('pdf', { page: 1, pageCount: 3 });

  it('starts on page 1, opening, with page controls', () => {
    expect(initialPresentationState({ id: 'x', kind: 'pdf', title: 't', displayId: 1, placement: 'projector' })).toMatchObject({
      status: 'opening',
      page: 1,
      pageCount: null,
      playing: null,
      capabilities: { pages: true, playback: false },
    });
  });

  it('next / previous / first / last / goto move within 1..pageCount and emit show-page', () => {
    let s = pdf;
    const step = (command: Parameters<typeof applyPresentationCommand>[1]) => {
      const r = applyPresentationCommand(s, command);
      s = r.state;
      return r.effects;
    };
    expect(step({ type: 'next' })).toEqual([{ type: 'show-page', page: 2 }]);
    expect(step({ type: 'next' })).toEqual([{ type: 'show-page', page: 3 }]);
    expect(step({ type: 'next' })).toEqual([]);
    expect(s.page).toBe(3);
    expect(step({ type: 'first' })).toEqual([{ type: 'show-page', page: 1 }]);
    expect(step({ type: 'previous' })).toEqual([]);
    expect(step({ type: 'last' })).toEqual([{ type: 'show-page', page: 3 }]);
    expect(step({ type: 'goto', page: 2.7 })).toEqual([{ type: 'show-page', page: 2 }]);
    expect(step({ type: 'goto', page: 99 })).toEqual([{ type: 'show-page', page: 3 }]);
    expect(step({ type: 'goto', page: Number.NaN })).toEqual([]);
    expect(step({ type: 'play' })).toEqual([]);
  });

  it('before the page count is known, stays on page 1', () => {
    expect(applyPresentationCommand(state('pdf', { page: 1, pageCount: null }), { type: 'next' }).effects).toEqual([]);
  });

  it('takes the page count from the viewer and clamps a page beyond it', () => {
    const ready = applyViewerStatus(state('pdf', { status: 'opening', page: 5 }), { ready: true, error: null, page: 5, pageCount: 2, playing: null, blackedOut: false });
    expect(ready).toMatchObject({ status: 'showing', page: 2, pageCount: 2 });
  });
});

describe('video, image, web, black screen, close', () => {
  it('video: play/pause/toggle only when it changes something', () => {
    const v = state('video', { playing: false });
    expect(applyPresentationCommand(v, { type: 'pause' }).effects).toEqual([]);
    const playing = applyPresentationCommand(v, { type: 'toggle-play' });
    expect(playing).toEqual({ state: { ...v, playing: true }, effects: [{ type: 'play' }] });
    expect(applyPresentationCommand(playing.state, { type: 'pause' }).effects).toEqual([{ type: 'pause' }]);
    expect(applyPresentationCommand(v, { type: 'next' }).effects).toEqual([]);
  });

  it('web: page commands become key presses; play does nothing', () => {
    const w = state('web');
    expect(w.capabilities).toEqual({ pages: true, playback: false });
    expect(applyPresentationCommand(w, { type: 'next' }).effects).toEqual([{ type: 'key', key: 'Right' }]);
    expect(applyPresentationCommand(w, { type: 'previous' }).effects).toEqual([{ type: 'key', key: 'Left' }]);
    expect(applyPresentationCommand(w, { type: 'first' }).effects).toEqual([{ type: 'key', key: 'Home' }]);
    expect(applyPresentationCommand(w, { type: 'play' }).effects).toEqual([]);
    expect(applyPresentationCommand(w, { type: 'goto', page: 3 }).effects).toEqual([]);
  });

  it('black screen toggles for every kind; close always asks to close; nothing after the end', () => {
    for (const kind of ['pdf', 'image', 'video', 'web'] as const) {
      const on = applyPresentationCommand(state(kind), { type: 'toggle-black' });
      expect(on.effects).toEqual([{ type: 'black', on: true }]);
      expect(applyPresentationCommand(on.state, { type: 'black', on: true }).effects).toEqual([]);
      expect(applyPresentationCommand(on.state, { type: 'black', on: false }).effects).toEqual([{ type: 'black', on: false }]);
      expect(applyPresentationCommand(state(kind), { type: 'close' }).effects).toEqual([{ type: 'close' }]);
      expect(applyPresentationCommand(state(kind, { status: 'ended' }), { type: 'close' }).effects).toEqual([]);
    }
  });
});

describe('viewer calls (fixed code)', () => {
  it('builds only fixed calls; a page number must be a safe positive integer', () => {
    expect(viewerCall({ type: 'show-page', page: 12 })).toBe('window.presentationViewer.showPage(12)');
    expect(viewerCall({ type: 'play' })).toBe('window.presentationViewer.play()');
    expect(viewerCall({ type: 'pause' })).toBe('window.presentationViewer.pause()');
    expect(viewerCall({ type: 'black', on: true })).toBe('window.presentationViewer.setBlack(true)');
    expect(viewerCall({ type: 'black', on: false })).toBe('window.presentationViewer.setBlack(false)');
    expect(viewerCall({ type: 'show-page', page: 1.5 })).toBeNull();
    expect(viewerCall({ type: 'show-page', page: 0 })).toBeNull();
    expect(viewerCall({ type: 'show-page', page: Number.POSITIVE_INFINITY })).toBeNull();
    expect(viewerCall({ type: 'key', key: 'Right' })).toBeNull();
    expect(viewerCall({ type: 'close' })).toBeNull();
  });

  it('checks and clamps what the viewer reports', () => {
    expect(parseViewerStatus({ ready: true, error: null, page: 2, pageCount: 10, playing: null, blackedOut: false })).toEqual({ ready: true, error: null, page: 2, pageCount: 10, playing: null, blackedOut: false });
    expect(parseViewerStatus({ ready: 'yes', page: -1, pageCount: 1e12, playing: 'no', blackedOut: 1, error: 'x'.repeat(500) })).toEqual({
      ready: false,
      error: 'x'.repeat(200),
      page: null,
      pageCount: null,
      playing: null,
      blackedOut: false,
    });
    expect(parseViewerStatus(null)).toBeNull();
    expect(parseViewerStatus('ready')).toBeNull();
  });
});

describe('keys in the presentation window', () => {
  const down = (key: string, extra: object = {}) => ({ type: 'keyDown', key, ...extra });

  it('maps a keyboard and a presenter clicker for the viewer kinds', () => {
    expect(keyToCommand('pdf', down('PageDown'))).toEqual({ type: 'next' });
    expect(keyToCommand('pdf', down('ArrowLeft'))).toEqual({ type: 'previous' });
    expect(keyToCommand('pdf', down(' '))).toEqual({ type: 'next' });
    expect(keyToCommand('video', down(' '))).toEqual({ type: 'toggle-play' });
    expect(keyToCommand('image', down('b'))).toEqual({ type: 'toggle-black' });
    expect(keyToCommand('pdf', down('.'))).toEqual({ type: 'toggle-black' });
    expect(keyToCommand('pdf', down('End'))).toEqual({ type: 'last' });
    expect(keyToCommand('pdf', down('Escape'))).toEqual({ type: 'close' });
  });

  it('leaves a web page its keys except Escape; ignores key-up and shortcuts', () => {
    expect(keyToCommand('web', down('ArrowRight'))).toBeNull();
    expect(keyToCommand('web', down('b'))).toBeNull();
    expect(keyToCommand('web', down('Escape'))).toEqual({ type: 'close' });
    expect(keyToCommand('pdf', { type: 'keyUp', key: 'ArrowRight' })).toBeNull();
    expect(keyToCommand('pdf', down('b', { control: true }))).toBeNull();
    expect(keyToCommand('pdf', down('q'))).toBeNull();
  });
});
