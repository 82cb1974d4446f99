/**
 * Casting on a real classroom network (two namespaces): the casting code runs in the TEACHER namespace
 * (cast-runner.ts, the same functions as `classe cast`), the screens in the ROOM namespace — Debian's
 * gmediarender (a real DLNA renderer, GStreamer playing into fakesinks) and the Cast receiver
 * simulator advertised by a real avahi-daemon. Screens fetch the media from the laptop's media server
 * across the veth, as real ones do.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, REPO_ROOT, type Gmediarender, type Lab } from './harness/lab';
import { JsonLinesProcess, type JsonEvent } from './support/json-lines';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'cast');
const SCREEN = 'Écran salle 12';
const CAST_SCREEN = 'Écran salle 12 (Chromecast)';

interface CastStatus {
  castId: string;
  state: string;
  targetName: string;
  endReason: string | null;
  error: { code: string; guide?: string; params?: Record<string, unknown> } | null;
  file: { name: string; mime: string; kind: string };
}
interface CastResult {
  code: number;
  lines: { type: string; ok?: boolean; status?: CastStatus; error?: { code: string; guide?: string } }[];
}
interface RequestRecord {
  method: string;
  status: number;
  remote: string;
  name: string | null;
  range: string | null;
}
interface ProbeResult {
  status: number | null;
  headers: Record<string, string>;
  bytes: number;
  head: string;
  error: string | null;
}

let lab: Lab;
let renderer: Gmediarender;
let runner: JsonLinesProcess;
let receiver: JsonLinesProcess | null = null;
let mediaDir: string;
const files = { audio: '', video: '', image: '', videoForCast: '' };

async function probeFromRoom(probes: object[]): Promise<ProbeResult[]> {
  const { stdout } = await lab.exec(lab.roomNs, process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tests/lab/support/http-probe.ts'), JSON.stringify(probes)]);
  return JSON.parse(stdout) as ProbeResult[];
}

function lastResult(r: CastResult): CastResult['lines'][number] {
  const result = r.lines.find((l) => l.type === 'result');
  if (!result) throw new Error(`no result line in ${JSON.stringify(r)}`);
  return result;
}

function statusEvent(castId: string, state: string) {
  return (e: JsonEvent) => e.event === 'status' && (e['status'] as CastStatus).castId === castId && (e['status'] as CastStatus).state === state;
}

/** What gmediarender logged since `offset` (its GStreamer pipeline reports what it decoded). */
async function rendererLogSince(offset: number): Promise<string> {
  return (await readFile(renderer.logFile, 'utf8')).slice(offset);
}

async function rendererLogLength(): Promise<number> {
  return (await readFile(renderer.logFile, 'utf8')).length;
}

/**
 * Waits until GStreamer in the renderer really plays the media: it knows its 30 s duration (logged when
 * it changes) or the playback clock advanced (fakesink sync=true only advances on decoded buffers).
 */
async function expectDecoded(offset: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (/CurrentTrackDuration: 0:00:(29|30)|RelativeTimePosition: 0:00:0[1-9]/.test(await rendererLogSince(offset))) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`gmediarender did not decode the media:\n${(await rendererLogSince(offset)).slice(-3000)}`);
}

async function transportState(): Promise<string> {
  const t = await runner.request<{ info: { state: string } }>('transport', { location: renderer.location });
  return t.info.state;
}

/** GetTransportInfo polled until it says `state` (the renderer changes state asynchronously). */
async function expectTransport(state: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await transportState();
    if (last === state) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`renderer stayed in ${last}, expected ${state}`);
}

