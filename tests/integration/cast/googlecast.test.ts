/**
 * The Google Cast sender against the receiver simulator over TLS on loopback.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import castv2 from 'castv2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { castProtocolReady, GoogleCastConnection, type MediaView } from '../../../main/services/cast/googlecast';
import { MediaServer, type SharedMedia } from '../../../main/services/cast/media-server';
import { CastReceiverSimulator, generateReceiverCertificate } from '../../../main/services/simulator/cast-receiver';
import type { ServiceError } from '../../../main/services/core/errors';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
let dir: string;
let media: MediaServer;
let receiver: CastReceiverSimulator;
let conn: GoogleCastConnection | null = null;
let video: SharedMedia;
let image: SharedMedia;
let audio: SharedMedia;
let tls: { key: string; cert: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-gc-'));
  await copyFile(join(FIXTURES, 'lesson-video.webm'), join(dir, 'film.webm'));
  await copyFile(join(FIXTURES, 'lesson-image.png'), join(dir, 'carte.png'));
  await copyFile(join(FIXTURES, 'lesson-audio.mp3'), join(dir, 'chanson.mp3'));
  media = await MediaServer.start({ host: '127.0.0.1' });
  video = await media.shareFile(join(dir, 'film.webm'));
  image = await media.shareFile(join(dir, 'carte.png'));
  audio = await media.shareFile(join(dir, 'chanson.mp3'));
  tls = await generateReceiverCertificate();
});

afterAll(async () => {
  await media.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  receiver = await CastReceiverSimulator.start({ host: '127.0.0.1', tls });
});

afterEach(async () => {
  conn?.close();
  conn = null;
  await receiver.close().catch(() => undefined);
});

const connect = async (timeoutMs?: number) => {
  conn = await GoogleCastConnection.connect({ host: '127.0.0.1', port: receiver.port, timeoutMs });
  return conn;
};
const sent = (type: string) => receiver.messages.filter((m) => m.type === type);

describe('GoogleCastConnection', () => {
  it('waits for castv2’s protocol definitions before sending anything', async () => {
    await expect(castProtocolReady()).resolves.toBeUndefined();
    const c = await connect();
    expect(c.isClosed).toBe(false);
    await vi.waitFor(() => expect(sent('CONNECT')).toHaveLength(1));
  });

  it('reads the receiver status, launches the Default Media Receiver and loads media with autoplay', async () => {
    const c = await connect();
    expect(await c.receiverStatus()).toMatchObject({ busy: false, apps: [] });
    await c.launchMediaReceiver();
    expect(receiver.runningAppId).toBe('CC1AD845');
    expect(c.sessionId).toBeTruthy();
    expect(await c.receiverStatus()).toMatchObject({ busy: false, apps: [{ appId: 'CC1AD845', name: 'Default Media Receiver' }] });

    const statuses: MediaView[] = [];
    c.on('media', (m) => statuses.push(m));
    const loaded = await c.load({ url: video.url, mime: 'video/webm', kind: 'video', title: 'Le film' });
    expect(loaded).toMatchObject({ state: 'PLAYING', mediaSessionId: 1 });
    const load = sent('LOAD')[0]!.data as { autoplay: boolean; media: Record<string, unknown> };
    expect(load.autoplay).toBe(true);
    expect(load.media).toMatchObject({ contentId: video.url, contentType: 'video/webm', streamType: 'BUFFERED', metadata: { title: 'Le film', metadataType: 1 } });
    // The receiver fetched the URL itself, from byte 0 then the end.
    expect(receiver.fetches.map((f) => [f.range, f.status])).toEqual([
      ['bytes=0-', 206],
      ['bytes=-1024', 206],
    ]);
    // The broadcast MEDIA_STATUS came before the reply, so castv2-client knows the media session.
    expect(statuses[0]?.state).toBe('PLAYING');

    expect((await c.pause()).state).toBe('PAUSED');
    expect(receiver.playerState.playerState).toBe('PAUSED');
    expect((await c.play()).state).toBe('PLAYING');
    expect((await c.seek(12)).position).toBeGreaterThanOrEqual(12);
    expect((await c.mediaStatus()).state).toBe('PLAYING');
    expect((await c.stopMedia()).state).toBe('IDLE');
    await c.stopApp();
    expect(receiver.runningAppId).toBeNull();
  });

  it('loads an image (fetched whole) and audio (fetched by range)', async () => {
    const c = await connect();
    await c.launchMediaReceiver();
    expect((await c.load({ url: image.url, mime: 'image/png', kind: 'image', title: 'Carte' })).state).toBe('PLAYING');
    expect(receiver.fetches.at(-1)).toMatchObject({ range: null, status: 200, contentType: 'image/png' });
    expect(receiver.fetches.at(-1)!.bytes).toBe(image.size);
    expect((await c.load({ url: audio.url, mime: 'audio/mpeg', kind: 'audio', title: 'Chanson' })).state).toBe('PLAYING');
    expect(receiver.fetches.at(-2)).toMatchObject({ range: 'bytes=0-', status: 206, contentType: 'audio/mpeg' });
    expect((sent('LOAD').at(-1)!.data as { media: { metadata: { metadataType: number } } }).media.metadata.metadataType).toBe(3);
  });

  it('turns LOAD_FAILED into cast.load_failed, on purpose and when the receiver cannot fetch the URL', async () => {
    const c = await connect();
    await c.launchMediaReceiver();
    receiver.setLoadFailure('next');
    const forced = await c.load({ url: video.url, mime: 'video/webm', kind: 'video', title: 'Le film' }).catch((e: ServiceError) => e);
    expect(forced).toMatchObject({ code: 'cast.load_failed', guide: 'guide:cast-failed', params: { file: 'Le film' } });
    const gone = await media.shareFile(join(dir, 'film.webm'));
    gone.revoke();
    const unreachable = await c.load({ url: gone.url, mime: 'video/webm', kind: 'video', title: 'Le film' }).catch((e: ServiceError) => e);
    expect(unreachable).toMatchObject({ code: 'cast.load_failed' });
    expect(receiver.fetches.at(-1)?.status).toBe(410);
    // Still usable afterwards.
    expect((await c.load({ url: video.url, mime: 'video/webm', kind: 'video', title: 'Le film' })).state).toBe('PLAYING');
  });

  it('sees another app as busy, and is told when another sender replaces its player', async () => {
    receiver.runForeignApp();
    const c = await connect();
    expect(await c.receiverStatus()).toMatchObject({ busy: true, busyWith: 'YouTube' });
    await c.launchMediaReceiver();
    expect((await c.receiverStatus()).busy).toBe(false);
    const closed = new Promise<void>((resolve) => c.on('appClosed', () => resolve()));
    receiver.runForeignApp('ABCDEF01', 'Autre appli');
    await closed;
    await expect(c.pause()).rejects.toMatchObject({ code: 'cast.no_session' });
  });

  it('reports a receiver that goes away as cast.receiver_lost, and refuses further requests', async () => {
    const c = await connect();
    await c.launchMediaReceiver();
    const closed = new Promise<ServiceError | null>((resolve) => c.on('closed', ({ error }) => resolve(error)));
    await receiver.close();
    expect(await closed).toMatchObject({ code: 'cast.receiver_lost', guide: 'guide:wireless' });
    await expect(c.receiverStatus()).rejects.toMatchObject({ code: 'cast.receiver_lost' });
  });

  it('fails clearly when nothing listens, and times out on a receiver that never answers', async () => {
    const port = receiver.port;
    await receiver.close();
    await expect(GoogleCastConnection.connect({ host: '127.0.0.1', port, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'cast.unreachable', guide: 'guide:wireless' });

    const mute = new castv2.Server({ key: tls.key, cert: tls.cert });
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    const mutePort = (mute.server.address() as { port: number }).port;
    try {
      const c = await GoogleCastConnection.connect({ host: '127.0.0.1', port: mutePort, timeoutMs: 300 });
      conn = c;
      await expect(c.receiverStatus()).rejects.toMatchObject({ code: 'cast.unreachable' });
    } finally {
      mute.close();
    }
  });
});
