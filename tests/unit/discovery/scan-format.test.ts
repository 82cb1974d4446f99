import { describe, expect, it } from 'vitest';
import { formatDevice, formatHeader, formatInputs, formatSummary, scanT } from '../../../main/cli/scan-runner';
import type { Device } from '../../../preload/contract/devices';

const device: Device = {
  id: 'mac:00:11:22:33:44:55',
  name: 'VPI salle 12 <img src=x onerror=alert(1)> avec un nom beaucoup trop long pour la colonne',
  kind: 'interactive-projector',
  maker: 'EPSON',
  model: 'EB-695Wi',
  room: null,
  host: '10.0.0.20',
  addresses: ['10.0.0.20'],
  mac: '00:11:22:33:44:55',
  capabilities: ['pjlink'],
  sources: ['mdns', 'pjlink-search'],
  reachability: 'online',
  lastSeen: 1,
  inInventory: false,
  endpoints: {},
};

describe('scan output', () => {
  it('prints a translated header and one aligned row per device, cutting long names', () => {
    const fr = scanT('fr');
    expect(formatHeader(fr)).toMatch(/^Type\s+Nom\s+Adresse\s+Modèle\s+Trouvé par$/);
    const row = formatDevice(device, fr);
    expect(row.startsWith('VPI')).toBe(true);
    expect(row).toContain('VPI salle 12 <img src=x onerro… ');
    expect(row).toContain('10.0.0.20');
    expect(row).toContain('EB-695Wi');
    expect(row.endsWith('mdns,pjlink-search')).toBe(true);
    expect(formatDevice(device, scanT('en')).startsWith('Interactive projector')).toBe(true);
  });

  it('lists inputs under the row: the projector’s names, else the type name, with the code IT types', () => {
    const inputs = [{ code: '31', name: 'HDMI salle' }, { code: '11', name: null }, { code: '52', name: null }];
    expect(formatInputs(inputs, scanT('fr'))).toBe(`${' '.repeat(22)}Entrées\u202f: HDMI salle (31), Ordinateur (VGA) 1 (11), Réseau 2 (52)`);
    expect(formatInputs(inputs, scanT('en')).trimStart()).toBe('Inputs: HDMI salle (31), Computer (VGA) 1 (11), Network 2 (52)');
  });

  it('summarises, and says what to try when nothing was found or there is no network', () => {
    const t = scanT('fr');
    const base = { devices: [device], durationMs: 5_012, bySource: {}, online: 1, interfaces: [], problem: null };
    expect(formatSummary(base, t)).toEqual(['1 appareil(s) trouvé(s), dont 1 en ligne, en 5.0 s.']);
    expect(formatSummary({ ...base, devices: [], online: 0 }, t)[1]).toMatch(/--probe/);
    expect(formatSummary({ ...base, devices: [], online: 0, problem: 'no-network' }, scanT('en'))[1]).toMatch(/No active network connection/);
  });

  it('falls back to the key for a missing text rather than printing nothing', () => {
    expect(scanT('fr')('scan:nope.missing')).toBe('scan:nope.missing');
  });
});
