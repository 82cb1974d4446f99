/**
 * Casting through the host and the contract (as the renderer calls it), with the demo classroom's
 * « Écran » (a simulated Google Cast receiver on loopback): targets from the registry, start, pause,
 * resume, PDF pages, stop; "busy" and take-over; the cast ends when its screen leaves the registry;
 * what the web preview refuses (paths, the presentation window, the display mode).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../main/host';
import type { CastStatusView, CastTargets } from '../../../preload/contract/cast';
import { testHost, call, nextEvent } from '../../support/host';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
const SCREEN = 'inv:demo-screen';
let host: Host;

const dispatch = (channel: string, input?: unknown, transport: 'web' | 'electron' | 'cli' = 'web') => host.dispatcher.dispatch(channel, input, { transport });
const fileId = async (name: string) => (await host.services.files.registry.register(join(FIXTURES, name), 'cli')).fileId;
const receiver = () => host.services.devices.demo()!.castReceiver!;

async function waitForCastScreen(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!host.services.devices.registry.get(SCREEN)?.capabilities.includes('googlecast')) {
    if (Date.now() > deadline) throw new Error('the demo « Écran » never became a Cast receiver');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  host = await testHost();
  await call(host, 'settings.set', { patch: { demoMode: true } });
  await waitForCastScreen();
});
afterAll(async () => {
  await host?.dispose();
});

describe('cast.* through the contract, to the demo « Écran »', () => {
  it('lists the demo screen as a Google Cast receiver (and the projectors, which have no Cast, not at all)', async () => {
    const targets = await call<CastTargets>(host, 'cast.targets');
    expect(targets.receivers).toEqual([{ deviceId: SCREEN, name: 'Écran', kind: 'screen', room: 'demo', protocols: ['googlecast'], busy: false }]);
    expect(targets.wireless).toEqual([]);
  });

  it('casts a video: loading then playing, pause, resume and stop, each as a cast.status event', async () => {
    const states: string[] = [];
    const off = host.events.on('cast.status', (s) => states.push(s.state));
    const started = await call<CastStatusView>(host, 'cast.start', { fileId: await fileId('lesson-video.webm'), deviceId: SCREEN });
    expect(started).toMatchObject({ deviceId: SCREEN, targetName: 'Écran', protocol: 'googlecast', state: 'playing', file: { name: 'lesson-video.webm', kind: 'video', mime: 'video/webm' } });
    expect(receiver().playerState.playerState).toBe('PLAYING');
    // The receiver fetched the file from the media server, from byte 0 (as a player does).
    expect(receiver().fetches.at(-2)).toMatchObject({ range: 'bytes=0-', status: 206, contentType: 'video/webm' });
    expect((await call<CastStatusView>(host, 'cast.control', { castId: started.castId, command: 'pause' })).state).toBe('paused');
    expect(receiver().playerState.playerState).toBe('PAUSED');
    expect((await call<CastStatusView>(host, 'cast.control', { castId: started.castId, command: 'resume' })).state).toBe('playing');
    expect(await call<CastStatusView[]>(host, 'cast.list')).toHaveLength(1);
    const stopped = await call<CastStatusView>(host, 'cast.control', { castId: started.castId, command: 'stop' });
    expect(stopped).toMatchObject({ state: 'stopped', endReason: 'stopped' });
    expect(receiver().playerState.playerState).toBe('IDLE');
    expect(await call<CastStatusView[]>(host, 'cast.list')).toEqual([]);
    // Stopping again is harmless: the last status comes back.
    expect((await call<CastStatusView>(host, 'cast.control', { castId: started.castId, command: 'stop' })).state).toBe('stopped');
    off();
    expect(states.slice(0, 2)).toEqual(['loading', 'playing']);
    expect(states).toContain('paused');
    expect(states.at(-1)).toBe('stopped');
  });

  it('casts a PDF page by page: next and previous load the neighbouring page as a picture', async () => {
    const started = await call<CastStatusView>(host, 'cast.start', { fileId: await fileId('two-pages.pdf'), deviceId: SCREEN });
    expect(started).toMatchObject({ file: { kind: 'pdf' }, page: { number: 1, count: 2 } });
    expect(receiver().fetches.at(-1)).toMatchObject({ status: 200, contentType: 'image/png' });
    expect((await call<CastStatusView>(host, 'cast.control', { castId: started.castId, command: 'nextPage' })).page).toEqual({ number: 2, count: 2 });
    expect(receiver().playerState.contentId).toMatch(/two-pages%20-%202\.png$/);
    expect((await call<CastStatusView>(host, 'cast.control', { castId: started.castId, command: 'previousPage' })).page).toEqual({ number: 1, count: 2 });
    await call(host, 'cast.control', { castId: started.castId, command: 'stop' });
  });

  it('says the screen is busy when another app runs on it, and takes over when the teacher confirms', async () => {
    receiver().runForeignApp();
    const image = await fileId('lesson-image.png');
    const refused = await dispatch('cast.start', { fileId: image, deviceId: SCREEN });
    expect(refused).toMatchObject({ ok: false, error: { code: 'cast.busy', params: { name: 'Écran', app: 'YouTube' }, guide: 'guide:cast-failed' } });
    const taken = await call<CastStatusView>(host, 'cast.start', { fileId: image, deviceId: SCREEN, takeOver: true });
    expect(taken.state).toBe('playing');
    await call(host, 'cast.control', { castId: taken.castId, command: 'stop' });
  });

  it('ends the cast with « receiver lost » when its screen leaves the registry (demo switched off)', async () => {
    const started = await call<CastStatusView>(host, 'cast.start', { fileId: await fileId('lesson-image.png'), deviceId: SCREEN });
    const ended = nextEvent(host, 'cast.status', (s) => s.castId === started.castId && s.endReason !== null);
    await call(host, 'settings.set', { patch: { demoMode: false } });
    expect(await ended).toMatchObject({ state: 'error', endReason: 'receiver-lost', error: { code: 'cast.receiver_lost', params: { name: 'Écran' } } });
    expect(await call<CastStatusView[]>(host, 'cast.list')).toEqual([]);
    await call(host, 'settings.set', { patch: { demoMode: true } });
    await waitForCastScreen();
  });

  it('refuses what cannot be cast, and unknown screens and files, with the errors the UI translates', async () => {
    expect(await dispatch('cast.start', { fileId: await fileId('lesson-image.png'), deviceId: 'inv:demo-projector' })).toMatchObject({ ok: false, error: { code: 'cast.target_unsupported' } });
    expect(await dispatch('cast.start', { fileId: await fileId('lesson-image.png'), deviceId: 'cast:nowhere' })).toMatchObject({ ok: false, error: { code: 'cast.target_unknown' } });
    expect(await dispatch('cast.start', { fileId: 'AbCdEfGhIjKlMnOpQrStUv', deviceId: SCREEN })).toMatchObject({ ok: false, error: { code: 'files.unknown' } });
    expect(await dispatch('cast.control', { castId: 'no-such-cast', command: 'pause' })).toMatchObject({ ok: false, error: { code: 'cast.no_session' } });
  });
});

describe('what the web preview refuses', () => {
  it('never takes a path from a web client (files.register, files.pick): it uploads instead', async () => {
    expect(await dispatch('files.register', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'files.picker_unavailable' } });
    expect(await dispatch('files.pick')).toMatchObject({ ok: false, error: { code: 'files.picker_unavailable' } });
  });

  it('answers display.presentation_unavailable for the presentation window, and web-preview for the display', async () => {
    const image = await fileId('lesson-image.png');
    expect(await dispatch('present.start', { fileId: image })).toMatchObject({ ok: false, error: { code: 'display.presentation_unavailable', guide: 'guide:display-mode' } });
    expect(await dispatch('present.command', { command: 'next' })).toMatchObject({ ok: false, error: { code: 'display.presentation_unavailable' } });
    expect(await call(host, 'present.current')).toBeNull();
    expect(await call(host, 'display.status')).toMatchObject({ environment: 'web-preview', canApply: false, presentationAvailable: false, projector: null, preferredMode: 'duplicate' });
    expect(await dispatch('display.setMode', { mode: 'duplicate' })).toMatchObject({ ok: false, error: { code: 'display.web_preview', guide: 'guide:display-mode' } });
  });

  it('opens no system panel for « Projeter sans fil » on Linux: it names the screen and points to the guide', async () => {
    host.services.devices.registry.report({ source: 'mdns', identity: { airplayId: 'AA:BB:CC:DD:EE:FF', host: '127.0.0.2' }, name: 'Apple TV salle 12', kind: 'cast-receiver', capabilities: ['airplay'], endpoints: { airplay: { port: 7000, deviceId: 'AA:BB:CC:DD:EE:FF' } }, alive: true });
    await expect.poll(async () => (await call<CastTargets>(host, 'cast.targets')).wireless.map((w) => w.name)).toContain('Apple TV salle 12');
    const target = (await call<CastTargets>(host, 'cast.targets')).wireless.find((w) => w.name === 'Apple TV salle 12')!;
    expect(target.protocols).toEqual(['airplay']);
    expect(await call(host, 'wireless.open', { deviceId: target.deviceId })).toEqual({ deviceId: target.deviceId, name: 'Apple TV salle 12', protocol: 'airplay', method: 'guide', opened: false, guide: 'guide:wireless' });
  });
});
