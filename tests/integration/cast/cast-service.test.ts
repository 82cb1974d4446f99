/**
 * CastService end to end on loopback: the Cast receiver simulator and a fake DLNA renderer fetch from
 * the real media server.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CastService, type CastStatus } from '../../../main/services/cast/cast-service';
import { GoogleCastConnection } from '../../../main/services/cast/googlecast';
import type { CastTarget } from '../../../main/services/cast/cast-target';
import { MediaServerPool } from '../../../main/services/cast/media-server-pool';
import type { ServiceError } from '../../../main/services/core/errors';
import { CastReceiverSimulator, generateReceiverCertificate } from '../../../main/services/simulator/cast-receiver';
import { FakeRenderer } from './fake-renderer';
import { rawRequest } from './http-client';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
let dir: string;
let tls: { key: string; cert: string };
const files = { video: '', image: '', audio: '', pdf: '', badPdf: '', text: '' };

let receiver: CastReceiverSimulator;
let pool: MediaServerPool;
let service: CastService;
let events: CastStatus[];
let target: CastTarget;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-cast-'));
  files.video = join(dir, `Le "film" 🎬.webm`);
  files.image = join(dir, 'carte.png');
  files.audio = join(dir, 'chanson.mp3');
  files.pdf = join(dir, 'Fiche élève.pdf');
  files.badPdf = join(dir, 'abîmé.pdf');
  files.text = join(dir, 'notes.mp4');
  await copyFile(join(FIXTURES, 'lesson-video.webm'), files.video);
  await copyFile(join(FIXTURES, 'lesson-image.png'), files.image);
  await copyFile(join(FIXTURES, 'lesson-audio.mp3'), files.audio);
  await copyFile(join(FIXTURES, 'two-pages.pdf'), files.pdf);
  await writeFile(files.badPdf, '%PDF-1.4\nthis is not a PDF body at all\n');
  await writeFile(files.text, 'pas une vidéo');
  tls = await generateReceiverCertificate();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  receiver = await CastReceiverSimulator.start({ host: '127.0.0.1', tls });
  pool = new MediaServerPool();
  service = new CastService({ pool, dlnaPollMs: 50, pageBox: { maxWidth: 640, maxHeight: 360 } });
  events = [];
  service.on('status', (s) => events.push(s));
  target = { key: 'screen-1', name: 'Écran salle 12', protocol: 'googlecast', host: '127.0.0.1', port: receiver.port };
});

afterEach(async () => {
  await service.dispose();
  await receiver.close().catch(() => undefined);
});

const lastLoadUrl = () => (receiver.messages.filter((m) => m.type === 'LOAD').at(-1)!.data as { media: { contentId: string } }).media.contentId;
const fetchUrl = (url: string) => {
  const u = new URL(url);
  return rawRequest({ host: u.hostname, port: Number(u.port), path: u.pathname }).catch((e: NodeJS.ErrnoException) => ({ status: e.code }));
};
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: ServiceError) => e);

describe('CastService with Google Cast', () => {
  it('casts a video: loading then playing, with the file’s type; stop revokes it and leaves the screen idle', async () => {
    const status = await service.cast({ file: files.video, target });
    expect(status).toMatchObject({ state: 'playing', statusKey: 'cast.status.playing', targetName: 'Écran salle 12', protocol: 'googlecast', file: { name: 'Le "film" 🎬.webm', kind: 'video', mime: 'video/webm' } });
    expect(events[0]).toMatchObject({ state: 'loading', statusKey: 'cast.status.loading', castId: status.castId });
    expect(service.get('screen-1')?.state).toBe('playing');
    expect(service.list()).toHaveLength(1);
    const url = lastLoadUrl();
    expect(new URL(url).hostname).toBe('127.0.0.1');

    expect((await service.pause('screen-1')).state).toBe('paused');
    expect(receiver.playerState.playerState).toBe('PAUSED');
    expect((await service.resume('screen-1')).state).toBe('playing');
    expect((await service.seek('screen-1', 7)).position).toBeGreaterThanOrEqual(7);

    const stopped = await service.stop('screen-1');
    expect(stopped).toMatchObject({ state: 'stopped', endReason: 'stopped', error: null });
    expect(receiver.runningAppId).toBeNull();
    expect((await fetchUrl(url)).status).toBe('ECONNREFUSED');
    expect(await pool.running()).toEqual([]);
    expect(service.list()).toEqual([]);
    expect(events.at(-1)).toMatchObject({ state: 'stopped', castId: status.castId });
  });

  it('refuses a file that is not media before contacting the screen', async () => {
    const before = receiver.messages.length;
    expect(await errorOf(service.cast({ file: files.text, target }))).toMatchObject({ code: 'cast.not_media', guide: 'guide:prepare-lesson', params: { file: 'notes.mp4' } });
    expect(await errorOf(service.cast({ file: join(dir, 'absent.png'), target }))).toMatchObject({ code: 'cast.file_unreadable' });
    expect(receiver.messages.length).toBe(before);
    expect(events).toEqual([]);
  });

  it('keeps one cast per screen: a new one replaces the previous, whose URL dies', async () => {
    const first = await service.cast({ file: files.video, target });
    const firstUrl = lastLoadUrl();
    const second = await service.cast({ file: files.image, target });
    expect(second.castId).not.toBe(first.castId);
    expect(events.find((e) => e.castId === first.castId && e.state === 'stopped')?.endReason).toBe('replaced');
    expect([410, 'ECONNREFUSED']).toContain((await fetchUrl(firstUrl)).status);
    expect((await fetchUrl(lastLoadUrl())).status).toBe(200);
    expect(service.list().map((s) => s.castId)).toEqual([second.castId]);
  });

  it('casts a PDF page by page as images; next/previous change the page and the old page URL dies', async () => {
    const status = await service.cast({ file: files.pdf, target });
    expect(status).toMatchObject({ state: 'playing', page: { index: 0, count: 2 }, file: { kind: 'pdf', mime: 'application/pdf' } });
    const page1 = lastLoadUrl();
    expect(decodeURIComponent(page1)).toMatch(/Fiche élève - 1\.png$/);
    expect(receiver.fetches.at(-1)).toMatchObject({ status: 200, contentType: 'image/png' });
    expect((await service.nextPage('screen-1')).page).toEqual({ index: 1, count: 2 });
    const page2 = lastLoadUrl();
    expect(page2).not.toBe(page1);
    expect((await fetchUrl(page1)).status).toBe(410);
    const png = await fetchUrl(page2);
    expect('body' in png && png.body.subarray(1, 4).toString()).toBe('PNG');
    // Past the last page: stays there.
    expect((await service.nextPage('screen-1')).page).toEqual({ index: 1, count: 2 });
    expect((await service.previousPage('screen-1')).page).toEqual({ index: 0, count: 2 });
    expect((await service.goToPage('screen-1', 99)).page).toEqual({ index: 1, count: 2 });
    await service.cast({ file: files.audio, target });
    expect(await errorOf(service.nextPage('screen-1'))).toMatchObject({ code: 'cast.not_paged' });
  });

  it('reports a PDF it cannot render', async () => {
    expect(await errorOf(service.cast({ file: files.badPdf, target }))).toMatchObject({ code: 'cast.pdf_unreadable', guide: 'guide:prepare-lesson' });
    expect(events.at(-1)).toMatchObject({ state: 'error', endReason: 'failed', error: { code: 'cast.pdf_unreadable' } });
  });

  it('says the screen is busy, and takes over when asked', async () => {
    receiver.runForeignApp();
    const busy = await errorOf(service.cast({ file: files.image, target }));
    expect(busy).toMatchObject({ code: 'cast.busy', guide: 'guide:cast-failed', params: { name: 'Écran salle 12', app: 'YouTube' } });
    expect(receiver.runningAppId).toBe('233637DE');
    expect(await pool.running()).toEqual([]);
    const taken = await service.cast({ file: files.image, target, takeOver: true });
    expect(taken.state).toBe('playing');
    expect(receiver.runningAppId).toBe('CC1AD845');
  });

  it('reuses a media player another sender left idle, but reports one still playing as busy', async () => {
    const leave = async (stopMedia: boolean) => {
      // A sender that launched the player, loaded something and went away without closing the player.
      const c = await GoogleCastConnection.connect({ host: '127.0.0.1', port: receiver.port });
      await c.launchMediaReceiver();
      const shared = await pool.shareFile('127.0.0.1', files.image);
      await c.load({ url: shared.url, mime: 'image/png', kind: 'image', title: 'autre' });
      if (stopMedia) await c.stopMedia();
      c.close();
      shared.revoke();
    };
    await leave(false);
    const launches = () => receiver.messages.filter((m) => m.type === 'LAUNCH').length;
    const before = launches();
    expect(await errorOf(service.cast({ file: files.video, target }))).toMatchObject({ code: 'cast.busy', params: { app: 'Default Media Receiver' } });

    await service.stopOnReceiver(target);
    await leave(true);
    const status = await service.cast({ file: files.video, target });
    expect(status.state).toBe('playing');
    // Joined the idle player instead of launching a new one.
    expect(launches()).toBe(before + 1);
  });

  it('LOAD_FAILED ends the cast with an error event, stops the player and the file is no longer served', async () => {
    receiver.setLoadFailure('next');
    const error = await errorOf(service.cast({ file: files.video, target }));
    expect(error).toMatchObject({ code: 'cast.load_failed', params: { name: 'Écran salle 12', file: 'Le "film" 🎬.webm' } });
    expect(events.map((e) => e.state)).toEqual(['loading', 'error']);
    expect(events.at(-1)).toMatchObject({ endReason: 'failed', error: { code: 'cast.load_failed', guide: 'guide:cast-failed' } });
    expect(receiver.runningAppId).toBeNull();
    expect(await pool.running()).toEqual([]);
  });

  it('a receiver that disappears mid-cast ends it with cast.receiver_lost and the file is revoked', async () => {
    const status = await service.cast({ file: files.video, target });
    const url = lastLoadUrl();
    await receiver.close();
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ castId: status.castId, state: 'error', endReason: 'receiver-lost', error: { code: 'cast.receiver_lost', params: { name: 'Écran salle 12' } } }));
    expect((await fetchUrl(url)).status).toBe('ECONNREFUSED');
    expect(service.list()).toEqual([]);
    expect(await errorOf(service.pause('screen-1'))).toMatchObject({ code: 'cast.no_session' });
  });

  it('targetGone (registry removal, SSDP byebye) ends the matching cast', async () => {
    const status = await service.cast({ file: files.image, target: { ...target, udn: 'uuid:x' } });
    service.targetGone({ key: 'other' });
    expect(service.list()).toHaveLength(1);
    service.targetGone({ udn: 'uuid:x' });
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ castId: status.castId, endReason: 'receiver-lost', error: { code: 'cast.receiver_lost' } }));
    expect(service.list()).toEqual([]);
  });

  it('receiverInfo tells whether a screen is in use before casting', async () => {
    expect(await service.receiverInfo(target)).toEqual({ protocol: 'googlecast', busy: false, busyWith: null, state: null, volume: 1 });
    await service.cast({ file: files.image, target });
    // Our own cast is not "busy".
    expect(await service.receiverInfo(target)).toMatchObject({ busy: false });
    await service.stop('screen-1');
    receiver.runForeignApp();
    expect(await service.receiverInfo(target)).toMatchObject({ busy: true, busyWith: 'YouTube' });
    const port = receiver.port;
    await receiver.close();
    expect(await errorOf(service.receiverInfo({ ...target, port }))).toMatchObject({ code: 'cast.unreachable', params: { name: 'Écran salle 12' } });
  });

  it('stop during loading ends the cast cleanly', async () => {
    const pending = service.cast({ file: files.video, target });
    await vi.waitFor(() => expect(events[0]?.state).toBe('loading'));
    await service.stop('screen-1');
    const result = await pending.catch((e: ServiceError) => e);
    expect(result).toMatchObject({ state: 'stopped', endReason: 'stopped' });
    expect(service.list()).toEqual([]);
    await vi.waitFor(async () => expect(await pool.running()).toEqual([]));
  });

  it('stopOnReceiver stops a player this process did not start', async () => {
    const other = new CastService({ pool: new MediaServerPool() });
    await other.cast({ file: files.image, target });
    expect(receiver.runningAppId).toBe('CC1AD845');
    await service.stopOnReceiver(target);
    expect(receiver.runningAppId).toBeNull();
    await vi.waitFor(() => expect(other.list()).toEqual([]));
    await other.dispose();
  });

  it('an unreachable screen is reported as such', async () => {
    const port = receiver.port;
    await receiver.close();
    expect(await errorOf(service.cast({ file: files.image, target: { ...target, port } }))).toMatchObject({ code: 'cast.unreachable', guide: 'guide:wireless', params: { name: 'Écran salle 12' } });
    expect(await pool.running()).toEqual([]);
  });
});

describe('CastService with DLNA', () => {
  let renderer: FakeRenderer;
  let dlna: CastTarget;

  beforeEach(async () => {
    renderer = await FakeRenderer.start();
    dlna = { key: 'tv', name: 'Téléviseur CM2', protocol: 'dlna', host: '127.0.0.1', location: renderer.location };
  });
  afterEach(async () => {
    await service.dispose();
    await renderer.close();
  });

  it('sets the URI with DIDL-Lite metadata, plays, and follows the renderer’s state', async () => {
    const status = await service.cast({ file: files.video, target: dlna });
    expect(status.state).toBe('loading');
    await vi.waitFor(() => expect(service.get('tv')?.state).toBe('playing'));
    expect(renderer.actions().slice(0, 2)).toEqual(['SetAVTransportURI', 'Play']);
    const set = renderer.requests.find((r) => r.action === 'SetAVTransportURI')!;
    expect(set.soapAction).toBe('"urn:schemas-upnp-org:service:AVTransport:1#SetAVTransportURI"');
    expect(set.contentType).toBe('text/xml; charset="utf-8"');
    expect(set.args['InstanceID']).toBe('0');
    expect(renderer.metadata).toContain('<dc:title>Le &quot;film&quot; 🎬.webm</dc:title>');
    expect(renderer.metadata).toContain('protocolInfo="http-get:*:video/webm:');
    expect(renderer.metadata).toContain('<upnp:class>object.item.videoItem</upnp:class>');
    expect(renderer.fetches[0]).toMatchObject({ url: renderer.uri, status: 206 });

    expect((await service.pause('tv')).state).toBe('paused');
    expect(renderer.state).toBe('PAUSED_PLAYBACK');
    expect((await service.resume('tv')).state).toBe('playing');
    expect((await service.seek('tv', 12)).position).toBe(12);
    expect(renderer.requests.find((r) => r.action === 'Seek')?.args).toMatchObject({ Unit: 'REL_TIME', Target: '0:00:12' });
    await service.stop('tv');
    expect(renderer.state).toBe('STOPPED');
  });

  it('opens a new connection for every request and asks the renderer to close it (no keep-alive reuse)', async () => {
    await service.cast({ file: files.audio, target: dlna });
    await vi.waitFor(() => expect(service.get('tv')?.state).toBe('playing'));
    await service.pause('tv');
    await service.stop('tv');
    const fromClient = renderer.requests;
    expect(fromClient.length).toBeGreaterThan(4);
    expect(new Set(fromClient.map((r) => r.socket)).size).toBe(fromClient.length);
    for (const r of fromClient) expect(r.connection).toBe('close');
  });

  it('turns SOAP faults into clear errors without ending the cast', async () => {
    await service.cast({ file: files.video, target: dlna });
    await vi.waitFor(() => expect(service.get('tv')?.state).toBe('playing'));
    renderer.faults = { Seek: [711, 'Illegal seek target'] };
    expect(await errorOf(service.seek('tv', 5))).toMatchObject({ code: 'cast.seek_refused', guide: 'guide:cast-failed', params: { code: 711, name: 'Téléviseur CM2' } });
    renderer.faults = { Pause: [701, 'Transition not available'] };
    expect(await errorOf(service.pause('tv'))).toMatchObject({ code: 'cast.action_refused', params: { code: 701 } });
    expect(service.get('tv')?.state).toBe('playing');
    renderer.faults = {};
    renderer.brokenReply = 503;
    expect(await errorOf(service.pause('tv'))).toMatchObject({ code: 'cast.protocol_error' });
    renderer.brokenReply = null;
  });

  it('a renderer refusing the file fails the cast with cast.load_failed', async () => {
    renderer.faults = { SetAVTransportURI: [714, 'Illegal MIME-type'] };
    expect(await errorOf(service.cast({ file: files.video, target: dlna }))).toMatchObject({ code: 'cast.load_failed', params: { code: 714, name: 'Téléviseur CM2', file: 'Le "film" 🎬.webm' } });
    expect(await pool.running()).toEqual([]);
  });

  it('a track played to the end finishes the session; one stopped on the TV ends it as taken over', async () => {
    await service.cast({ file: files.audio, target: dlna });
    await vi.waitFor(() => expect(service.get('tv')?.state).toBe('playing'));
    renderer.position = 30;
    await new Promise((r) => setTimeout(r, 150));
    renderer.state = 'STOPPED';
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ state: 'stopped', endReason: 'finished' }));

    await service.cast({ file: files.audio, target: dlna });
    await vi.waitFor(() => expect(service.get('tv')?.state).toBe('playing'));
    renderer.position = 3;
    await new Promise((r) => setTimeout(r, 150));
    renderer.state = 'STOPPED';
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ state: 'stopped', endReason: 'taken-over' }));
    expect(await pool.running()).toEqual([]);
  });

  it('a renderer that stops answering ends the cast with cast.receiver_lost', async () => {
    await service.cast({ file: files.audio, target: dlna });
    await vi.waitFor(() => expect(service.get('tv')?.state).toBe('playing'));
    await renderer.close();
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ state: 'error', endReason: 'receiver-lost', error: { code: 'cast.receiver_lost', guide: 'guide:wireless' } }), { timeout: 5000 });
    expect(await pool.running()).toEqual([]);
    renderer = await FakeRenderer.start();
  });

  it('receiverInfo reads the transport state; an SSDP byebye (targetGone by location) ends the cast', async () => {
    expect(await service.receiverInfo(dlna)).toEqual({ protocol: 'dlna', busy: false, busyWith: null, state: 'NO_MEDIA_PRESENT', volume: null });
    const status = await service.cast({ file: files.audio, target: dlna });
    await vi.waitFor(() => expect(service.get('tv')?.state).toBe('playing'));
    expect(await service.receiverInfo(dlna)).toMatchObject({ busy: false, state: 'PLAYING' });
    service.targetGone({ host: '127.0.0.1', protocol: 'googlecast' });
    expect(service.list()).toHaveLength(1);
    service.targetGone({ location: renderer.location });
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ castId: status.castId, endReason: 'receiver-lost' }));
    // Someone else plays on it now.
    renderer.uri = 'http://127.0.0.1:1/other.mp3';
    renderer.state = 'PLAYING';
    expect(await service.receiverInfo(dlna)).toMatchObject({ busy: true, state: 'PLAYING' });
  });

  it('an unreachable description fails with cast.unreachable', async () => {
    expect(await errorOf(service.cast({ file: files.audio, target: { ...dlna, location: 'http://127.0.0.1:1/description.xml' } }))).toMatchObject({ code: 'cast.unreachable', params: { name: 'Téléviseur CM2' } });
  });
});
