import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../../preload/contract/devices';
import { LogBook } from '../../../main/services/core/logger';
import { buildDiagnosticReport, DiagnosticReport, scrubSecrets, type ReportSources } from '../../../main/services/report/diagnostic-report';
import { formatDiagnosticReport } from '../../../main/services/report/report-text';
import { reportCommand } from '../../../main/services/report/report-command';
import type { ProfileStatus } from '../../../main/services/profiles/status';

const interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  wlan0: [
    { address: '10.34.103.42', netmask: '255.255.255.0', family: 'IPv4', mac: 'a4:5e:60:12:34:56', internal: false, cidr: '10.34.103.42/24' },
    { address: 'fe80::a65e:60ff:fe12:3456', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: 'a4:5e:60:12:34:56', internal: false, cidr: 'fe80::a65e:60ff:fe12:3456/64', scopeid: 3 },
  ],
};

const device: Device = {
  id: 'vp-salle-3',
  name: 'Vidéoprojecteur salle 3',
  kind: 'projector',
  maker: 'Epson',
  model: 'EB-680',
  room: 'salle-3',
  host: '10.34.103.10',
  addresses: ['10.34.103.10'],
  mac: 'a4:5e:60:aa:bb:cc',
  capabilities: ['pjlink'],
  sources: ['inventory', 'probe'],
  reachability: 'online',
  lastSeen: Date.UTC(2025, 8, 1, 8, 0, 0),
  inInventory: true,
  endpoints: { pjlink: { port: 4352, class: 1, authRequired: true } },
};

const status: ProfileStatus = {
  state: 'ok',
  source: 'managed',
  location: '/etc/classe-numerique/profile.json',
  managedPath: '/etc/classe-numerique/profile.json',
  organisation: 'Ville de Pézenas',
  sha256: 'a'.repeat(64),
  signature: { state: 'valid', keyId: '0123456789abcdef' },
  appliedAt: '2025-09-01T07:00:00.000Z',
  contact: { organisation: 'Ville de Pézenas', name: 'Service informatique', phone: '04 67 00 00 00', email: null, helpUrl: null, hours: null },
  problem: null,
  trustedKeys: 1,
};

const SECRETS = ['Pjl1nk-S3cret', 'motdepasse-salle-3', 'ab12'];

function sources(log: LogBook, extra: Partial<ReportSources> = {}): ReportSources {
  return {
    app: { name: 'Classe numérique', version: '0.1.0', runtime: 'cli' },
    locale: 'fr-FR',
    platform: 'linux',
    osRelease: () => '6.1.0',
    arch: 'x64',
    networkInterfaces: () => interfaces,
    profileStatus: () => status,
    room: () => ({ id: 'salle-3', name: 'Salle 3' }),
    devices: () => [device],
    lastErrors: () => [{ code: 'pjlink.auth_failed', at: Date.UTC(2025, 8, 1, 7, 59), detail: 'sent password=Pjl1nk-S3cret, got ERRA' }],
    recentLog: (n) => log.recent(n),
    secrets: () => SECRETS,
    now: () => new Date(Date.UTC(2025, 8, 1, 8, 1)),
    ...extra,
  };
}

