import { describe, expect, it } from 'vitest';
import { pickProjectorDisplay } from '../../../main/services/display/projector-pick';
import { display, LAPTOP } from './helpers';

describe('pickProjectorDisplay', () => {
  it('finds no projector when only the laptop panel is connected', () => {
    const decision = pickProjectorDisplay([LAPTOP]);
    expect(decision.projector).toBeNull();
    expect(decision.candidates).toEqual([]);
    expect(decision).toMatchObject({ internalCount: 1, externalCount: 0, ambiguous: false });
  });

  it('never picks the internal panel, even named like a projector', () => {
    const decision = pickProjectorDisplay([{ ...LAPTOP, label: 'EPSON PJ' }]);
    expect(decision.projector).toBeNull();
  });

  it('picks an Epson by its EDID label with high confidence', () => {
    const epson = display({ id: 2, label: 'EPSON PJ', primary: false, bounds: { x: 1440, y: 0, width: 1280, height: 800 } });
    const decision = pickProjectorDisplay([LAPTOP, epson]);
    expect(decision.projector?.display.id).toBe(2);
    expect(decision.projector?.confidence).toBe('high');
    expect(decision.projector?.reasons).toEqual(['external', 'name-keyword', 'name-projector-brand', 'projector-resolution', 'only-external', 'not-primary']);
  });

  it('picks the only external screen with medium confidence when nothing else is known', () => {
    const unknown = display({ id: 7, label: '', bounds: { x: 1440, y: 0, width: 1920, height: 1080 } });
    const decision = pickProjectorDisplay([LAPTOP, unknown]);
    expect(decision.projector?.display.id).toBe(7);
    expect(decision.projector?.confidence).toBe('medium');
    expect(decision.projector?.reasons).toContain('only-external');
  });

  it('prefers the projector over a desk monitor: name beats resolution', () => {
    const dell = display({ id: 2, label: 'DELL U2419H', bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, primary: false });
    const benq = display({ id: 3, label: 'BenQ PJ', bounds: { x: 3360, y: 0, width: 1920, height: 1080 }, primary: false });
    const decision = pickProjectorDisplay([LAPTOP, dell, benq]);
    expect(decision.projector?.display.id).toBe(3);
    expect(decision.projector?.confidence).toBe('high');
    expect(decision.candidates.map((c) => c.display.id)).toEqual([3, 2]);
    expect(decision.candidates[1]?.reasons).toContain('name-monitor-brand');
    expect(decision.ambiguous).toBe(false);
  });

  it('uses a projector resolution (1024×768 in physical pixels, DIP × scale) when names say nothing', () => {
    const tv = display({ id: 2, label: '', bounds: { x: 1440, y: 0, width: 1920, height: 1080 } });
    const xga = display({ id: 3, label: '', bounds: { x: 3360, y: 0, width: 512, height: 384 }, scaleFactor: 2 });
    const decision = pickProjectorDisplay([LAPTOP, tv, xga]);
    expect(decision.projector?.display.id).toBe(3);
    expect(decision.projector?.reasons).toContain('projector-resolution');
    expect(decision.projector?.confidence).toBe('medium');
  });

  it('says "ambiguous" with low confidence when two external screens are equally likely', () => {
    const a = display({ id: 2, label: '', bounds: { x: 1440, y: 0, width: 2560, height: 1440 } });
    const b = display({ id: 3, label: '', bounds: { x: 4000, y: 0, width: 2560, height: 1440 } });
    const decision = pickProjectorDisplay([LAPTOP, a, b]);
    expect(decision.ambiguous).toBe(true);
    expect(decision.projector?.confidence).toBe('low');
    // Tie: the one further right (where "extend" puts the projector) comes first.
    expect(decision.projector?.display.id).toBe(3);
  });

  it('ignores displays the OS only remembers (detected: false)', () => {
    const ghost = display({ id: 9, label: 'EPSON PJ', detected: false });
    expect(pickProjectorDisplay([LAPTOP, ghost]).projector).toBeNull();
  });

  it('uses the EDID name and native size given by xrandr over the Electron label and DIP size', () => {
    const hdmi = display({ id: 4, label: '', edidName: 'NEC PROJECTOR', nativeSize: { width: 1280, height: 800 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } });
    const decision = pickProjectorDisplay([hdmi]);
    expect(decision.projector?.reasons).toEqual(['external', 'name-keyword', 'name-mixed-brand', 'projector-resolution', 'only-external']);
    expect(decision.projector?.confidence).toBe('high');
  });

  it('recognises "Vidéoprojecteur" with or without the accent', () => {
    for (const label of ['Vidéoprojecteur salle 12', 'VIDEOPROJECTEUR']) {
      expect(pickProjectorDisplay([display({ id: 2, label })]).projector?.reasons).toContain('name-keyword');
    }
  });

  it('treats "projector only" (laptop lid closed, the external display is primary) as the projector', () => {
    const only = display({ id: 5, label: 'Optoma WXGA', primary: true, bounds: { x: 0, y: 0, width: 1280, height: 800 } });
    const decision = pickProjectorDisplay([only]);
    expect(decision.projector?.display.id).toBe(5);
    expect(decision.projector?.reasons).not.toContain('not-primary');
    expect(decision.internalCount).toBe(0);
  });
});
