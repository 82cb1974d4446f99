import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../../preload/contract/devices';
import { buildDiagnosticReport } from '../../../main/services/report/diagnostic-report';
import { formatDiagnosticReport } from '../../../main/services/report/report-text';
import { collectKnownSecrets, createPjlinkPasswordLookup } from '../../../main/services/secrets/pjlink-passwords';
import { MemorySecretStore, pjlinkSecretKey } from '../../../main/services/secrets/secret-store';
import { buildProfileDraft } from '../../../main/services/profiles/draft';
import { sample } from '../../unit/profiles/fixtures';
import { makeService, sandbox, toText, writeManaged, type Sandbox } from './helpers';

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => sb.cleanup());

describe('the diagnostic report of a laptop whose profile is full of passwords', () => {
  it('contains no password anywhere, including log lines, device errors and the draft export by default', async () => {
    const p = sample();
    const passwords: string[] = [];
    for (const room of p.schools[0].rooms) {
      for (const d of room.devices) {
        d.pjlinkPassword = `Pw_${d.id}_9z`;
        passwords.push(d.pjlinkPassword);
      }
    }
    writeManaged(sb, toText(p));
    const { service, logBook } = await makeService(sb);
    await service.start();
    const secrets = new MemorySecretStore();
    await secrets.set(pjlinkSecretKey('vp-salle-1'), 'typed-in-app-77');
    passwords.push('typed-in-app-77');
    const lookup = createPjlinkPasswordLookup({ profile: service, secrets });

    // Code that logs carelessly: registered passwords are masked by the log book, the one typed in the app is not.
    const log = logBook.logger('pjlink');
    for (const entry of service.inventory()) log.info(`auth to ${entry.host} with ${await lookup({ inventoryId: entry.id })}`);
    log.warn(`retry with password=typed-in-app-77`);
    log.warn(`device vp-salle-2 said: typed-in-app-77 rejected`);

    const devices: Device[] = service.inventory().map((e) => ({
      id: e.id,
      name: e.name,
      kind: e.kind,
      maker: null,
      model: null,
      room: e.room,
      host: e.host,
      addresses: [],
      mac: null,
      capabilities: ['pjlink'],
      sources: ['inventory'],
      reachability: 'offline',
      lastSeen: null,
      inInventory: true,
      endpoints: {},
    }));
    const report = await buildDiagnosticReport({
      app: { name: 'Classe numérique', version: '0.1.0', runtime: 'cli' },
      locale: 'fr-FR',
      profileStatus: () => service.status(),
      room: () => ({ id: 'salle-3', name: 'Salle 3' }),
      devices: () => devices,
      lastErrors: (id) => [{ code: 'pjlink.auth_failed', at: Date.now(), detail: `password ${passwords[0]} refused for ${id}` }],
      recentLog: (n) => logBook.recent(n),
      secrets: () => collectKnownSecrets({ profile: service, secrets }),
    });
    const outputs = [JSON.stringify(report), formatDiagnosticReport(report, 'fr'), formatDiagnosticReport(report, 'en')];
    expect(report.log.length).toBeGreaterThan(19);
    expect(report.devices).toHaveLength(19);
    for (const out of outputs) for (const pw of passwords) expect(out, pw).not.toContain(pw);

    const draft = await buildProfileDraft({ rooms: service.rooms(), devices: service.inventory(), current: service.profile(), passwordFor: lookup });
    for (const pw of passwords) expect(draft.text).not.toContain(pw);
    service.dispose();
  });
});
