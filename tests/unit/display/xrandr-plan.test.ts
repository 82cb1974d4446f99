import { describe, expect, it } from 'vitest';
import { parseXrandr } from '../../../main/services/display/xrandr-parse';
import { chooseCommonMode, chooseXrandrRoles, classifyXrandrTopology, isInternalOutputName, planXrandr } from '../../../main/services/display/xrandr-plan';
import { buildEdid, withEdid, xrandrFixture } from './helpers';

const state = (name: string) => parseXrandr(xrandrFixture(name));
const roles = (name: string) => chooseXrandrRoles(state(name));

describe('xrandr roles and topology', () => {
  it('knows the connector names of laptop panels', () => {
    for (const n of ['eDP-1', 'eDP1', 'eDP', 'eDP-1-1', 'LVDS-1', 'LVDS1', 'LVDS', 'DSI-1']) expect(isInternalOutputName(n)).toBe(true);
    for (const n of ['HDMI-1', 'HDMI-A-0', 'DP-1', 'DisplayPort-0', 'VGA-1', 'DVI-D-0', 'DUMMY0', 'screen', 'eDPX']) expect(isInternalOutputName(n)).toBe(false);
  });

  it('laptop alone: main eDP1, no projector, topology "single"', () => {
    const r = roles('edp1-alone.txt');
    expect(r?.main.name).toBe('eDP1');
    expect(r?.external).toBeNull();
    expect(classifyXrandrTopology(r!)).toBe('single');
  });

  it('projector plugged but off: HDMI2 is the projector, topology "internal"', () => {
    const r = roles('edp1-hdmi2-projector-off.txt');
    expect([r?.main.name, r?.external?.name]).toEqual(['eDP1', 'HDMI2']);
    expect(classifyXrandrTopology(r!)).toBe('internal');
  });

  it('mirrored LVDS-1/HDMI-1 at the same origin is "duplicate" even though LVDS-1 is not primary', () => {
    const r = roles('lvds-1-hdmi-1-mirrored.txt');
    expect([r?.main.name, r?.external?.name]).toEqual(['LVDS-1', 'HDMI-1']);
    expect(classifyXrandrTopology(r!)).toBe('duplicate');
  });

  it('extended LVDS-1 + VGA-1 is "extend"; with a broken EDID on the left, still "extend"', () => {
    expect(classifyXrandrTopology(roles('lvds-1-vga-1-extended.txt')!)).toBe('extend');
    const r = roles('lvds1-vga1-broken-edid-extended.txt');
    expect([r?.main.name, r?.external?.name]).toEqual(['LVDS1', 'VGA1']);
    expect(classifyXrandrTopology(r!)).toBe('extend');
  });

  it('three outputs: neither external looks like a projector, the one further right is picked and the other left alone', () => {
    const r = roles('lvds-1-vga-1-hdmi-1-extended.txt');
    expect(r?.main.name).toBe('LVDS-1');
    // VGA-1 (preferred 1440x900) and HDMI-1 (1680x1050): neither looks like a projector; tie → further right.
    expect(r?.external?.name).toBe('HDMI-1');
    expect(r?.others.map((o) => o.name)).toEqual(['VGA-1']);
  });

  it('picks the projector by its EDID name among two external outputs', () => {
    const text = withEdid(xrandrFixture('lvds-1-vga-1-hdmi-1-extended.txt'), 'VGA-1', buildEdid({ manufacturer: 'SEC', name: 'EPSON PJ', width: 1024, height: 768 }));
    const r = chooseXrandrRoles(parseXrandr(text));
    expect(r?.external?.name).toBe('VGA-1');
  });

  it('finds stale disconnected outputs that still hold a CRTC', () => {
    const r = roles('edp1-undocked-stale.txt');
    expect(r?.stale.map((o) => o.name)).toEqual(['DP1', 'DP2']);
    expect(r?.external).toBeNull();
  });

  it('a desktop without a laptop panel: the primary output is "main"', () => {
    const r = roles('amdgpu-hdmi-a-0-single.txt');
    expect(r?.main.name).toBe('HDMI-A-0');
    expect(classifyXrandrTopology(r!)).toBe('single');
    expect(roles('xorg-dummy-extended-props.txt')?.main.name).toBe('DUMMY0');
    expect(classifyXrandrTopology(roles('xorg-dummy-extended-props.txt')!)).toBe('extend');
    expect(classifyXrandrTopology(roles('xorg-dummy-mirrored.txt')!)).toBe('duplicate');
  });

  it('without a laptop panel, « projecteur seulement » makes the projector primary: remembered roles keep it the projector', () => {
    const externalOnly = [
      'DUMMY0 connected (normal left inverted right x axis y axis)',
      '   1280x800      59.81  ',
      'DUMMY1 connected primary 1024x768+0+0 0mm x 0mm',
      '   1024x768      60.00*  ',
    ].join('\n');
    const s = parseXrandr(externalOnly);
    // Without memory, "primary" is all we have: the roles flip.
    expect(chooseXrandrRoles(s)?.main.name).toBe('DUMMY1');
    const r = chooseXrandrRoles(s, { main: 'DUMMY0', external: 'DUMMY1' });
    expect([r?.main.name, r?.external?.name]).toEqual(['DUMMY0', 'DUMMY1']);
    expect(classifyXrandrTopology(r!)).toBe('external');
    // A hint naming outputs that are gone is ignored.
    expect(chooseXrandrRoles(s, { main: 'HDMI-1', external: 'DP-1' })?.main.name).toBe('DUMMY1');
  });

  it('without a laptop panel, an EDID that says projector decides even when it is primary', () => {
    const text = withEdid(
      ['DisplayPort-0 connected 1920x1080+1024+0 (x) 1mm x 1mm', '   1920x1080     60.00*+', 'HDMI-A-0 connected primary 1024x768+0+0 (x) 1mm x 1mm', '   1024x768      60.00*+'].join('\n'),
      'HDMI-A-0',
      buildEdid({ manufacturer: 'SEC', name: 'EPSON PJ', width: 1024, height: 768 }),
    );
    const r = chooseXrandrRoles(parseXrandr(text));
    expect([r?.main.name, r?.external?.name]).toEqual(['DisplayPort-0', 'HDMI-A-0']);
  });

  it('ignores disconnected outputs that only list leftover modes', () => {
    const r = roles('xorg-dummy-disconnected-with-modes.txt');
    expect(r?.main.name).toBe('DUMMY0');
    expect(r?.external).toBeNull();
    expect(planXrandr(state('xorg-dummy-disconnected-with-modes.txt'), 'duplicate')).toEqual({ ok: false, reason: 'no-external' });
  });

  it('returns null when nothing is connected', () => {
    expect(chooseXrandrRoles(parseXrandr('HDMI-1 disconnected (normal left inverted right x axis y axis)'))).toBeNull();
    expect(planXrandr(parseXrandr(''), 'duplicate')).toEqual({ ok: false, reason: 'no-output' });
  });
});

