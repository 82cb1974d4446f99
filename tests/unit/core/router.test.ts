import { describe, expect, it } from 'vitest';
import { formatRoute, guideRoute, parseRoute } from '../../../renderer/app/router';

describe('hash routes', () => {
  it('round-trips every route', () => {
    for (const r of [{ name: 'home' }, { name: 'settings' }, { name: 'guides' }, { name: 'guides', guideId: 'no-signal', step: 3 }, { name: 'device', id: 'mac:00:11' },
      { name: 'guides', guideId: 'no-signal', anchor: 'input' }, { name: 'guides', guideId: 'no-signal', workshop: true, anchor: 'mute' },
      { name: 'guides', query: 'pas d’image & son ?' }] as const) {
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
  it('opens a guide at the step an error or a link names (guide:<id>#<anchor>)', () => {
    expect(guideRoute('guide:no-signal#input')).toEqual({ name: 'guides', guideId: 'no-signal', anchor: 'input' });
    expect(formatRoute(guideRoute('guide:pjlink-password#profile'))).toBe('#/guides/pjlink-password?anchor=profile');
    expect(guideRoute('no-signal')).toEqual({ name: 'guides', guideId: 'no-signal' });
    for (const bad of ['guide:', 'guide:No Signal', 'guide:no-signal#', 'guide:no-signal#<b>', 'https://example.org']) expect(guideRoute(bad)).toEqual({ name: 'guides' });
  });
  it('drops malformed anchors and bounds the search query', () => {
    expect(parseRoute('#/guides/no-signal?anchor=%3Cscript%3E')).toEqual({ name: 'guides', guideId: 'no-signal' });
    expect(parseRoute(`#/guides?q=${'a'.repeat(500)}`)).toEqual({ name: 'guides', query: 'a'.repeat(200) });
    expect(parseRoute('#/guides/no-signal/other')).toEqual({ name: 'guides', guideId: 'no-signal' });
  });
});

describe('the « Projeter » route', () => {
  it('round-trips with and without a preselected screen, and drops a malformed device id', () => {
    expect(parseRoute(formatRoute({ name: 'cast' }))).toEqual({ name: 'cast' });
    expect(formatRoute({ name: 'cast', deviceId: 'inv:demo-screen' })).toBe('#/cast/inv%3Ademo-screen');
    expect(parseRoute('#/cast/inv%3Ademo-screen')).toEqual({ name: 'cast', deviceId: 'inv:demo-screen' });
    expect(parseRoute('#/cast/<script>')).toEqual({ name: 'cast' });
  });
});
