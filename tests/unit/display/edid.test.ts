import { describe, expect, it } from 'vitest';
import { edidBytesFromHex, parseEdid } from '../../../main/services/display/edid';
import { buildEdid } from './helpers';

// Real EDIDs published in a monitor-switch script (see fixtures/xrandr/SOURCES.md).
const SAMSUNG_PANEL =
  '00ffffffffffff004ca349360000000000150103801f11780a09e59757548a27225054000000010101010101010101010101010101017d1e5618510016303020250035ae100000190000000f0000000000000000001ec8066a00000000fe0053414d53554e470a2020202020000000fe004c544e313430415432305030310021';
// Onkyo TX-SR805 A/V receiver (sits between laptops and projectors), from a published EDID override.
const ONKYO_RECEIVER =
  '00ffffffffffff003dcb810700000000001101038 06e3e780aee91a3544c99260f505420000001010101010101010101010101010101011d007251d01e206e285500536f4200001e011d801871 1c1620582c2500536f4200009e000000fc0054582d53523830350a20202020000000fd003b3d1e2e08000a202020202020015a';

describe('EDID', () => {
  it('reads manufacturer, product and preferred timing of a real laptop panel without a monitor name', () => {
    const info = parseEdid(edidBytesFromHex(SAMSUNG_PANEL)!);
    expect(info).toEqual({ manufacturerId: 'SEC', productCode: 0x3649, name: '', preferredSize: { width: 1366, height: 768 }, checksumValid: true });
  });

  it('reads the 0xFC monitor name of a real receiver EDID (whitespace in the hex is allowed)', () => {
    const info = parseEdid(edidBytesFromHex(ONKYO_RECEIVER)!);
    expect(info?.manufacturerId).toBe('ONK');
    expect(info?.name).toBe('TX-SR805');
    expect(info?.preferredSize).toEqual({ width: 1280, height: 720 });
  });

  it('reads a projector-like EDID built by the test and validates its checksum', () => {
    const bytes = buildEdid({ manufacturer: 'SEC', name: 'EPSON PJ', width: 1280, height: 800 });
    expect(parseEdid(bytes)).toMatchObject({ manufacturerId: 'SEC', name: 'EPSON PJ', preferredSize: { width: 1280, height: 800 }, checksumValid: true });
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    expect(parseEdid(bytes)?.checksumValid).toBe(false);
  });

  it('keeps only printable ASCII of the monitor name (control bytes, C1 and code-page letters become spaces)', () => {
    const bytes = buildEdid({ manufacturer: 'ABC', name: 'PJ\u0007\u0085X \u00e9\u001bY', width: 1024, height: 768 });
    expect(parseEdid(bytes)?.name).toBe('PJ X Y');
  });

  it('refuses data that is not an EDID', () => {
    expect(edidBytesFromHex('00ff')).toBeNull();
    expect(edidBytesFromHex('zz'.repeat(128))).toBeNull();
    expect(parseEdid(new Uint8Array(128))).toBeNull();
    expect(parseEdid(new Uint8Array(10))).toBeNull();
  });
});