describe('chooseCommonMode', () => {
  it("uses the projector's native 1024×768, which the laptop panel lists too", () => {
    const r = roles('edp1-hdmi2-projector-off.txt')!;
    expect(chooseCommonMode(r.main, r.external!)).toEqual({ size: { width: 1024, height: 768 }, mainMode: '1024x768', externalMode: '1024x768' });
  });

  it("falls back to the laptop's native mode when the projector's is missing on the laptop (4K TV)", () => {
    const r = roles('edp-1-hdmi-2-tv-off.txt')!;
    expect(chooseCommonMode(r.main, r.external!)?.size).toEqual({ width: 1920, height: 1080 });
  });

  it('takes the largest common mode when neither native mode is shared (never an interlaced one)', () => {
    const r = roles('lvds-1-hdmi-1-mirrored.txt')!;
    // HDMI-1 native 1920x1080 and LVDS-1 native 1366x768 are not shared; 1024x768 is the largest common.
    expect(chooseCommonMode(r.main, r.external!)?.size).toEqual({ width: 1024, height: 768 });
    const vga = roles('lvds1-vga1-broken-edid-extended.txt')!;
    expect(chooseCommonMode(vga.main, vga.external!)?.size).toEqual({ width: 800, height: 600 });
  });

  it('returns null when there is no common progressive mode', () => {
    const s = parseXrandr(['eDP-1 connected primary 1920x1080+0+0 (x) 1mm x 1mm', '   1920x1080     60.00*+', 'HDMI-1 connected (x)', '   1024x768      60.00 +', '   1920x1080i    60.00'].join('\n'));
    const r = chooseXrandrRoles(s)!;
    expect(chooseCommonMode(r.main, r.external!)).toBeNull();
  });
});