beforeAll(async () => {
  lab = await createLab();
  mediaDir = join(lab.workDir, 'Cours de Mme Durand');
  await mkdir(mediaDir, { recursive: true });
  // File names a teacher really has: accents, quotes, emoji, spaces.
  files.audio = join(mediaDir, `Chanson « l'été » 🎵.mp3`);
  files.video = join(mediaDir, `La "mare" aux canards 🦆.webm`);
  files.image = join(mediaDir, `Carte d'Hérault 🗺️.png`);
  files.videoForCast = join(mediaDir, 'Vidéo du jardin.webm');
  await copyFile(join(FIXTURES, 'lesson-audio.mp3'), files.audio);
  await copyFile(join(FIXTURES, 'lesson-video.webm'), files.video);
  await copyFile(join(FIXTURES, 'lesson-image.png'), files.image);
  await copyFile(join(FIXTURES, 'lesson-video.webm'), files.videoForCast);

  renderer = await lab.startGmediarender({ name: SCREEN });
  runner = new JsonLinesProcess(lab.spawnTs(lab.teacherNs, 'tests/lab/support/cast-runner.ts', [lab.teacherIp], { stdio: ['pipe', 'pipe', 'pipe'] }), 'cast-runner');
  await runner.waitForEvent((e) => e.event === 'ready', 30_000);
}, 120_000);

afterAll(async () => {
  runner?.close();
  receiver?.close();
  await lab?.close();
});

