import { describe, expect, it } from 'vitest';
import { isUsable, parseXrandr, preferredMode } from '../../../main/services/display/xrandr-parse';
import { buildEdid, withEdid, xrandrFixture } from './helpers';

const out = (text: string, name: string) => {
  const o = parseXrandr(text).outputs.find((x) => x.name === name);
  if (!o) throw new Error(`no output ${name}`);
  return o;
};

describe('parseXrandr on real outputs', () => {
  it('reads the screen line and every output of an Intel laptop alone (eDP1 naming)', () => {
    const state = parseXrandr(xrandrFixture('edp1-alone.txt'));
    expect(state.screens).toEqual([{ index: 0, minimum: { width: 8, height: 8 }, current: { width: 1366, height: 768 }, maximum: { width: 32767, height: 32767 } }]);
    expect(state.outputs.map((o) => `${o.name}:${o.status}`)).toEqual([
      'eDP1:connected',
      'DP1:disconnected',
      'DP2:disconnected',
      'HDMI1:disconnected',
      'HDMI2:disconnected',
      'VIRTUAL1:disconnected',
    ]);
    const edp = out(xrandrFixture('edp1-alone.txt'), 'eDP1');
    expect(edp.primary).toBe(true);
    expect(edp.geometry).toEqual({ width: 1366, height: 768, x: 0, y: 0 });
    expect(edp.physicalSizeMm).toEqual({ width: 310, height: 170 });
    expect(edp.modes).toHaveLength(10);
    expect(edp.modes[0]).toEqual({ name: '1366x768', width: 1366, height: 768, interlaced: false, rates: [59.97], current: true, preferred: true });
    expect(edp.modes[4]).toMatchObject({ name: '800x600', rates: [60.32, 56.25], current: false, preferred: false });
  });

  it('sees a projector that is connected but not enabled yet: no geometry, "+" after a space marks its native 1024x768', () => {
    const hdmi = out(xrandrFixture('edp1-hdmi2-projector-off.txt'), 'HDMI2');
    expect(hdmi.status).toBe('connected');
    expect(hdmi.primary).toBe(false);
    expect(hdmi.geometry).toBeNull();
    expect(hdmi.modes[0]).toMatchObject({ name: '1024x768', rates: [70.07, 85, 75.03, 60], preferred: true, current: false });
    expect(hdmi.modes.find((m) => m.name === '1024x768i')).toMatchObject({ interlaced: true, width: 1024, height: 768 });
    expect(preferredMode(hdmi)?.name).toBe('1024x768');
    expect(hdmi.modes.some((m) => m.current)).toBe(false);
  });

  it('reads mirrored outputs (same origin) with old one-decimal rates and LVDS-1/HDMI-1 names', () => {
    const text = xrandrFixture('lvds-1-hdmi-1-mirrored.txt');
    expect(out(text, 'LVDS-1').geometry).toEqual({ width: 1024, height: 768, x: 0, y: 0 });
    expect(out(text, 'HDMI-1').geometry).toEqual({ width: 1024, height: 768, x: 0, y: 0 });
    expect(out(text, 'LVDS-1').primary).toBe(false);
    expect(out(text, 'LVDS-1').modes.find((m) => m.current)?.name).toBe('1024x768');
    expect(preferredMode(out(text, 'LVDS-1'))?.name).toBe('1366x768');
    expect(out(text, 'HDMI-1').physicalSizeMm).toEqual({ width: 160, height: 90 });
  });

  it('reads three extended outputs without a Screen line, and preferred flags after a space ("59.89 +  74.98")', () => {
    const text = xrandrFixture('lvds-1-vga-1-hdmi-1-extended.txt');
    const state = parseXrandr(text);
    expect(state.screens).toEqual([]);
    expect(out(text, 'LVDS-1').geometry).toEqual({ width: 1366, height: 768, x: 1024, y: 0 });
    expect(out(text, 'VGA-1').geometry).toEqual({ width: 1024, height: 768, x: 0, y: 282 });
    expect(out(text, 'HDMI-1').geometry).toEqual({ width: 1024, height: 768, x: 2390, y: 0 });
    expect(preferredMode(out(text, 'VGA-1'))?.name).toBe('1440x900');
    expect(out(text, 'VGA-1').modes[0]?.rates).toEqual([59.89, 74.98]);
    expect(out(text, 'HDMI-1').modes.filter((m) => m.interlaced).map((m) => m.name)).toEqual(['1920x1080i', '720x576i', '720x480i']);
  });

  it('keeps the stale geometry of disconnected outputs after undocking and ignores the verbose mode block at the end', () => {
    const text = xrandrFixture('edp1-undocked-stale.txt');
    const dp1 = out(text, 'DP1');
    expect(dp1.status).toBe('disconnected');
    expect(dp1.geometry).toEqual({ width: 1920, height: 1200, x: 1366, y: 0 });
    expect(dp1.modes).toEqual([]);
    expect(out(text, 'DP2').geometry).toEqual({ width: 1920, height: 1200, x: 3286, y: 0 });
    // "  1920x1200 (0xbf)  154.0MHz" must not become a mode of VIRTUAL1.
    expect(out(text, 'VIRTUAL1').modes).toEqual([]);
    expect(out(text, 'eDP1').geometry).toEqual({ width: 1366, height: 768, x: 0, y: 432 });
    expect(isUsable(dp1)).toBe(false);
  });

  it('reads amdgpu names (DisplayPort-0, HDMI-A-0, DVI-D-0)', () => {
    const state = parseXrandr(xrandrFixture('amdgpu-hdmi-a-0-single.txt'));
    expect(state.outputs.map((o) => o.name)).toEqual(['DisplayPort-0', 'DisplayPort-1', 'DisplayPort-2', 'HDMI-A-0', 'DVI-D-0']);
    const hdmi = state.outputs[3];
    expect(hdmi?.primary).toBe(true);
    expect(hdmi?.modes[0]).toMatchObject({ name: '1920x1080', rates: [60, 50, 59.94, 30, 25, 24, 29.97, 23.98], current: true, preferred: true });
  });

  it('has no preferred flag on a TV: preferredMode falls back to the first listed mode', () => {
    const hdmi = out(xrandrFixture('edp-1-hdmi-2-tv-off.txt'), 'HDMI-2');
    expect(hdmi.modes.some((m) => m.preferred)).toBe(false);
    expect(preferredMode(hdmi)?.name).toBe('4096x2160');
    expect(out(xrandrFixture('edp-1-hdmi-2-tv-off.txt'), 'eDP-1').modes).toHaveLength(38);
  });

  it('keeps leftover modes listed under a disconnected output (added with --addmode), without making it usable', () => {
    const text = xrandrFixture('xorg-dummy-disconnected-with-modes.txt');
    const dummy2 = out(text, 'DUMMY2');
    expect(dummy2).toMatchObject({ status: 'disconnected', geometry: null });
    expect(dummy2.modes.map((m) => m.name)).toEqual(['1024x768', '800x600']);
    expect(isUsable(dummy2)).toBe(false);
    expect(out(text, 'DUMMY3').modes).toEqual([]);
  });

  it('reads a connected output without any mode', () => {
    const hdmi = out(xrandrFixture('edp1-hdmi2-connected-no-modes.txt'), 'HDMI2');
    expect(hdmi.status).toBe('connected');
    expect(hdmi.modes).toEqual([]);
    expect(preferredMode(hdmi)).toBeNull();
  });

  it('reads Xvfb --props (output "screen", tab-indented properties, rate 0.00)', () => {
    const state = parseXrandr(xrandrFixture('xvfb-props.txt'));
    expect(state.outputs).toHaveLength(1);
    expect(state.outputs[0]).toMatchObject({ name: 'screen', status: 'connected', geometry: { width: 1920, height: 1080, x: 0, y: 0 }, edid: null });
    expect(state.outputs[0]?.modes).toEqual([{ name: '1920x1080', width: 1920, height: 1080, interlaced: false, rates: [0], current: true, preferred: false }]);
  });

  it('reads the Xorg dummy driver --props: properties do not break the mode list', () => {
    const text = xrandrFixture('xorg-dummy-extended-props.txt');
    const state = parseXrandr(text);
    expect(state.outputs).toHaveLength(16);
    expect(out(text, 'DUMMY0').geometry).toEqual({ width: 1280, height: 800, x: 0, y: 0 });
    expect(out(text, 'DUMMY1').geometry).toEqual({ width: 1024, height: 768, x: 1280, y: 0 });
    expect(out(text, 'DUMMY1').modes.find((m) => m.current)?.name).toBe('1024x768');
    expect(out(text, 'DUMMY2')).toMatchObject({ status: 'disconnected', geometry: null, modes: [] });
  });

  it('reads real EDIDs from --props: a laptop panel without a name and an AOC monitor named "2351"', () => {
    const text = xrandrFixture('lvds-1-hdmi-1-props-edid.txt');
    expect(out(text, 'LVDS-1').edid).toMatchObject({ manufacturerId: 'SEC', name: '', preferredSize: { width: 1366, height: 768 }, checksumValid: true });
    expect(out(text, 'HDMI-1').edid).toMatchObject({ manufacturerId: 'AOC', name: '2351', preferredSize: { width: 1920, height: 1080 }, checksumValid: true });
    // The property lines after EDID ("Broadcast RGB") end the hex block; the modes still parse.
    expect(out(text, 'HDMI-1').modes).toHaveLength(7);
    expect(out(text, 'DP-1').edid).toBeNull();
  });
});