describe('planXrandr', () => {
  it('duplicate with a common mode: both outputs at 1024x768, the projector --same-as the laptop', () => {
    const plan = planXrandr(state('edp1-hdmi2-projector-off.txt'), 'duplicate');
    expect(plan).toEqual({
      ok: true,
      mode: 'duplicate',
      args: ['--output', 'eDP1', '--mode', '1024x768', '--pos', '0x0', '--primary', '--output', 'HDMI2', '--mode', '1024x768', '--same-as', 'eDP1'],
      roles: { main: 'eDP1', external: 'HDMI2' },
      commonMode: { size: { width: 1024, height: 768 }, mainMode: '1024x768', externalMode: '1024x768' },
    });
  });

  it('duplicate without a common mode falls back to --auto --same-as', () => {
    const s = parseXrandr(['eDP-1 connected primary 1920x1080+0+0 (x) 1mm x 1mm', '   1920x1080     60.00*+', 'HDMI-1 connected (x)', '   1024x768      60.00 +'].join('\n'));
    const plan = planXrandr(s, 'duplicate');
    expect(plan.ok && plan.args).toEqual(['--output', 'eDP-1', '--auto', '--pos', '0x0', '--primary', '--output', 'HDMI-1', '--auto', '--same-as', 'eDP-1']);
    expect(plan.ok && plan.commonMode).toBeNull();
  });

  it('extend: laptop primary at 0x0, projector --right-of it at its own preferred mode', () => {
    const plan = planXrandr(state('lvds-1-hdmi-1-mirrored.txt'), 'extend');
    expect(plan.ok && plan.args).toEqual(['--output', 'LVDS-1', '--auto', '--pos', '0x0', '--primary', '--output', 'HDMI-1', '--auto', '--right-of', 'LVDS-1']);
  });

  it('external (« projecteur seulement »): projector on and primary first, then the laptop off', () => {
    const plan = planXrandr(state('edp-1-hdmi-2-tv-off.txt'), 'external');
    expect(plan.ok && plan.args).toEqual(['--output', 'HDMI-2', '--auto', '--pos', '0x0', '--primary', '--output', 'eDP-1', '--off']);
  });

  it('internal (« ordinateur seulement »): laptop on, projector off; also valid with nothing plugged in', () => {
    expect(planXrandr(state('lvds-1-vga-1-extended.txt'), 'internal')).toMatchObject({
      ok: true,
      args: ['--output', 'LVDS-1', '--auto', '--pos', '0x0', '--primary', '--output', 'VGA-1', '--off'],
    });
    expect(planXrandr(state('edp1-alone.txt'), 'internal')).toMatchObject({ ok: true, args: ['--output', 'eDP1', '--auto', '--pos', '0x0', '--primary'], roles: { external: null } });
  });

  it('turns stale CRTCs off first (undocked laptop)', () => {
    const plan = planXrandr(state('edp1-undocked-stale.txt'), 'internal');
    expect(plan.ok && plan.args).toEqual(['--output', 'DP1', '--off', '--output', 'DP2', '--off', '--output', 'eDP1', '--auto', '--pos', '0x0', '--primary']);
  });

  it('refuses duplicate/extend/external without a projector, and a projector without modes', () => {
    for (const mode of ['duplicate', 'extend', 'external'] as const) {
      expect(planXrandr(state('edp1-alone.txt'), mode)).toEqual({ ok: false, reason: 'no-external' });
      expect(planXrandr(state('edp1-hdmi2-connected-no-modes.txt'), mode)).toEqual({ ok: false, reason: 'external-no-modes' });
    }
  });

  it('only ever puts names that xrandr printed into the arguments', () => {
    const s = state('lvds-1-vga-1-hdmi-1-extended.txt');
    const names = new Set(s.outputs.map((o) => o.name));
    const modes = new Set(s.outputs.flatMap((o) => o.modes.map((m) => m.name)));
    for (const mode of ['duplicate', 'extend', 'external', 'internal'] as const) {
      const plan = planXrandr(s, mode);
      if (!plan.ok) throw new Error(mode);
      plan.args.forEach((arg, i) => {
        const flag = plan.args[i - 1];
        if (flag === '--output' || flag === '--same-as' || flag === '--right-of') expect(names.has(arg)).toBe(true);
        else if (flag === '--mode') expect(modes.has(arg)).toBe(true);
        else if (flag !== '--pos') expect(arg).toMatch(/^--(output|mode|pos|primary|auto|off|same-as|right-of)$/);
      });
    }
  });
});