describe('diagnostic report', () => {
  it('has the app, OS, IPv4 interfaces only, profile, room, devices with errors, and log lines', async () => {
    const log = new LogBook();
    log.logger('pjlink').warn('vp-salle-3: no answer to POWR ?');
    const report = await buildDiagnosticReport(sources(log));
    expect(DiagnosticReport.safeParse(report).success).toBe(true);
    expect(report.app).toMatchObject({ name: 'Classe numérique', version: '0.1.0', runtime: 'cli' });
    expect(report.os).toEqual({ platform: 'linux', release: '6.1.0', arch: 'x64', locale: 'fr-FR' });
    expect(report.network).toEqual([
      { name: 'lo', ipv4: ['127.0.0.1/8'] },
      { name: 'wlan0', ipv4: ['10.34.103.42/24'] },
    ]);
    const json = JSON.stringify(report);
    expect(json).not.toContain('a4:5e:60');
    expect(json).not.toContain('fe80');
    expect(report.profile?.signature).toEqual({ state: 'valid', keyId: '0123456789abcdef' });
    expect(report.room).toEqual({ id: 'salle-3', name: 'Salle 3' });
    expect(report.devices[0]).toMatchObject({ id: 'vp-salle-3', reachability: 'online', lastSeen: '2025-09-01T08:00:00.000Z' });
    expect(report.devices[0]?.lastErrors[0]?.code).toBe('pjlink.auth_failed');
    expect(report.log.map((l) => l.message)).toEqual(['vp-salle-3: no answer to POWR ?']);
  });

  it('contains no secret, in JSON or text, even from log lines and error details', async () => {
    const log = new LogBook();
    const l = log.logger('pjlink');
    l.info('connecting to 10.34.103.10 with Pjl1nk-S3cret');
    l.info('auth line 5d8409bc1c3fa39749434aa3a5c38682%1POWR ?');
    l.warn('profile device salle-3 pjlinkPassword: "motdepasse-salle-3"');
    l.error('token=abcdef123 rejected');
    const report = await buildDiagnosticReport(sources(log, { devices: () => [{ ...device, name: 'VP (motdepasse-salle-3)' }] }));
    const outputs = [JSON.stringify(report), formatDiagnosticReport(report, 'fr'), formatDiagnosticReport(report, 'en')];
    for (const out of outputs) {
      for (const secret of ['Pjl1nk-S3cret', 'motdepasse-salle-3', '5d8409bc1c3fa39749434aa3a5c38682', 'abcdef123']) expect(out).not.toContain(secret);
    }
    expect(report.masked).toBeGreaterThanOrEqual(5);
    expect(report.log[1]?.message).toBe('auth line ••••%1POWR ?');
  });

  it('renders French and English text with every section', async () => {
    const { text, json, exitCode } = await reportCommand({ sources: sources(new LogBook()), lang: 'fr' });
    expect(exitCode).toBe(0);
    expect(json.reportVersion).toBe(1);
    expect(text).toContain('Rapport pour le service informatique — Classe numérique 0.1.0');
    expect(text).toContain('wlan0\u202f: 10.34.103.42/24');
    expect(text).toContain('Profil\u202f: fichier géré du poste — /etc/classe-numerique/profile.json');
    expect(text).toContain('signature\u202f: valide (clé 0123456789abcdef)');
    expect(text).toContain('Salle\u202f: Salle 3 (salle-3)');
    expect(text).toContain('- Vidéoprojecteur salle 3 [projector] 10.34.103.10\u202f: en ligne');
    expect(text).toContain('pjlink.auth_failed');
    const en = formatDiagnosticReport(json, 'en');
    expect(en).toContain('Report for the IT department');
    expect(en).toContain('Room: Salle 3 (salle-3)');
    expect(en).toContain('Log: empty');
  });

  it('shows a refused profile with its problem and whom to call', async () => {
    const refused: ProfileStatus = {
      ...status,
      state: 'fallback',
      problem: {
        code: 'profiles.signature_tampered',
        params: {},
        guide: 'guide:contact-it',
        source: 'managed',
        location: '/etc/classe-numerique/profile.json',
        at: '2025-09-01T07:30:00.000Z',
        issueCount: 0,
        issues: [],
        detail: 'key 0123456789abcdef',
      },
    };
    const report = await buildDiagnosticReport(sources(new LogBook(), { profileStatus: () => refused }));
    const text = formatDiagnosticReport(report, 'fr');
    expect(text).toContain('le dernier profil valide reste en place');
    expect(text).toContain('profiles.signature_tampered');
    expect(text).toContain('a été modifié après sa signature');
    expect(text).toContain('04 67 00 00 00');
  });

  it('is still a report without any source of information', async () => {
    const report = await buildDiagnosticReport({ app: { name: 'Classe numérique', version: '0.1.0', runtime: 'web' }, locale: 'en', networkInterfaces: () => ({}) });
    expect(report).toMatchObject({ profile: null, room: null, devices: [], log: [], network: [] });
    expect(formatDiagnosticReport(report, 'en')).toContain('Profile: no configuration profile');
  });
});

describe('scrubSecrets', () => {
  it('masks every occurrence in nested strings, longest secret first, and ignores very short ones', () => {
    const { value, masked } = scrubSecrets({ a: ['x abcdef y abcdef'], b: { c: 'abcdefgh' }, d: 3, e: 'ab' }, ['abcdef', 'abcdefgh', 'ab']);
    expect(value).toEqual({ a: ['x •••• y ••••'], b: { c: '••••' }, d: 3, e: 'ab' });
    expect(masked).toBe(3);
  });
});
