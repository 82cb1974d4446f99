import { describe, expect, it } from 'vitest';
import { choosePresentationDisplay, presentationBounds } from '../../../main/services/display/presentation-target';
import { display, LAPTOP } from './helpers';

const epson = display({ id: 2, label: 'EPSON PJ', primary: false, bounds: { x: 1440, y: 0, width: 1280, height: 800 } });

describe('choosePresentationDisplay', () => {
  it('goes full screen on the projector when it is a separate display (extend)', () => {
    expect(choosePresentationDisplay([LAPTOP, epson])).toEqual({ display: epson, placement: 'projector', bounds: { x: 1440, y: 0, width: 1280, height: 800 }, confidence: 'high', notice: null });
  });

  it('duplicate mode (one logical display): covers the laptop screen and says so', () => {
    expect(choosePresentationDisplay([LAPTOP])).toMatchObject({ display: LAPTOP, placement: 'same-screen', notice: 'display.presentation_on_laptop_screen' });
  });

  it('honours the display the teacher chose, even the laptop screen', () => {
    expect(choosePresentationDisplay([LAPTOP, epson], 1)).toMatchObject({ display: LAPTOP, placement: 'same-screen', notice: 'display.presentation_on_laptop_screen' });
    const monitor = display({ id: 3, label: 'DELL', bounds: { x: 2720, y: 0, width: 1920, height: 1080 } });
    expect(choosePresentationDisplay([LAPTOP, epson, monitor], 3)).toMatchObject({ display: monitor, placement: 'projector', confidence: 'high' });
  });

  it('ignores a chosen display that is gone and picks again', () => {
    expect(choosePresentationDisplay([LAPTOP, epson], 42)?.display.id).toBe(2);
  });

  it('projector-only (lid closed): the only display is used as the same screen', () => {
    const only = { ...epson, primary: true, bounds: { x: 0, y: 0, width: 1280, height: 800 } };
    expect(choosePresentationDisplay([only])).toMatchObject({ display: only, placement: 'same-screen' });
  });

  it('ignores undetected displays; null when nothing is left', () => {
    expect(choosePresentationDisplay([LAPTOP, { ...epson, detected: false }])?.placement).toBe('same-screen');
    expect(choosePresentationDisplay([])).toBeNull();
  });

  it('uses the whole display (not the work area), negative origins included', () => {
    expect(presentationBounds(display({ id: 4, bounds: { x: -1280, y: -200, width: 1280, height: 800 } }))).toEqual({ x: -1280, y: -200, width: 1280, height: 800 });
  });
});
