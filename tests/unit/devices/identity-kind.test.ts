import { describe, expect, it } from 'vitest';
import {
  inSubnet,
  netmaskToPrefix,
  normalizeAddress,
  normalizeAirplayId,
  normalizeCastId,
  normalizeHost,
  normalizeMac,
} from '../../../main/services/devices/identity';
import { inferKind } from '../../../main/services/devices/kind';

describe('identity normalisation', () => {
  it('normalises MAC addresses and rejects placeholders and junk', () => {
    expect(normalizeMac('AA-BB-CC-DD-EE-FF')).toBe('aa:bb:cc:dd:ee:ff');
    expect(normalizeMac('aabb.ccdd.eeff')).toBe('aa:bb:cc:dd:ee:ff');
    expect(normalizeMac('AABBCCDDEEFF')).toBe('aa:bb:cc:dd:ee:ff');
    expect(normalizeMac('00:00:00:00:00:00')).toBeNull();
    expect(normalizeMac('ff:ff:ff:ff:ff:ff')).toBeNull();
    expect(normalizeMac('aa:bb:cc:dd:ee')).toBeNull();
    expect(normalizeMac('<script>alert(1)</script>')).toBeNull();
    expect(normalizeMac(42)).toBeNull();
  });

  it('normalises Cast and AirPlay ids', () => {
    expect(normalizeCastId('0123456789ABCDEF0123456789ABCDEF')).toBe('0123456789abcdef0123456789abcdef');
    expect(normalizeCastId('01234567-89ab-cdef-0123-456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(normalizeCastId('not hex!')).toBeNull();
    expect(normalizeAirplayId('AA:BB:CC:DD:EE:FF')).toBe('aa:bb:cc:dd:ee:ff');
    expect(normalizeAirplayId('<b>')).toBeNull();
  });

  it('accepts DNS and mDNS host names (UTF-8 too) and rejects the rest', () => {
    expect(normalizeHost('Salle12.local.')).toBe('salle12.local');
    expect(normalizeHost('écran-12.local')).toBe('écran-12.local');
    expect(normalizeHost('10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeHost('a b.local')).toBeNull();
    expect(normalizeHost('<img src=x>')).toBeNull();
    expect(normalizeHost(`${'a'.repeat(64)}.local`)).toBeNull();
    expect(normalizeHost('')).toBeNull();
  });

  it('accepts IP literals only as addresses', () => {
    expect(normalizeAddress('10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('FE80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('0.0.0.0')).toBeNull();
    expect(normalizeAddress('10.0.0.256')).toBeNull();
    expect(normalizeAddress('host.local')).toBeNull();
  });

  it('computes prefixes and subnet membership', () => {
    expect(netmaskToPrefix('255.255.255.0')).toBe(24);
    expect(netmaskToPrefix('255.255.0.0')).toBe(16);
    expect(netmaskToPrefix('255.0.255.0')).toBe(-1);
    expect(inSubnet('10.1.2.3', '10.1.2.0', 24)).toBe(true);
    expect(inSubnet('10.1.3.3', '10.1.2.0', 24)).toBe(false);
    expect(inSubnet('10.1.3.3', '10.1.2.0', 16)).toBe(true);
  });
});

describe('kind inference', () => {
  it('trusts the declared kind (inventory) first', () => {
    expect(inferKind({ declared: 'screen', capabilities: ['pjlink'] })).toBe('screen');
  });

  it('PJLink means a projector; interactive by model or by input name', () => {
    expect(inferKind({ capabilities: ['pjlink'], model: 'EB-W49' })).toBe('projector');
    expect(inferKind({ capabilities: ['pjlink'], model: 'EB-695Wi' })).toBe('interactive-projector');
    expect(inferKind({ capabilities: ['pjlink'], model: 'EB-1485Fi' })).toBe('interactive-projector');
    expect(inferKind({ capabilities: ['pjlink'], model: 'BrightLink 710Ui' })).toBe('interactive-projector');
    expect(inferKind({ capabilities: ['pjlink'], model: 'X', inputNames: ['HDMI 1', 'Whiteboard'] })).toBe('interactive-projector');
  });

  it('casting alone means a screen, unless the model is a dongle or set-top box', () => {
    expect(inferKind({ capabilities: ['googlecast'], model: 'BRAVIA 4K VH2' })).toBe('screen');
    expect(inferKind({ capabilities: ['googlecast'], model: 'Chromecast Ultra' })).toBe('cast-receiver');
    expect(inferKind({ capabilities: ['airplay'], model: 'AppleTV6,2' })).toBe('cast-receiver');
    expect(inferKind({ capabilities: ['miracast'] })).toBe('screen');
    expect(inferKind({ capabilities: [] })).toBe('unknown');
  });
});