describe('parseXrandr edge cases', () => {
  it('reads rotation, reflection and negative offsets in both spellings', () => {
    const text = [
      'HDMI-1 connected 768x1024+-768+0 left (normal left inverted right x axis y axis) 344mm x 194mm',
      'DP-1 connected primary 1920x1080-1920+0 X axis (normal left inverted right x axis y axis) 600mm x 340mm',
      'eDP-1 connected 1920x1080+0+0 inverted X and Y axis (normal left inverted right x axis y axis) 344mm x 194mm',
    ].join('\n');
    const state = parseXrandr(text);
    expect(state.outputs[0]).toMatchObject({ rotation: 'left', geometry: { width: 768, height: 1024, x: -768, y: 0 } });
    expect(state.outputs[1]).toMatchObject({ primary: true, rotation: 'normal', geometry: { x: -1920, y: 0 } });
    expect(state.outputs[2]).toMatchObject({ rotation: 'inverted', geometry: { x: 0, y: 0 } });
  });

  it('reads the verbose header form with a mode id and "unknown connection"', () => {
    const state = parseXrandr(
      [
        'HDMI-1 connected 1024x768+0+0 (0x40) normal (normal left inverted right x axis y axis) 0mm x 0mm',
        '  1024x768 (0x40) 65.000MHz -HSync -VSync *current',
        '        h: width  1024 start 1048 end 1184 total 1344 skew    0 clock  48.36KHz',
        'VGA-0 unknown connection 1024x768+0+0 (normal left inverted right x axis y axis) 0mm x 0mm',
        'VGA-2 unknown connection (normal left inverted right x axis y axis)',
      ].join('\n'),
    );
    expect(state.outputs[0]).toMatchObject({ name: 'HDMI-1', status: 'connected', geometry: { width: 1024, height: 768 }, modes: [] });
    expect(state.outputs[1]?.status).toBe('unknown');
    expect(isUsable(state.outputs[1]!)).toBe(true);
    expect(isUsable(state.outputs[2]!)).toBe(false);
  });

  it('ignores garbage, errors and Monitors: lines without throwing, and handles CRLF', () => {
    const state = parseXrandr('xrandr: Failed to get size of gamma for output default\r\nMonitors: 1\r\n 0: +*eDP-1 1920/344x1080/194+0+0  eDP-1\r\n\u0000\u0001garbage\r\n');
    expect(state).toEqual({ screens: [], outputs: [] });
    expect(parseXrandr('')).toEqual({ screens: [], outputs: [] });
  });

  it('parses a projector EDID inserted by --props (built by the test: no real projector EDID was at hand)', () => {
    const text = withEdid(xrandrFixture('edp1-hdmi2-projector-off.txt'), 'HDMI2', buildEdid({ manufacturer: 'SEC', name: 'EPSON PJ', width: 1024, height: 768 }));
    const hdmi = out(text, 'HDMI2');
    expect(hdmi.edid).toMatchObject({ manufacturerId: 'SEC', name: 'EPSON PJ', preferredSize: { width: 1024, height: 768 }, checksumValid: true });
    expect(hdmi.modes).toHaveLength(14);
  });

  it('keeps a malformed EDID from breaking the output (edid null)', () => {
    const text = 'HDMI-1 connected 1024x768+0+0 (normal left inverted right x axis y axis) 0mm x 0mm\n\tEDID: \n\t\t00ffffffffffff00\n   1024x768      60.00*+\n';
    const state = parseXrandr(text);
    expect(state.outputs[0]?.edid).toBeNull();
    expect(state.outputs[0]?.modes).toHaveLength(1);
  });
});
