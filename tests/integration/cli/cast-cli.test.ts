/**
 * `classe cast`, `classe cast stop` and `classe display mode` as IT runs them (in process, through the
 * real argument parsing), against the Cast receiver simulator on loopback. `--to host:port` needs no
 * discovery, so nothing is sent to the machine's networks.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run';
import { CastService } from '../../../main/services/cast/cast-service';
import { CastReceiverSimulator } from '../../../main/services/simulator/cast-receiver';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
let dir: string;
let receiver: CastReceiverSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-cast-cli-'));
  await copyFile(join(FIXTURES, 'lesson-image.png'), join(dir, `Carte d'Hérault 🗺️.png`));
  await writeFile(join(dir, 'notes.png'), 'ce sont des notes, pas une image');
  receiver = await CastReceiverSimulator.start({ host: '127.0.0.1', name: 'Écran salle 12' });
});
afterAll(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `classe …`; `until` aborts (Ctrl-C) once stdout matches it. */
async function classe(args: string[], options: { until?: RegExp; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const scratch = mkdtempSync(join(tmpdir(), 'classe-cli-'));
  const controller = new AbortController();
  const code = await runCli(args, {
    stdout: (s) => {
      stdout += s;
      if (options.until?.test(stdout)) controller.abort();
    },
    stderr: (s) => (stderr += s),
    env: { LANG: 'fr_FR.UTF-8', CLASSE_USER_DATA: join(scratch, 'user-data'), CLASSE_PROFILE: join(scratch, 'managed', 'profile.json'), ...options.env },
    signal: controller.signal,
  });
  return { code, stdout, stderr };
}

const jsonLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; ok?: boolean; status?: { state: string; endReason: string | null; file: { name: string } }; error?: { code: string; guide?: string } });

describe('classe cast', () => {
  it('casts an image to host:port, streams JSON status lines, and stops on Ctrl-C (exit 0)', async () => {
    const fetchesBefore = receiver.fetches.length;
    const r = await classe(['cast', join(dir, `Carte d'Hérault 🗺️.png`), '--to', `127.0.0.1:${receiver.port}`, '--json'], { until: /"state":"playing"/ });
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.filter((l) => l.type === 'status').map((l) => l.status!.state)).toEqual(expect.arrayContaining(['loading', 'playing', 'stopped']));
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', ok: true, status: { state: 'stopped', endReason: 'stopped', file: { name: `Carte d'Hérault 🗺️.png` } } });
    // The receiver fetched the whole image from the command's media server.
    const fetch = receiver.fetches.slice(fetchesBefore).find((f) => f.status === 200);
    expect(fetch).toMatchObject({ contentType: 'image/png', error: null });
    expect(receiver.playerState.playerState).toBe('IDLE');
  });

  it('says in French what plays, without --json', async () => {
    const r = await classe(['cast', join(dir, `Carte d'Hérault 🗺️.png`), '--to', `127.0.0.1:${receiver.port}`], { until: /Projection en cours/ });
    expect(r.code).toBe(0);
    // A host:port target has no registry name: the screen is named by its address.
    expect(r.stdout).toMatch(/Projection en cours sur «\u202f127\.0\.0\.1\u202f»/);
    expect(r.stdout).toContain(`Carte d'Hérault 🗺️.png`);
  });

  it('refuses a file that is not media before contacting the screen (exit 2, cast.not_media)', async () => {
    const messages = receiver.messages.length;
    const r = await classe(['cast', join(dir, 'notes.png'), '--to', `127.0.0.1:${receiver.port}`, '--json']);
    expect(r.code).toBe(2);
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({ type: 'result', ok: false, error: { code: 'cast.not_media', guide: 'guide:prepare-lesson' } });
    expect(receiver.messages.length).toBe(messages);
  });

  it('rejects a bad page number and a bad protocol as usage errors (exit 2)', async () => {
    const page = await classe(['cast', join(dir, 'notes.png'), '--to', `127.0.0.1:${receiver.port}`, '--page', 'zéro', '--json']);
    expect(page.code).toBe(2);
    expect(JSON.parse(page.stdout)).toMatchObject({ ok: false, error: { code: 'cli.invalid_page' } });
    const protocol = await classe(['cast', join(dir, 'notes.png'), '--to', `127.0.0.1:${receiver.port}`, '--protocol', 'airplay', '--json']);
    expect(protocol.code).toBe(2);
    expect(JSON.parse(protocol.stdout)).toMatchObject({ ok: false, error: { code: 'cli.invalid_protocol' } });
  });

  it('`classe cast stop --to host:port` stops what another sender left playing (exit 0)', async () => {
    // Another terminal's cast, still playing.
    const other = new CastService();
    await other.cast({ file: join(dir, `Carte d'Hérault 🗺️.png`), target: { key: 'x', name: 'Écran', protocol: 'googlecast', host: '127.0.0.1', port: receiver.port } });
    expect(receiver.playerState.playerState).toBe('PLAYING');
    const r = await classe(['cast', 'stop', '--to', `127.0.0.1:${receiver.port}`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'result', ok: true, target: { protocol: 'googlecast' } });
    await expect.poll(() => receiver.runningAppId).toBeNull();
    await other.dispose();
  });
});

describe('classe display mode', () => {
  it('rejects an unknown mode with the list of modes (exit 2)', async () => {
    const r = await classe(['display', 'mode', 'sideways', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'display.unknown_mode', params: { value: 'sideways' } } });
  });

  it('says there is no graphical session to switch when DISPLAY is unset on Linux (exit 1)', async () => {
    if (process.platform !== 'linux') throw new Error('this test describes the Linux behaviour: run it on Linux');
    // No DISPLAY / WAYLAND_DISPLAY in the command's environment: nothing is run, nothing switches.
    const r = await classe(['display', 'mode', 'dupliquer', '--json'], { env: { PATH: '/usr/bin:/bin' } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, result: { applied: false, mode: 'duplicate', reason: 'unsupported' }, error: { code: 'display.no_session', guide: 'guide:display-mode' } });
    const human = await classe(['display', 'mode', 'duplicate'], { env: { PATH: '/usr/bin:/bin' } });
    expect(human.stderr).toContain('Aucun écran graphique');
  });
});
