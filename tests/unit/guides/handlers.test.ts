/**
 * The guides and diagnostics channels through the real host and dispatcher (same path as Electron IPC
 * and the web preview): lazy library, language from the settings, search, the engine with the
 * registration points the projector and display integrations will use.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHost, type Host, type HostOptions } from '../../../main/host';
import { LogBook } from '../../../main/services/core/logger';
import { bundledGuides } from '../../../main/services/guides/content-source';
import type { CheckRegistry, FixRegistry } from '../../../main/services/guides/diagnostics';
import { MemorySettingsStore } from '../../../main/services/settings/store';
import type { ChannelName, ChannelOutput } from '../../../preload/contract';
import type { Device, Room } from '../../../preload/contract/devices';
import type { DiagnosticRun } from '../../../preload/contract/guide-document';

let host: Host | null = null;
const dirs: string[] = [];
/** Where the last started host reads its managed profile. */
let managedProfile = '';
afterEach(async () => {
  await host?.dispose();
  host = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A host with its own user-data folder and, when given, a managed IT profile. */
async function start(overrides: Partial<HostOptions> = {}, profile?: object): Promise<Host> {
  const dir = mkdtempSync(join(tmpdir(), 'classe-guides-'));
  dirs.push(dir);
  const profilePath = join(dir, 'managed', 'profile.json');
  managedProfile = profilePath;
  mkdirSync(join(dir, 'managed'));
  if (profile) writeFileSync(profilePath, JSON.stringify(profile));
  host = await createHost({
    devices: { networkDiscovery: false, notifications: false },
    runtime: 'web',
    version: '0.0.0-test',
    locale: 'fr-FR',
    settingsStore: new MemorySettingsStore(),
    logBook: new LogBook(),
    userDataDir: join(dir, 'user-data'),
    profilePath,
    env: {},
    profileService: { watch: false, pollIntervalMs: 0, networkInterfaces: () => ({}) },
    profileWaitMs: null,
    ...overrides,
  });
  return host;
}

async function call<C extends ChannelName>(h: Host, channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const r = await h.dispatcher.call(channel, input, { transport: 'web' });
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

const ROOM: Room = { id: 'salle-3', name: 'Salle 3', school: null, source: 'demo' };
const PROJECTOR: Device = {
  id: 'vp-salle-3',
  name: 'Vidéoprojecteur salle 3',
  kind: 'projector',
  maker: 'Epson',
  model: 'EB-695Wi',
  room: ROOM.id,
  host: '10.20.30.40',
  addresses: ['10.20.30.40'],
  mac: null,
  capabilities: ['pjlink'],
  sources: ['demo'],
  reachability: 'online',
  lastSeen: 0,
  inInventory: true,
  endpoints: {},
};

const byCheck = (run: DiagnosticRun) => Object.fromEntries(run.items.map((i) => [i.check, `${i.status} ${i.messageKey}`]));

describe('guides channels', () => {
  it('loads the library after start-up, not during it, and the first call waits for it', async () => {
    const content = vi.fn(bundledGuides);
    const h = await start({ guides: { content, loadAtStart: false } });
    expect(content).not.toHaveBeenCalled();
    const list = await call(h, 'guides.list', { lang: 'fr' });
    expect(content).toHaveBeenCalledTimes(1);
    expect(list).toHaveLength(19);
    await call(h, 'guides.list', { lang: 'en' });
    expect(content).toHaveBeenCalledTimes(1);
  });

  it('starts loading in the background after the first paint (web, app) but leaves the CLI alone', async () => {
    const content = vi.fn(bundledGuides);
    const h = await start({ guides: { content, loadDelayMs: 50 } });
    await new Promise((r) => setTimeout(r, 10));
    expect(content).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(content).toHaveBeenCalledTimes(1));
    await h.dispose();
    const cliContent = vi.fn(bundledGuides);
    await start({ runtime: 'cli', guides: { content: cliContent, loadDelayMs: 0 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(cliContent).not.toHaveBeenCalled();
  });

  it('adds the guides of the IT profile’s packs, marked as theirs, and searches them', async () => {
    const markdown = [
      '---',
      'id: ecole-cablage',
      'title: "Le câblage de notre école"',
      'summary: "Où brancher le câble HDMI dans les salles de l\'école Jules-Ferry."',
      'keywords: [prise murale, boîtier HDMI]',
      'audience: teacher',
      '---',
      '',
      '## Étapes {#steps}',
      '',
      '1. Branchez le câble sur le boîtier mural. {#wall}',
      '',
      '## Si ça ne suffit pas {#escalate}',
      '',
      'Appelez {{it.contact}}.',
      '',
    ].join('\n');
    const profile = {
      schemaVersion: 1,
      organisation: { name: 'Mairie test', contact: { name: 'Service informatique', phone: '04 67 00 00 00' } },
      guides: { packs: [{ id: 'ecole', title: 'Guides de l’école', entries: [{ id: 'ecole-cablage', language: 'fr', title: 'Câblage', markdown }] }] },
    };
    const h = await start({ guides: { loadAtStart: false } }, profile);
    const list = await call(h, 'guides.list', { lang: 'fr' });
    expect(list).toHaveLength(20);
    expect(list.find((g) => g.id === 'ecole-cablage')).toMatchObject({ origin: 'it', overrides: false, title: 'Le câblage de notre école' });
    expect((await call(h, 'guides.search', { query: 'boitier mural' }))[0]).toMatchObject({ id: 'ecole-cablage', origin: 'it' });
  });

  it('applies the packs of a profile that arrives later, and tells the renderer the guides changed', async () => {
    const h = await start({ guides: { loadAtStart: false } });
    expect(await call(h, 'guides.list', { lang: 'fr' })).toHaveLength(19);
    const changed: unknown[] = [];
    h.events.on('guides.changed', (c) => changed.push(c));
    const ours = await call(h, 'guides.get', { id: 'wifi-off', lang: 'fr' });
    const adapted = bundledGuides().guides.find((g) => g.id === 'wifi-off' && g.lang === 'fr')!.markdown.replace(/^title: .*$/m, 'title: "La borne Wi-Fi : chez nous, elle s\'allume avec la clé"');
    const profile = {
      schemaVersion: 1,
      organisation: { name: 'Mairie test', contact: { phone: '04 67 00 00 00' } },
      guides: { packs: [{ id: 'ecole', entries: [{ id: 'wifi-off', language: 'fr', title: 'Wi-Fi', markdown: adapted }] }] },
    };
    writeFileSync(managedProfile, JSON.stringify(profile));
    expect((await h.services.profiles.reload()).problem).toBeNull();
    await vi.waitFor(() => expect(changed).toEqual([{ itGuides: 1, problems: 0 }]));
    const now = await call(h, 'guides.get', { id: 'wifi-off', lang: 'fr' });
    expect(now).toMatchObject({ origin: 'it', overrides: true });
    expect(now.title).not.toBe(ours.title);
    expect(await call(h, 'guides.list', { lang: 'fr' })).toHaveLength(19);
  });

  it('answers in the language of the settings when the call gives none', async () => {
    const h = await start({ guides: { loadAtStart: false } });
    const fr = await call(h, 'guides.get', { id: 'no-signal' });
    expect(fr.lang).toBe('fr');
    expect(fr.title).toContain('Pas de signal');
    await call(h, 'settings.set', { patch: { language: 'en' } });
    const en = await call(h, 'guides.get', { id: 'no-signal' });
    expect(en.lang).toBe('en');
    expect((await call(h, 'guides.list', { lang: 'en' })).every((g) => g.lang === 'en')).toBe(true);
  });

  it('gets a guide with its steps and anchors, and says which guide is unknown', async () => {
    const h = await start({ guides: { loadAtStart: false } });
    const doc = await call(h, 'guides.get', { id: 'no-signal', lang: 'fr' });
    expect(doc.anchors).toEqual(expect.arrayContaining(['power', 'input', 'mute', 'escalate']));
    expect(doc.body.some((b) => b.type === 'steps')).toBe(true);
    const missing = await h.dispatcher.call('guides.get', { id: 'no-such-guide' }, { transport: 'web' });
    expect(missing).toEqual({ ok: false, error: { code: 'guides.not_found', params: { id: 'no-such-guide' }, guide: 'guide:contact-it' } });
  });

  it('searches with accents and typos forgiven, best first, and refuses an oversized query', async () => {
    const h = await start({ guides: { loadAtStart: false } });
    expect((await call(h, 'guides.search', { query: 'pas d image' }))[0]?.id).toBe('no-signal');
    expect((await call(h, 'guides.search', { query: 'stilet marche pas', limit: 3 })).map((x) => x.id)).toContain('vpi-pen');
    expect(await call(h, 'guides.search', { query: '   ' })).toEqual([]);
    const huge = await h.dispatcher.call('guides.search', { query: 'x'.repeat(201) }, { transport: 'web' });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.code).toBe('contract.invalid_input');
  });
});

describe('diagnostics channels', () => {
  it('in the web preview with no room: projector checks say no projector is known, the display check says why it cannot look', async () => {
    const h = await start({ guides: { loadAtStart: false } });
    const updates: DiagnosticRun[] = [];
    h.events.on('diagnostics.updated', (run) => updates.push(run));
    const started = await call(h, 'diagnostics.start', { guideId: 'no-signal' });
    const run = await h.services.diagnostics.whenIdle(started.id);
    expect(byCheck(run)).toEqual({
      'projector.reachable': 'skipped engine.no_projector',
      'projector.power': 'skipped engine.no_projector',
      'projector.input': 'skipped engine.no_projector',
      'projector.signal': 'skipped engine.no_projector',
      'projector.mute': 'skipped engine.no_projector',
      'display.external': 'skipped check.display.external.web_preview',
    });
    expect(run.items.every((i) => i.fix === null)).toBe(true);
    expect(updates.at(-1)?.finishedAt).not.toBeNull();
  });

  it('with a projector in the room but no projector control registered: « non disponible », never a fake result', async () => {
    const h = await start({ runtime: 'electron', guides: { loadAtStart: false, room: () => ({ room: ROOM, devices: [PROJECTOR] }) } });
    const run = await h.services.diagnostics.whenIdle((await call(h, 'diagnostics.start', { guideId: 'no-signal' })).id);
    // In the app nothing reads the displays until the display service registers itself either.
    expect(new Set(run.items.map((i) => `${i.status} ${i.messageKey}`))).toEqual(new Set(['skipped engine.not_available']));
  });

  it('uses checks and fixes registered after start-up; « Réparer » re-checks; unregistering brings « non disponible » back', async () => {
    // A room source of its own: the registry's projector checks are not registered (see main/host.ts).
    const h = await start({ guides: { loadAtStart: false, room: () => ({ room: null, devices: [] }) } });
    h.diagnostics.setRoomSource(() => ({ room: ROOM, devices: [PROJECTOR] }));
    let power: 'standby' | 'on' = 'standby';
    const checks: CheckRegistry = {
      'projector.reachable': { run: async () => ({ status: 'pass', reason: 'ok' }) },
      'projector.power': { run: async () => (power === 'on' ? { status: 'pass', reason: 'on' } : { status: 'fail', reason: 'standby' }) },
    };
    const fixes: FixRegistry = { 'projector.powerOn': { run: async () => void (power = 'on') } };
    const removeChecks = h.diagnostics.registerChecks(checks);
    h.diagnostics.registerFixes(fixes);
    expect(h.diagnostics.registered()).toEqual({ checks: ['display.external', 'projector.power', 'projector.reachable'], fixes: ['projector.powerOn'] });

    const run = await h.services.diagnostics.whenIdle((await call(h, 'diagnostics.start', { guideId: 'power-lamp' })).id);
    const item = run.items.find((i) => i.check === 'projector.power')!;
    expect(item).toMatchObject({ status: 'fail', messageKey: 'check.projector.power.standby', fix: 'projector.powerOn', deviceName: 'Vidéoprojecteur salle 3' });
    const fixed = await call(h, 'diagnostics.fix', { runId: run.id, itemKey: item.key });
    expect(fixed.items.find((i) => i.key === item.key)).toMatchObject({ status: 'pass', messageKey: 'check.projector.power.on', fix: null });

    const report = await call(h, 'diagnostics.report', { runId: run.id, lang: 'fr' });
    expect(report.text).toContain('✓ Le vidéoprojecteur est allumé.');
    expect(report.text).toContain('10.20.30.40');
    expect(report.text).toContain('Classe numérique 0.0.0-test (web,');

    removeChecks();
    const again = await h.services.diagnostics.whenIdle((await call(h, 'diagnostics.start', { guideId: 'power-lamp' })).id);
    expect(again.items.find((i) => i.check === 'projector.power')?.messageKey).toBe('engine.not_available');
  });

  it('cancels a run, and explains a run it no longer knows', async () => {
    const h = await start({ guides: { loadAtStart: false, room: () => ({ room: null, devices: [] }) }, runtime: 'web' });
    h.diagnostics.setRoomSource(() => ({ room: ROOM, devices: [PROJECTOR] }));
    let release: () => void = () => {};
    h.diagnostics.registerChecks({
      'projector.reachable': { run: ({ signal }) => new Promise((_, reject) => ((release = () => reject(new Error('aborted'))), signal.addEventListener('abort', release))) },
    });
    const started = await call(h, 'diagnostics.start', { guideId: 'no-signal' });
    expect(await call(h, 'diagnostics.cancel', { runId: started.id })).toBeNull();
    const run = await h.services.diagnostics.whenIdle(started.id);
    expect(run.items.filter((i) => i.deviceId).every((i) => i.status === 'skipped')).toBe(true);
    expect(run.items.find((i) => i.check === 'projector.reachable')?.messageKey).toBe('engine.cancelled');
    const unknown = await h.dispatcher.call('diagnostics.report', { runId: 'diag-nope' }, { transport: 'web' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'guides.run_not_found' } });
  });

  it('refuses to start a guide without diagnostics', async () => {
    const h = await start({ guides: { loadAtStart: false } });
    const r = await h.dispatcher.call('diagnostics.start', { guideId: 'wifi-off' }, { transport: 'web' });
    expect(r).toMatchObject({ ok: false, error: { code: 'guides.no_diagnostics' } });
  });
});
