/**
 * The IT profile wired into the host: the contract channels (status, import, remove, export, report,
 * typed passwords), the profile.changed event, the settings policy, the PJLink password lookup and the
 * log masking, through the same dispatcher the app and the web preview use.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host, type HostOptions } from '../../../main/host';
import { LogBook } from '../../../main/services/core/logger';
import { MemorySettingsStore } from '../../../main/services/settings/store';
import { MemorySecretStore } from '../../../main/services/secrets/secret-store';
import type { ChannelName, ChannelOutput } from '../../../preload/contract';
import type { ProfileOverview } from '../../../preload/contract/profiles';
import { SAMPLE_PROFILE_TEXT, sample, smallProfile } from '../../unit/profiles/fixtures';
import { sandbox, testKey, toText, trustKey, writeManaged, type Sandbox } from './helpers';

let sb: Sandbox;
let host: Host | null = null;

afterEach(async () => {
  await host?.dispose();
  host = null;
  sb?.cleanup();
});

async function start(over: Partial<HostOptions> = {}): Promise<Host> {
  host = await createHost({
    devices: { networkDiscovery: false, notifications: false },
    runtime: 'web',
    version: '0.0.0-test',
    locale: 'fr-FR',
    settingsStore: new MemorySettingsStore(),
    logBook: new LogBook(500, null, 'debug'),
    userDataDir: sb.userDataDir,
    profilePath: sb.location.profile,
    env: {},
    profileService: { watch: false, pollIntervalMs: 0, networkInterfaces: () => ({}) },
    profileWaitMs: null,
    ...over,
  });
  return host;
}

async function call<C extends ChannelName>(h: Host, channel: C, input?: unknown): Promise<ChannelOutput<C>> {
  const r = await h.dispatcher.call(channel, input, { transport: 'web' });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Sample without the `managed` section (which only the managed file may carry). */
function importable(change: (p: ReturnType<typeof sample>) => void = () => {}): string {
  const p = sample();
  delete p.managed;
  delete p.guides;
  change(p);
  return toText(p);
}

