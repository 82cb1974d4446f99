import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileStatus, ProfileSummary } from '../../../main/services/profiles/status';
import { MemorySecretStore, pjlinkSecretKey } from '../../../main/services/secrets/secret-store';
import { createPjlinkPasswordLookup } from '../../../main/services/secrets/pjlink-passwords';
import { fr, sample, smallProfile } from '../../unit/profiles/fixtures';
import { makeService, nextStatus, sandbox, testKey, toText, trustKey, writeManaged, type Sandbox } from './helpers';

let sb: Sandbox;
const services: { dispose(): void }[] = [];
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  sb.cleanup();
});

async function start(opts: Parameters<typeof makeService>[1] = {}) {
  const made = await makeService(sb, opts);
  services.push(made.service);
  const status = await made.service.start();
  return { ...made, status };
}

describe('profile sources', () => {
  it('no profile anywhere: state none, built-in defaults', async () => {
    const { status, settings, service } = await start();
    expect(status).toMatchObject({ state: 'none', source: null, problem: null, managedPath: sb.location.profile });
    expect(ProfileStatus.safeParse(status).success).toBe(true);
    expect(Object.values(settings.view().sources).every((s) => s === 'default')).toBe(true);
    expect(service.inventory()).toEqual([]);
  });

  it('an unsigned managed file is applied, with its source, hash and contact', async () => {
    writeManaged(sb, toText(smallProfile((p) => (p.settings = { locked: { theme: 'dark' } }))));
    const { status, settings, service } = await start();
    expect(status).toMatchObject({ state: 'ok', source: 'managed', location: sb.location.profile, organisation: 'Mairie test', signature: { state: 'unsigned', keyId: null } });
    expect(status.contact?.phone).toBe('04 67 00 00 00');
    expect(status.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(settings.view().values.theme).toBe('dark');
    expect(settings.view().sources.theme).toBe('locked');
    expect(service.inventory().map((e) => e.id)).toEqual(['vp-1', 'vp-2']);
    expect(ProfileSummary.safeParse(service.summary()).success).toBe(true);
  });

  it('the documented sample applies as a managed profile', async () => {
    writeManaged(sb, readFileSync(new URL('../../../docs/it/sample-profile.json', import.meta.url), 'utf8'));
    const { status, service, settings } = await start({ networkInterfaces: () => ({ wlan0: [{ address: '10.34.104.23', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:01', internal: false, cidr: '10.34.104.23/24' }] }) });
    expect(status.state).toBe('ok');
    expect(service.rooms()).toHaveLength(10);
    expect(service.placementRoom()).toMatchObject({ room: 'salle-4', via: 'subnet' });
    expect(settings.view().values.room).toBe('salle-4');
    expect(settings.view().sources.networkProbe).toBe('locked');
    expect(ProfileSummary.safeParse(service.summary()).success).toBe(true);
  });

  it('a signed managed file reports the key; a bad signature is refused even when not required', async () => {
    const key = testKey();
    trustKey(sb, key);
    const text = toText(smallProfile());
    writeManaged(sb, text, key);
    const first = await start();
    expect(first.status).toMatchObject({ state: 'ok', signature: { state: 'valid', keyId: key.keyId }, trustedKeys: 1 });

    writeFileSync(sb.location.profile, text.replace('Mairie test', 'Mairie piratée'));
    const status = await first.service.reload();
    expect(status).toMatchObject({ state: 'fallback', source: 'managed', organisation: 'Mairie test', problem: { code: 'profiles.signature_tampered', source: 'managed', guide: 'guide:contact-it' } });
  });

  it('requireSignature: an unsigned managed file is refused', async () => {
    writeManaged(sb, toText(smallProfile((p) => (p.managed = { requireSignature: true }))));
    const { status, settings } = await start();
    expect(status).toMatchObject({ state: 'invalid', source: null, problem: { code: 'profiles.signature_required' } });
    expect(status.contact?.phone).toBe('04 67 00 00 00');
    expect(Object.values(settings.view().sources).every((s) => s === 'default')).toBe(true);
  });

  it('requireSignature is sticky: an unsigned file cannot switch it off, a signed one can', async () => {
    const key = testKey();
    trustKey(sb, key);
    writeManaged(sb, toText(smallProfile((p) => (p.managed = { requireSignature: true }))), key);
    const { service } = await start();
    expect(service.status().state).toBe('ok');
    writeManaged(sb, toText(smallProfile((p) => (p.organisation.name = 'Sans signature'))));
    expect(await service.reload()).toMatchObject({ state: 'fallback', problem: { code: 'profiles.signature_required' } });
    writeManaged(sb, toText(smallProfile((p) => (p.organisation.name = 'Signé, sans exigence'))), key);
    expect(await service.reload()).toMatchObject({ state: 'ok', organisation: 'Signé, sans exigence' });
    writeManaged(sb, toText(smallProfile((p) => (p.organisation.name = 'Non signé, accepté'))));
    expect(await service.reload()).toMatchObject({ state: 'ok', organisation: 'Non signé, accepté' });
  });

  it('a managed file that is too large is refused cleanly', async () => {
    writeManaged(sb, '{"schemaVersion":1,"$comment":"' + 'x'.repeat(10 * 1024 * 1024) + '"}');
    const { status } = await start();
    expect(status).toMatchObject({ state: 'invalid', problem: { code: 'profiles.too_large', source: 'managed' } });
  });
});

describe('last good profile', () => {
  it('an invalid profile never half-applies: the last good one stays, and the status says what and whom to call', async () => {
    writeManaged(sb, toText(smallProfile((p) => (p.settings = { locked: { theme: 'dark' } }))));
    const { service, settings } = await start();
    const good = service.status();
    const changes: unknown[] = [];
    settings.on('changed', (v) => changes.push(v));

    const broken = smallProfile((p) => {
      p.settings = { locked: { theme: 'purple', demoMode: true } };
      p.organisation.contact.phone = '05 00 00 00 00';
    });
    writeManaged(sb, toText(broken));
    const status = await service.reload();
    expect(status).toMatchObject({ state: 'fallback', source: 'managed', sha256: good.sha256, problem: { code: 'profiles.invalid', params: { count: 1 }, issueCount: 1 } });
    expect(status.problem?.issues[0]).toMatchObject({ code: 'expected_one_of', pathText: 'settings.locked.theme' });
    expect(status.problem?.issues[0]?.text.fr).toContain(fr('reçu « purple »'));
    // The profile in force is still the good one: its contact, its locks, and no partial lock from the bad one.
    expect(status.contact?.phone).toBe('04 67 00 00 00');
    expect(settings.view().values.theme).toBe('dark');
    expect(settings.view().sources.demoMode).toBe('default');
    expect(changes).toHaveLength(0);
    expect(ProfileStatus.safeParse(status).success).toBe(true);
  });

  it('after a restart, a broken managed file falls back to the copy kept in the user data folder', async () => {
    writeManaged(sb, toText(smallProfile((p) => (p.settings = { locked: { theme: 'dark' } }))));
    const first = await start();
    first.service.dispose();
    const copy = join(sb.userDataDir, 'profiles', 'last-good.json');
    expect(existsSync(copy)).toBe(true);
    expect(statSync(copy).mode & 0o777).toBe(0o600);

    writeManaged(sb, '{ "schemaVersion": 1, ');
    const second = await start();
    expect(second.status).toMatchObject({ state: 'fallback', source: 'managed', organisation: 'Mairie test', problem: { code: 'profiles.invalid' } });
    expect(second.settings.view().values.theme).toBe('dark');
  });

  it('a damaged copy is not used', async () => {
    writeManaged(sb, toText(smallProfile()));
    (await start()).service.dispose();
    const copy = join(sb.userDataDir, 'profiles', 'last-good.json');
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('Mairie test', 'Mairie modifiée'));
    writeManaged(sb, 'not json');
    const { status } = await start();
    expect(status).toMatchObject({ state: 'invalid', source: null, problem: { code: 'profiles.invalid' } });
  });

  it('removing the managed file returns to defaults (the computer is no longer managed)', async () => {
    writeManaged(sb, toText(smallProfile((p) => (p.settings = { locked: { theme: 'dark' } }))));
    const { service, settings } = await start();
    const { rmSync } = await import('node:fs');
    rmSync(sb.location.profile);
    expect(await service.reload()).toMatchObject({ state: 'none', source: null });
    expect(settings.view().sources.theme).toBe('default');
  });
});

describe('imported profiles', () => {
  it('must be signed by a trusted key; then they are copied and applied', async () => {
    const key = testKey();
    const stranger = testKey();
    trustKey(sb, key);
    const { service } = await start();
    const text = toText(smallProfile());

    expect(await service.importProfile(Buffer.from(text), null)).toMatchObject({ ok: false, code: 'profiles.import_untrusted', params: { reason: 'missing' } });
    expect(await service.importProfile(Buffer.from(text), stranger.sign(text))).toMatchObject({ ok: false, code: 'profiles.import_untrusted', params: { reason: 'wrong_key' } });
    const bad = await service.importProfile(Buffer.from(toText(smallProfile((p) => (p.schools[0].rooms[0].devices[0].host = 'salle 12')))), null);
    expect(bad).toMatchObject({ ok: false, code: 'profiles.import_invalid', issueCount: 1 });
    expect(bad.ok === false && bad.issues[0]?.text.fr).toContain('adresse attendue');
    expect(service.status().state).toBe('none');

    const ok = await service.importProfile(Buffer.from(text), key.sign(text));
    expect(ok).toMatchObject({ ok: true, status: { state: 'ok', source: 'imported', signature: { state: 'valid', keyId: key.keyId } } });
    expect(statSync(join(sb.userDataDir, 'profiles', 'imported.json')).mode & 0o777).toBe(0o600);

    expect(await service.removeImported()).toMatchObject({ state: 'none' });
  });

  it('cannot carry a "managed" section, and is refused on a managed computer', async () => {
    const key = testKey();
    trustKey(sb, key);
    const { service } = await start();
    const withManaged = toText(smallProfile((p) => (p.managed = { requireSignature: false })));
    expect(await service.importProfile(Buffer.from(withManaged), key.sign(withManaged))).toMatchObject({ ok: false, code: 'profiles.import_invalid', issues: [{ code: 'managed_only' }] });
    writeManaged(sb, toText(smallProfile()));
    const text = toText(smallProfile());
    expect(await service.importProfile(Buffer.from(text), key.sign(text))).toMatchObject({ ok: false, code: 'profiles.import_managed' });
  });

  it('without any trusted key on the computer, nothing can be imported', async () => {
    const { service } = await start();
    const key = testKey();
    const text = toText(smallProfile());
    expect(await service.importProfile(Buffer.from(text), key.sign(text))).toMatchObject({ ok: false, code: 'profiles.no_trusted_keys' });
  });

  it('imports FILE with FILE.sig', async () => {
    const key = testKey();
    trustKey(sb, key);
    const { service } = await start();
    const file = join(sb.root, 'ecole.json');
    const text = toText(smallProfile());
    writeFileSync(file, text);
    writeFileSync(`${file}.sig`, key.sign(text));
    expect(await service.importFromFile(file)).toMatchObject({ ok: true, status: { source: 'imported' } });
    expect(await service.importFromFile(join(sb.root, 'absent.json'))).toMatchObject({ ok: false, code: 'profiles.import_unreadable' });
  });

  it('a revoked key makes the imported profile fall back to nothing on the next load', async () => {
    const key = testKey();
    trustKey(sb, key, 'ecole.pem');
    const { service } = await start();
    const text = toText(smallProfile());
    await service.importProfile(Buffer.from(text), key.sign(text));
    const { rmSync } = await import('node:fs');
    rmSync(join(sb.location.trustedKeysDir, 'ecole.pem'));
    service.dispose();
    const { status } = await start();
    expect(status).toMatchObject({ state: 'invalid', problem: { code: 'profiles.no_trusted_keys', source: 'imported' } });
  });
});

describe('hot reload', () => {
  it('applies a changed managed file through fs.watch (debounced)', async () => {
    writeManaged(sb, toText(smallProfile()));
    const { service, settings } = await start({ watch: true, debounceMs: 50, pollIntervalMs: 0 });
    const changed = nextStatus(service, (s) => s.organisation === 'Mairie modifiée');
    writeManaged(sb, toText(smallProfile((p) => ((p.organisation.name = 'Mairie modifiée'), (p.settings = { locked: { theme: 'light' } })))));
    await changed;
    expect(settings.view().values.theme).toBe('light');
  });

  it('applies a changed managed file by polling when watching is off', async () => {
    writeManaged(sb, toText(smallProfile()));
    const { service } = await start({ watch: false, pollIntervalMs: 100 });
    const changed = nextStatus(service, (s) => s.organisation === 'Mairie sondée');
    writeManaged(sb, toText(smallProfile((p) => (p.organisation.name = 'Mairie sondée'))));
    expect((await changed).state).toBe('ok');
  });

  it('notices a managed file that appears after start, and an invalid edit, then its fix', async () => {
    const { service } = await start({ watch: true, debounceMs: 50, pollIntervalMs: 200 });
    const appeared = nextStatus(service, (s) => s.state === 'ok');
    writeManaged(sb, toText(smallProfile()));
    await appeared;
    const broken = nextStatus(service, (s) => s.state === 'fallback');
    writeManaged(sb, toText(smallProfile()).replace('"schemaVersion": 1', '"schemaVersion": "1"'));
    expect((await broken).problem?.issues[0]?.pathText).toBe('schemaVersion');
    const fixed = nextStatus(service, (s) => s.state === 'ok' && s.organisation === 'Réparée');
    writeManaged(sb, toText(smallProfile((p) => (p.organisation.name = 'Réparée'))));
    expect((await fixed).problem).toBeNull();
  });
});

describe('PJLink passwords stay in main', () => {
  it('looks passwords up by device id or host, a password typed in the app first', async () => {
    writeManaged(sb, toText(smallProfile()));
    const { service, logBook } = await start();
    const secrets = new MemorySecretStore();
    const lookup = createPjlinkPasswordLookup({ profile: service, secrets });
    expect(await lookup({ inventoryId: 'vp-1' })).toBe('secret-vp-1');
    expect(await lookup({ deviceId: 'mac:00:11', host: 'VP-2.ecole.lan.' })).toBe('secret-vp-2');
    expect(await lookup({ addresses: ['10.9.9.9', '10.1.1.10'] })).toBe('secret-vp-1');
    expect(await lookup({ host: '10.200.0.1' })).toBeNull();
    await secrets.set(pjlinkSecretKey('vp-1'), 'typed-on-site');
    expect(await lookup({ inventoryId: 'vp-1' })).toBe('typed-on-site');
    // Registered with the log book: masked in every line.
    logBook.logger('pjlink').info('oops secret-vp-2 in a line');
    expect(logBook.recent(1)[0]?.message).toBe('oops •••• in a line');
  });

  it('no password in the status, the summary, the inventory or the change events', async () => {
    const p = sample();
    let n = 0;
    for (const room of p.schools[0].rooms) for (const d of room.devices) if (d.kind !== 'screen') d.pjlinkPassword = `PW-${++n}-x`;
    writeManaged(sb, toText(p));
    const made = await makeService(sb);
    services.push(made.service);
    const events: unknown[] = [];
    made.service.on('changed', (e) => events.push(e));
    made.service.on('status', (e) => events.push(e));
    await made.service.start();
    const everything = JSON.stringify([made.service.status(), made.service.summary(), made.service.inventory(), made.service.rooms(), made.service.features(), events]);
    expect(n).toBe(10);
    for (let i = 1; i <= n; i++) expect(everything).not.toContain(`PW-${i}-x`);
  });
});