describe('DLNA: gmediarender in the room', () => {
  it('is discovered via SSDP from the teacher namespace, with its AVTransport and a DeviceReport for the registry', async () => {
    const found = await runner.request<{ udn: string; location: string; friendlyName: string; control: string; from: string }>('discover-dlna', {
      name: SCREEN,
      timeoutMs: 15_000,
    });
    expect(found.friendlyName).toBe(SCREEN);
    expect(found.location).toBe(renderer.location);
    expect(found.from).toBe(lab.roomIp);
    expect(found.control).toBe(`http://${lab.roomIp}:${renderer.port}/upnp/control/rendertransport1`);
    const report = runner.events.find((e) => e.event === 'report')?.['report'] as Record<string, unknown>;
    expect(report).toMatchObject({
      source: 'ssdp',
      identity: { udn: found.udn, host: lab.roomIp },
      name: SCREEN,
      capabilities: ['dlna'],
      endpoints: { dlna: { location: renderer.location } },
      alive: true,
    });
  });

  it('casts an audio file: the renderer fetches it from the laptop and plays; pause → PAUSED_PLAYBACK; stop → STOPPED', async () => {
    const logOffset = await rendererLogLength();
    const result = await runner.request<CastResult>('cast', { file: files.audio, to: SCREEN });
    expect(result.code, JSON.stringify(result)).toBe(0);
    const status = lastResult(result).status!;
    expect(status.file).toMatchObject({ mime: 'audio/mpeg', kind: 'audio' });
    await runner.waitForEvent(statusEvent(status.castId, 'playing'), 15_000);
    await expectTransport('PLAYING');
    // The renderer (room side) fetched the file from the media server on the teacher's address.
    const fetched = await runner.waitForEvent((e) => e.event === 'request' && (e['record'] as RequestRecord).remote === lab.roomIp);
    expect((fetched['record'] as RequestRecord).status).toBeOneOf([200, 206]);
    await expectDecoded(logOffset);

    await runner.request('pause', { to: SCREEN });
    await expectTransport('PAUSED_PLAYBACK');
    await runner.waitForEvent(statusEvent(status.castId, 'paused'));
    await runner.request('resume', { to: SCREEN });
    await expectTransport('PLAYING');

    const stopped = await runner.request<CastStatus>('stop', { to: SCREEN });
    expect(stopped).toMatchObject({ state: 'stopped', endReason: 'stopped' });
    await expectTransport('STOPPED');
  });

  it('casts a video whose name has quotes and emoji: PLAYING, seek, pause, stop; the URL is dead afterwards', async () => {
    const logOffset = await rendererLogLength();
    const result = await runner.request<CastResult>('cast', { file: files.video, to: SCREEN });
    expect(result.code, JSON.stringify(result)).toBe(0);
    const status = lastResult(result).status!;
    expect(status.file).toMatchObject({ name: 'La "mare" aux canards 🦆.webm', mime: 'video/webm', kind: 'video' });
    await runner.waitForEvent(statusEvent(status.castId, 'playing'), 15_000);
    await expectTransport('PLAYING');
    await expectDecoded(logOffset);

    const afterSeek = await runner.request<{ state: string; position: number | null }>('seek', { to: SCREEN, seconds: 10 });
    expect(afterSeek.position).toBeGreaterThanOrEqual(9);
    await runner.request('pause', { to: SCREEN });
    await expectTransport('PAUSED_PLAYBACK');

    const requests = await runner.request<RequestRecord[]>('requests');
    const forVideo = requests.filter((r) => r.name === 'La "mare" aux canards 🦆.webm' && r.remote === lab.roomIp);
    expect(forVideo.length).toBeGreaterThan(0);

    await runner.request('stop', { to: SCREEN });
    await expectTransport('STOPPED');
    // The media server no longer listens (nothing is being cast): the file is gone from the network.
    const servers = await runner.request<unknown[]>('servers');
    expect(servers).toEqual([]);
  });

  it('reports a SOAP fault from the renderer as a clear error (pause while stopped)', async () => {
    await expectTransport('STOPPED');
    const failure = await runner.request('soap', { location: renderer.location, action: 'Pause' }).then(
      () => null,
      (e: Error & { info?: { code: string; guide?: string; params?: Record<string, unknown> } }) => e.info,
    );
    expect(failure).toMatchObject({ code: 'cast.receiver_error', guide: 'guide:cast-failed', params: { code: 501 } });
    expect(String(failure?.params?.['description'])).toMatch(/PAUSE not allowed/);
    // And through the service: pausing a screen with no cast says so instead of sending anything.
    const noSession = await runner.request('pause', { to: SCREEN }).then(
      () => null,
      (e: Error & { info?: { code: string } }) => e.info?.code,
    );
    expect(noSession).toBe('cast.no_session');
  });

  it('`classe cast stop --to` from another process stops the renderer; the casting process sees it end', async () => {
    const result = await runner.request<CastResult>('cast', { file: files.audio, to: SCREEN });
    const castId = lastResult(result).status!.castId;
    await runner.waitForEvent(statusEvent(castId, 'playing'), 15_000);
    // A second `classe` process, which has no session, given the renderer's description URL.
    const other = new JsonLinesProcess(lab.spawnTs(lab.teacherNs, 'tests/lab/support/cast-runner.ts', [lab.teacherIp], { stdio: ['pipe', 'pipe', 'pipe'] }), 'cast-runner-2');
    try {
      await other.waitForEvent((e) => e.event === 'ready', 30_000);
      const stop = await other.request<CastResult>('stop-remote', { to: renderer.location });
      expect(stop.code, JSON.stringify(stop)).toBe(0);
    } finally {
      other.close();
    }
    await expectTransport('STOPPED');
    const ended = await runner.waitForEvent(statusEvent(castId, 'stopped'), 10_000);
    expect((ended['status'] as CastStatus).endReason).toBe('taken-over');
    expect(await runner.request('servers')).toEqual([]);
  });

  it('a renderer that goes away mid-cast ends the cast with cast.receiver_lost and the file is no longer served', async () => {
    const result = await runner.request<CastResult>('cast', { file: files.video, to: SCREEN });
    const castId = lastResult(result).status!.castId;
    await runner.waitForEvent(statusEvent(castId, 'playing'), 15_000);
    const from = runner.events.length;
    await renderer.stop();
    const lost = await runner.waitForEvent(statusEvent(castId, 'error'), 15_000, from);
    // gmediarender says goodbye over SSDP when stopped: that is what ended the cast (not a timeout).
    expect(runner.events.slice(from).some((e) => e.event === 'gone')).toBe(true);
    expect(lost['status']).toMatchObject({ endReason: 'receiver-lost', error: { code: 'cast.receiver_lost', guide: 'guide:wireless', params: { name: SCREEN } } });
    expect(await runner.request('servers')).toEqual([]);
    expect(await runner.request('sessions')).toEqual([]);
  });
});