describe('host: IT profile', () => {
  it('applies the managed profile given by profilePath: status, rooms, features, locked settings', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    const h = await start();
    const overview = await call(h, 'profile.status');
    expect(overview.status).toMatchObject({ state: 'ok', source: 'managed', location: sb.location.profile, organisation: 'Ville de Pézenas — écoles publiques', problem: null });
    expect(overview.status.contact).toMatchObject({ phone: '04 67 00 00 00', email: 'informatique@example.org' });
    expect(overview.summary?.schools[0]?.rooms.map((r) => r.id)).toEqual(['salle-1', 'salle-2', 'salle-3', 'salle-4', 'salle-5', 'salle-6', 'salle-7', 'salle-8', 'salle-9', 'salle-vpi']);
    expect(overview.features).toMatchObject({ networkProbeAllowed: false, demoModeVisible: true });
    expect(overview.secrets).toEqual({ kind: 'file-permissions', plainTextFallback: false, backend: null });
    // Layering reached SettingsService: locked values are read-only.
    const settings = await call(h, 'settings.get');
    expect(settings.sources.confirmPowerOff).toBe('locked');
    expect(settings.sources.networkProbe).toBe('locked');
    const refused = await h.dispatcher.call('settings.set', { patch: { networkProbe: true } }, { transport: 'web' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'settings.locked' } });
    // Other integrations read the inventory and rooms from the service.
    expect(h.services.profiles.inventory()).toHaveLength(19);
    expect(h.services.profiles.rooms()[0]).toEqual({ id: 'salle-1', name: 'Salle 1 (CP)', school: 'École élémentaire (exemple)', source: 'profile' });
    // Nothing in the overview is a password.
    expect(JSON.stringify(overview)).not.toContain('remplacez-moi');
  });

  it('reads CLASSE_PROFILE from env when there is no profilePath, and profilePath wins over it', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    const viaEnv = await start({ profilePath: null, env: { CLASSE_PROFILE: sb.location.profile } });
    expect(viaEnv.services.profiles.status()).toMatchObject({ state: 'ok', managedPath: sb.location.profile });
    await viaEnv.dispose();
    host = null;
    const other = join(sb.root, 'other', 'profile.json');
    const viaOption = await start({ profilePath: other, env: { CLASSE_PROFILE: sb.location.profile } });
    expect(viaOption.services.profiles.status()).toMatchObject({ state: 'none', managedPath: other });
  });

  it('emits profile.changed with the banner data when the managed profile turns invalid, keeping the last good one', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    const h = await start();
    const seen: ProfileOverview[] = [];
    h.events.on('profile.changed', (o) => seen.push(o));
    writeManaged(sb, SAMPLE_PROFILE_TEXT.replace('"10.34.101.10"', '"salle 12"'));
    await h.services.profiles.reload('test');
    const last = seen.at(-1)!;
    expect(last.status.state).toBe('fallback');
    expect(last.status.problem).toMatchObject({ code: 'profiles.invalid', issueCount: 1, guide: 'guide:contact-it' });
    expect(last.status.contact?.phone).toBe('04 67 00 00 00');
    expect(last.summary?.organisation.name).toBe('Ville de Pézenas — écoles publiques');
    const health = await call(h, 'app.health');
    expect(health.checks).toContainEqual({ id: 'profile', ok: false, detail: 'profiles.invalid' });
  });

  it('imports a signed profile, refuses an unsigned one, and removes the imported one', async () => {
    sb = sandbox();
    const key = testKey();
    trustKey(sb, key);
    const h = await start();
    expect((await call(h, 'profile.status')).status.state).toBe('none');

    const text = importable();
    const unsigned = await call(h, 'profile.import', { content: text });
    expect(unsigned).toMatchObject({ ok: false, code: 'profiles.import_untrusted', params: { reason: 'missing' } });
    const tampered = await call(h, 'profile.import', { content: text.replace('Salle 2', 'Salle 22'), signature: key.sign(text) });
    expect(tampered).toMatchObject({ ok: false, code: 'profiles.import_untrusted', params: { reason: 'tampered' } });
    expect((await call(h, 'profile.status')).status.state).toBe('none');

    const changed = new Promise<ProfileOverview>((resolve) => h.events.on('profile.changed', (o) => o.status.state === 'ok' && resolve(o)));
    const ok = await call(h, 'profile.import', { content: text, signature: key.sign(text) });
    expect(ok).toMatchObject({ ok: true, status: { state: 'ok', source: 'imported', signature: { state: 'valid', keyId: key.keyId } } });
    expect((await changed).summary?.schools[0]?.rooms).toHaveLength(10);

    const removed = await call(h, 'profile.removeImported');
    expect(removed.status.state).toBe('none');
    expect(removed.summary).toBeNull();
  });

  it('keeps the exact bytes of an imported file: a byte-order mark and CRLF line ends still verify', async () => {
    sb = sandbox();
    const key = testKey();
    trustKey(sb, key);
    const h = await start();
    const text = '\ufeff' + importable().replace(/\n/g, '\r\n');
    const r = await call(h, 'profile.import', { content: text, signature: key.sign(Buffer.from(text, 'utf8')) });
    // The validator tolerates a BOM (Notepad writes one); the signature covers it too.
    expect(r).toMatchObject({ ok: true, status: { state: 'ok', signature: { state: 'valid', keyId: key.keyId } } });
  });

  it('refuses an import on a managed computer with a clear code', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    const h = await start();
    const r = await call(h, 'profile.import', { content: importable() });
    expect(r).toMatchObject({ ok: false, code: 'profiles.import_managed' });
  });

  it('exports a draft without passwords from the UI, and with them only when asked (CLI)', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    const h = await start();
    const draft = await call(h, 'profile.export');
    expect(draft).toMatchObject({ fileName: 'profile.json', rooms: 10, devices: 19, passwordsLeftOut: 10 });
    expect(draft.text).not.toContain('remplacez-moi');
    expect(draft.text).not.toContain('pjlinkPassword');
    const withPasswords = await h.services.exportProfile({ includePasswords: true });
    expect(withPasswords.passwordsIncluded).toBe(10);
    expect(withPasswords.passwordsLeftOut).toBe(0);
    expect(withPasswords.text).toContain('"pjlinkPassword": "remplacez-moi"');
  });

  it('stores a typed PJLink password where the lookup finds it, never returns it, and masks it in logs', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    const h = await start();
    expect(await h.services.pjlinkPassword({ inventoryId: 'vp-salle-1' })).toBe('remplacez-moi');
    const r = await call(h, 'secrets.setPjlinkPassword', { deviceId: 'vp-salle-1', password: 'Typed-On-Site-42' });
    expect(r).toEqual({ stored: true, protection: { kind: 'file-permissions', plainTextFallback: false, backend: null } });
    expect(JSON.stringify(r)).not.toContain('Typed-On-Site-42');
    // A typed password wins over the profile's (IT fixing a projector on site).
    expect(await h.services.pjlinkPassword({ deviceId: 'vp-salle-1' })).toBe('Typed-On-Site-42');
    expect(await h.services.pjlinkPassword({ host: '10.34.102.10' })).toBe('remplacez-moi');
    // Default store: a user-only file in the user data folder.
    const file = join(sb.userDataDir, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    h.logBook.logger('test').info('connecting with Typed-On-Site-42 and remplacez-moi');
    expect(h.logBook.recent(1)[0]!.message).toBe('connecting with •••• and ••••');
    const report = await call(h, 'report.get');
    expect(report.text).not.toContain('Typed-On-Site-42');
    expect(JSON.stringify(report.json)).not.toContain('remplacez-moi');
    expect(await call(h, 'secrets.forgetPjlinkPassword', { deviceId: 'vp-salle-1' })).toEqual({ deleted: true });
    expect(await h.services.pjlinkPassword({ deviceId: 'vp-salle-1' })).toBe('remplacez-moi');
  });

  it('sends the plain-text fallback notice when a password is stored without OS encryption', async () => {
    sb = sandbox();
    const store = new MemorySecretStore();
    store.protection = () => ({ kind: 'file-permissions', plainTextFallback: true, backend: 'basic_text' });
    const h = await start({ secretStore: store });
    const notices: unknown[] = [];
    h.events.on('app.notice', (n) => notices.push(n));
    await call(h, 'secrets.setPjlinkPassword', { deviceId: 'vp-1', password: 'abcd1234' });
    expect(notices).toEqual([expect.objectContaining({ level: 'warning', code: 'secrets.plaintext_fallback' })]);
    expect((await call(h, 'profile.status')).secrets.plainTextFallback).toBe(true);
  });

  it('gives the report in the UI language, with the profile and the chosen room', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    const h = await start();
    await call(h, 'settings.set', { patch: { room: 'salle-3' } });
    const fr = await call(h, 'report.get');
    expect(fr.json.profile?.state).toBe('ok');
    expect(fr.json.room).toEqual({ id: 'salle-3', name: 'Salle 3' });
    expect(fr.text).toContain('Salle 3');
    await call(h, 'settings.set', { patch: { language: 'en' } });
    const en = await call(h, 'report.get');
    expect(en.text).not.toBe(fr.text);
    expect(en.json.app.runtime).toBe('web');
  });

  it('does not wait for a slow online profile longer than profileWaitMs', async () => {
    sb = sandbox();
    writeManaged(sb, toText(smallProfile((p) => (p.managed = { remoteProfile: { url: 'https://profiles.example.org/p.json' } }))));
    let release: () => void = () => {};
    const fetchRemote = () => new Promise<never>((_, reject) => (release = () => reject(new Error('stopped'))));
    const h = await start({ profileWaitMs: 50, profileService: { watch: false, pollIntervalMs: 0, networkInterfaces: () => ({}), fetchRemote } });
    // Still loading: nothing applied yet, but the host answers.
    expect((await call(h, 'app.info')).runtime).toBe('web');
    release();
  });

  it('keeps the copy of the last good profile in the given user data folder', async () => {
    sb = sandbox();
    writeManaged(sb, SAMPLE_PROFILE_TEXT);
    await start();
    expect(readFileSync(join(sb.userDataDir, 'profiles', 'last-good.json'), 'utf8')).toBe(SAMPLE_PROFILE_TEXT);
  });
});
