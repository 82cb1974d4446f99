import { describe, expect, it } from 'vitest';
import { formatRoute, guideRoute, parseRoute } from '../../../renderer/app/router';

describe('hash routes', () => {
  it('round-trips every route', () => {
    for (const r of [{ name: 'home' }, { name: 'settings' }, { name: 'guides' }, { name: 'guides', guideId: 'no-signal', step: 3 }, { name: 'device', id: 'mac:00:11' }] as const) {
      expect(parseRoute(formatRoute(r))).toEqual(r);
    }
  });
  it('treats anything unknown or malformed as home', () => {
    for (const h of ['', '#', '#/nope', '#/device/', '#/device/<script>', '#/%E0%A4%A']) expect(parseRoute(h)).toEqual({ name: 'home' });
    expect(parseRoute('#/guides/no-signal?step=abc')).toEqual({ name: 'guides', guideId: 'no-signal' });
  });
  it('opens a guide from its id', () => {
    expect(guideRoute('guide:no-signal', 2)).toEqual({ name: 'guides', guideId: 'no-signal', step: 2 });
  });
});