describe('Google Cast: the receiver simulator advertised by avahi', () => {
  let castId = '';

  beforeAll(async () => {
    receiver = new JsonLinesProcess(
      lab.spawnTs(lab.roomNs, 'tests/lab/support/cast-receiver-runner.ts', [lab.roomIp, '8009'], { stdio: ['pipe', 'pipe', 'pipe'] }),
      'cast-receiver',
    );
    const ready = await receiver.waitForEvent((e) => e.event === 'ready', 30_000);
    castId = String(ready['castId']);
    await lab.startAvahi([
      { name: `Chromecast-${castId}`, type: '_googlecast._tcp', port: 8009, txt: [`id=${castId}`, `fn=${CAST_SCREEN}`, 'md=Chromecast', 'st=0', 'ca=4101'] },
    ]);
  }, 120_000);

  it('is found over mDNS from the teacher namespace', async () => {
    const found = await runner.request<{ name: string; host: string; port: number; castId: string; busy: boolean }>('discover-cast', { name: CAST_SCREEN, timeoutMs: 20_000 });
    expect(found).toEqual({ name: CAST_SCREEN, host: lab.roomIp, port: 8009, castId, busy: false });
  });

  it('casts an image: LOAD carries a URL on the teacher address that the receiver fetched whole', async () => {
    const from = receiver!.events.length;
    const result = await runner.request<CastResult>('cast', { file: files.image, to: CAST_SCREEN });
    expect(result.code, JSON.stringify(result)).toBe(0);
    const load = await receiver!.waitForEvent((e) => e.event === 'message' && (e['message'] as { type: string }).type === 'LOAD', 5000, from);
    const media = ((load['message'] as { data: { media: { contentId: string; contentType: string } } }).data.media);
    expect(media.contentType).toBe('image/png');
    expect(new URL(media.contentId).hostname).toBe(lab.teacherIp);
    expect((load['message'] as { data: { autoplay: boolean } }).data.autoplay).toBe(true);
    const fetch = (await receiver!.waitForEvent((e) => e.event === 'fetch', 5000, from))['fetch'] as { status: number; bytes: number; contentLength: number; range: string | null };
    expect(fetch).toMatchObject({ status: 200, range: null });
    expect(fetch.bytes).toBe(fetch.contentLength);
    await runner.request('stop', { to: CAST_SCREEN });
  });

  it('casts a video: ranged fetches from the room, pause and stop reflected on the receiver', async () => {
    const from = receiver!.events.length;
    const result = await runner.request<CastResult>('cast', { file: files.videoForCast, to: CAST_SCREEN });
    expect(result.code, JSON.stringify(result)).toBe(0);
    const status = lastResult(result).status!;
    expect(status.state).toBe('playing');
    await receiver!.waitForEvent((e) => e.event === 'media' && (e['media'] as { playerState: string }).playerState === 'PLAYING', 5000, from);
    const fetches = receiver!.events.slice(from).filter((e) => e.event === 'fetch').map((e) => e['fetch'] as { status: number; range: string; bytes: number });
    expect(fetches.map((f) => [f.range, f.status])).toEqual([
      ['bytes=0-', 206],
      ['bytes=-1024', 206],
    ]);
    expect(fetches[1]!.bytes).toBe(1024);

    // The same URL fetched by "someone" in the room: full and ranged.
    const load = receiver!.events.slice(from).find((e) => e.event === 'message' && (e['message'] as { type: string }).type === 'LOAD')!;
    const url = (load['message'] as { data: { media: { contentId: string } } }).data.media.contentId;
    const [full, ranged] = await probeFromRoom([{ url }, { url, headers: { Range: 'bytes=100-199' } }]);
    expect(full).toMatchObject({ status: 200, bytes: 45632 });
    expect(ranged).toMatchObject({ status: 206, bytes: 100 });
    expect(ranged!.headers['content-range']).toBe('bytes 100-199/45632');

    await runner.request('pause', { to: CAST_SCREEN });
    await receiver!.waitForEvent((e) => e.event === 'media' && (e['media'] as { playerState: string }).playerState === 'PAUSED', 5000, from);
    await runner.request('stop', { to: CAST_SCREEN });
    await receiver!.waitForEvent((e) => e.event === 'message' && (e['message'] as { type: string; namespace: string }).type === 'STOP' && (e['message'] as { namespace: string }).namespace === 'urn:x-cast:com.google.cast.receiver', 5000, from);
    const [after] = await probeFromRoom([{ url }]);
    // Nothing is being cast any more: the server is gone (or answers 410 if another cast keeps it up).
    expect(after!.status === 410 || after!.error === 'ECONNREFUSED').toBe(true);
  });

  it('the media server refuses traversal, token-less and other requests from the room', async () => {
    const result = await runner.request<CastResult>('cast', { file: files.image, to: CAST_SCREEN });
    expect(result.code).toBe(0);
    const load = [...receiver!.events].reverse().find((e) => e.event === 'message' && (e['message'] as { type: string }).type === 'LOAD')!;
    const url = new URL((load['message'] as { data: { media: { contentId: string } } }).data.media.contentId);
    const base = { host: url.hostname, port: Number(url.port) };
    const token = url.pathname.split('/')[2]!;
    const results = await probeFromRoom([
      { ...base, path: '/' },
      { ...base, path: '/cast/' },
      { ...base, path: `/cast/${token}` },
      { ...base, path: `/cast/${'A'.repeat(43)}/${url.pathname.split('/')[3]}` },
      { ...base, path: `/cast/${token}/../../../../etc/passwd` },
      { ...base, path: `/cast/${token}/..%2f..%2f..%2fetc%2fpasswd` },
      { ...base, path: `/cast/${token}/%2e%2e` },
      { ...base, path: `/cast/${token}/%E0%A4%A` },
      { ...base, path: '/etc/passwd' },
      { ...base, path: `/cast/${token}/other-file.png` },
      { ...base, method: 'POST', path: url.pathname },
      { ...base, method: 'DELETE', path: url.pathname },
      { ...base, path: url.pathname },
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.slice(0, 10)).toEqual([404, 404, 404, 404, 404, 404, 404, 400, 404, 404]);
    expect(statuses.slice(10, 12)).toEqual([405, 405]);
    expect(statuses[12]).toBe(200);
    for (const r of results.slice(0, 12)) expect(r.bytes).toBe(0);
    await runner.request('stop', { to: CAST_SCREEN });
  });

  it('LOAD_FAILED from the receiver ends the cast with cast.load_failed and the screen back to idle', async () => {
    receiver!.write({ op: 'fail-next-load' });
    await receiver!.waitForEvent((e) => e.event === 'ack' && e['op'] === 'fail-next-load');
    const result = await runner.request<CastResult>('cast', { file: files.videoForCast, to: CAST_SCREEN });
    expect(result.code).toBe(1);
    expect(lastResult(result).error).toMatchObject({ code: 'cast.load_failed', guide: 'guide:cast-failed' });
    expect(await runner.request('servers')).toEqual([]);
  });

  it('a screen already showing another app is reported busy; taking over replaces it', async () => {
    receiver!.write({ op: 'foreign-app' });
    await receiver!.waitForEvent((e) => e.event === 'ack' && e['op'] === 'foreign-app');
    const busy = await runner.request<CastResult>('cast', { file: files.image, to: CAST_SCREEN });
    expect(busy.code).toBe(1);
    expect(lastResult(busy).error).toMatchObject({ code: 'cast.busy', guide: 'guide:cast-failed', params: { name: CAST_SCREEN, app: 'YouTube' } });
    const taken = await runner.request<CastResult>('cast', { file: files.image, to: CAST_SCREEN, takeOver: true });
    expect(taken.code, JSON.stringify(taken)).toBe(0);
    await runner.request('stop', { to: CAST_SCREEN });
  });

  it('a receiver killed mid-cast ends the cast with cast.receiver_lost and stops serving the file', async () => {
    const result = await runner.request<CastResult>('cast', { file: files.videoForCast, to: CAST_SCREEN });
    expect(result.code).toBe(0);
    const status = lastResult(result).status!;
    receiver!.child.kill('SIGKILL');
    const lost = await runner.waitForEvent(statusEvent(status.castId, 'error'), 20_000);
    expect((lost['status'] as CastStatus)).toMatchObject({ endReason: 'receiver-lost', error: { code: 'cast.receiver_lost', guide: 'guide:wireless' } });
    expect(await runner.request('servers')).toEqual([]);
    expect(await runner.request('sessions')).toEqual([]);
  });
});
