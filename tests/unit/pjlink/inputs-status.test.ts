import { describe, expect, it } from 'vitest';
import { bareInput, foldName, resolveInputSpec } from '../../../main/services/pjlink/inputs';
import type { PjlinkInput } from '../../../main/services/pjlink/client';
import { changedFields, componentAlerts, emptyStatus, powerFailureCode } from '../../../main/services/pjlink/status';
import { decodeErrors } from '../../../main/services/pjlink/codec';

const named = (code: string, name: string | null): PjlinkInput => ({ ...bareInput(code)!, name });

describe('resolveInputSpec', () => {
  const standard = [named('11', 'Ordinateur'), named('31', 'HDMI 1'), named('32', 'HDMI 2'), named('52', 'LAN')];
  const epson = [named('32', 'HDMI1'), named('53', 'USB Display'), named('55', 'Whiteboard'), named('57', 'Screen Mirroring')];
  const class1 = [named('11', null), named('12', null), named('31', null), named('32', null)];

  it('accepts codes in any case', () => {
    expect(resolveInputSpec('31', standard)).toBe('31');
    expect(resolveInputSpec(' 52 ', standard)).toBe('52');
    expect(resolveInputSpec('3a', [named('3A', null)])).toBe('3A');
    expect(resolveInputSpec('33', standard)).toBeNull();
  });

  it('matches the device\'s own names, ignoring case, accents and spaces', () => {
    expect(resolveInputSpec('usb display', epson)).toBe('53');
    expect(resolveInputSpec('Screen-Mirroring', epson)).toBe('57');
    expect(resolveInputSpec('HDMI 1', epson)).toBe('32');
    expect(resolveInputSpec('ordinateur', standard)).toBe('11');
  });

  it('matches type names and numbers in French and English when there are no names', () => {
    expect(resolveInputSpec('HDMI 2', class1)).toBe('32');
    expect(resolveInputSpec('hdmi', class1)).toBe('31');
    expect(resolveInputSpec('VGA 2', class1)).toBe('12');
    expect(resolveInputSpec('Ordinateur 1', class1)).toBe('11');
    expect(resolveInputSpec('Computer', class1)).toBe('11');
    expect(resolveInputSpec('Réseau', standard)).toBe('52');
    expect(resolveInputSpec('HDMI 3', class1)).toBeNull();
    expect(resolveInputSpec('hdmi12', class1)).toBeNull();
    expect(resolveInputSpec('', class1)).toBeNull();
  });

  it('folds names', () => {
    expect(foldName(' Écran  (HDMI-1) ')).toBe('ecranhdmi1');
  });
});

describe('status helpers', () => {
  it('lists ERST alerts, errors first, with codes and guides', () => {
    expect(componentAlerts(decodeErrors('000000'))).toEqual([]);
    expect(componentAlerts(decodeErrors('012100'))).toEqual([
      { component: 'temperature', level: 'error', code: 'pjlink.temperature_error', guide: 'guide:shuts-down' },
      { component: 'lamp', level: 'warning', code: 'pjlink.lamp_warning', guide: 'guide:lamp-filter' },
      { component: 'cover', level: 'warning', code: 'pjlink.cover_open', guide: 'guide:contact-it' },
    ]);
    expect(componentAlerts(null)).toEqual([]);
  });

  it('explains a refused power-on from ERST', () => {
    expect(powerFailureCode(decodeErrors('020000'))).toBe('pjlink.lamp_error');
    expect(powerFailureCode(decodeErrors('000200'))).toBe('pjlink.cover_open');
    expect(powerFailureCode(decodeErrors('000001'))).toBe('pjlink.other_warning');
    expect(powerFailureCode(decodeErrors('000000'))).toBe('pjlink.projector_failure');
    expect(powerFailureCode(null)).toBe('pjlink.projector_failure');
  });

  it('reports changed fields, ignoring the update time', () => {
    const a = emptyStatus('h:1', { host: 'h', port: 1 });
    const b = { ...a, updatedAt: 5 };
    expect(changedFields(a, b)).toEqual([]);
    expect(changedFields(a, { ...b, power: 'on', mute: { video: true, audio: true } })).toEqual(['power', 'mute']);
  });
});
