/**
 * `classe cast` and `classe cast stop` as the CLI will call them, against the Cast receiver simulator.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../../preload/contract/devices';
import { castCommand, castStopCommand, EXIT } from '../../../main/services/cast/cast-command';
import { CastService } from '../../../main/services/cast/cast-service';
import { CastReceiverSimulator, generateReceiverCertificate } from '../../../main/services/simulator/cast-receiver';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
let dir: string;
let tls: { key: string; cert: string };
let receiver: CastReceiverSimulator;
let service: CastService;
let lines: string[];
let devices: Device[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-cli-'));
  await copyFile(join(FIXTURES, 'lesson-image.png'), join(dir, 'carte.png'));
  await copyFile(join(FIXTURES, 'lesson-video.webm'), join(dir, 'film.webm'));
  await writeFile(join(dir, 'notes.png'), 'texte');
  tls = await generateReceiverCertificate();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  receiver = await CastReceiverSimulator.start({ host: '127.0.0.1', tls });
  service = new CastService();
  lines = [];
  devices = [
    {
      id: 'cast:abc',
      name: 'Écran salle 12',
      kind: 'cast-receiver',
      maker: null,
      model: 'Chromecast',
      room: null,
      host: '127.0.0.1',
      addresses: ['127.0.0.1'],
      mac: null,
      capabilities: ['googlecast'],
      sources: ['mdns'],
      reachability: 'online',
      lastSeen: Date.now(),
      inInventory: false,
      endpoints: { googlecast: { port: receiver.port, castId: 'abc', busy: false } },
    },
  ];
});
afterEach(async () => {
  await service.dispose();
  await receiver.close().catch(() => undefined);
});

const ctx = () => ({ service, devices: () => devices, write: (l: string) => lines.push(l) });
const json = () => lines.map((l) => JSON.parse(l) as { type: string; ok?: boolean; status?: { state: string; endReason: string | null }; error?: { code: string; guide?: string } });

describe('castCommand', () => {
  it('casts to a screen named with accents, prints JSON lines, and returns when detached', async () => {
    const code = await castCommand(ctx(), { file: join(dir, 'carte.png'), to: 'ecran SALLE 12', json: true, detach: true });
    expect(code).toBe(EXIT.ok);
    const out = json();
    expect(out.map((l) => [l.type, l.status?.state])).toEqual([
      ['status', 'loading'],
      ['status', 'playing'],
      ['result', 'playing'],
    ]);
    expect(out.at(-1)?.ok).toBe(true);
    expect(receiver.runningAppId).toBe('CC1AD845');
  });

  it('stays until the cast ends (stopped from elsewhere) and then exits 0', async () => {
    const running = castCommand(ctx(), { file: join(dir, 'film.webm'), to: `127.0.0.1:${receiver.port}`, json: true });
    await vi.waitFor(() => expect(json().some((l) => l.status?.state === 'playing')).toBe(true));
    // Another terminal: `classe cast stop --to …` (another service, no session).
    const other = new CastService();
    const stopLines: string[] = [];
    expect(await castStopCommand({ service: other, devices: () => devices, write: (l) => stopLines.push(l) }, { to: 'Écran salle 12', json: true })).toBe(EXIT.ok);
    expect(JSON.parse(stopLines[0]!)).toMatchObject({ type: 'result', ok: true, target: { name: 'Écran salle 12', protocol: 'googlecast' } });
    await other.dispose();
    expect(await running).toBe(EXIT.ok);
    expect(json().at(-1)).toMatchObject({ type: 'result', ok: true, status: { state: 'stopped', endReason: 'taken-over' } });
  });

  it('Ctrl+C (abort) stops the cast on the screen', async () => {
    const abort = new AbortController();
    const running = castCommand(ctx(), { file: join(dir, 'film.webm'), to: 'cast:abc', json: true, signal: abort.signal });
    await vi.waitFor(() => expect(json().some((l) => l.status?.state === 'playing')).toBe(true));
    abort.abort();
    expect(await running).toBe(EXIT.ok);
    expect(json().at(-1)).toMatchObject({ type: 'result', status: { state: 'stopped', endReason: 'stopped' } });
    expect(receiver.runningAppId).toBeNull();
  });

  it('exits 2 for an unknown screen or a file that is not media, without contacting anything', async () => {
    expect(await castCommand(ctx(), { file: join(dir, 'carte.png'), to: 'Tableau blanc', json: true })).toBe(EXIT.usage);
    expect(json().at(-1)).toMatchObject({ type: 'result', ok: false, error: { code: 'cast.target_unknown', guide: 'guide:wireless' } });
    expect(await castCommand(ctx(), { file: join(dir, 'notes.png'), to: 'Écran salle 12', json: true })).toBe(EXIT.usage);
    expect(json().at(-1)).toMatchObject({ ok: false, error: { code: 'cast.not_media', guide: 'guide:prepare-lesson' } });
    expect(receiver.messages).toEqual([]);
  });

  it('exits 1 when the screen fails the cast, and prints human lines without --json', async () => {
    receiver.setLoadFailure('next');
    expect(await castCommand(ctx(), { file: join(dir, 'film.webm'), to: 'Écran salle 12' })).toBe(EXIT.failed);
    expect(lines[0]).toBe('Écran salle 12: loading — film.webm');
    expect(lines.at(-1)).toMatch(/^cast\.load_failed \(guide:cast-failed\)/);
  });
});
