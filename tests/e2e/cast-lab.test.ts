/**
 * « Projeter » end to end on a real classroom network (the lab: two network namespaces). The web
 * preview runs in the TEACHER namespace with discovery on, on the teacher veth only; Chromium runs there
 * too (a launcher script that enters the namespace) and drives it. The ROOM namespace holds the screens:
 * Debian's gmediarender (a real DLNA renderer, found over SSDP) and the Cast receiver simulator (found
 * over mDNS from a real avahi-daemon), plus a Miracast receiver (advertised only). The screens fetch
 * the file from the preview's media server across the veth, as real ones do.
 *
 * Prerequisites (root, iproute2, avahi-daemon, gmediarender, chromium) missing → the test fails with
 * what to install. Nothing leaves loopback and the lab's namespaces.
 */
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLab, REPO_ROOT, type Gmediarender, type Lab } from '../lab/harness/lab';
import { JsonLinesProcess, type JsonEvent } from '../lab/support/json-lines';
import { CHROMIUM_PATH, launchBrowser, newPage, screenshot } from './support/browser';
import { startPreview, type RunningPreview } from './support/web-preview';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'cast');
const DLNA_SCREEN = 'Écran salle 12';
const CAST_SCREEN = 'TV CM2 (Chromecast)';
const MIRACAST = 'Tableau Miracast CM2';

let lab: Lab;
let renderer: Gmediarender;
let receiver: JsonLinesProcess;
let preview: RunningPreview;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const files = { audio: '', image: '' };

const fr = (text: string) => text.replace(/« /g, '«\u202f').replace(/ »/g, '\u202f»');
const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

async function rendererLog(): Promise<string> {
  return readFile(renderer.logFile, 'utf8');
}

/** Waits until gmediarender's log matches (GStreamer and the transport state are logged there). */
async function rendererLogged(pattern: RegExp, from: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test((await rendererLog()).slice(from))) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`gmediarender never logged ${pattern}:\n${(await rendererLog()).slice(from).slice(-3000)}`);
}

beforeAll(async () => {
  lab = await createLab({ extraRoomHosts: [11, 12] });
  const castIp = `${lab.prefix}.11`;
  const dir = join(lab.workDir, 'Cours de Mme Durand');
  await mkdir(dir, { recursive: true });
  files.audio = join(dir, `Chanson « l'été » 🎵.mp3`);
  files.image = join(dir, `Carte d'Hérault 🗺️.png`);
  await copyFile(join(FIXTURES, 'lesson-audio.mp3'), files.audio);
  await copyFile(join(FIXTURES, 'lesson-image.png'), files.image);

  // The screens, in the room.
  renderer = await lab.startGmediarender({ name: DLNA_SCREEN });
  receiver = new JsonLinesProcess(lab.spawnTs(lab.roomNs, 'tests/lab/support/cast-receiver-runner.ts', [castIp, '8009'], { stdio: ['pipe', 'pipe', 'pipe'] }), 'cast-receiver');
  const ready = await receiver.waitForEvent((e) => e.event === 'ready', 30_000);
  const castId = String(ready['castId']);
  await lab.startAvahi(
    [
      { name: `Chromecast-${castId}`, type: '_googlecast._tcp', port: 8009, hostName: 'tv-cm2.local', txt: [`id=${castId}`, `fn=${CAST_SCREEN}`, 'md=Chromecast', 'st=0', 'ca=4101'] },
      { name: MIRACAST, type: '_display._tcp', port: 7250, hostName: 'miracast-cm2.local', txt: ['container_id={9d1b2c3d-0000-4000-8000-0000000000c2}'] },
    ],
    { hosts: [{ name: 'tv-cm2.local', address: castIp }, { name: 'miracast-cm2.local', address: `${lab.prefix}.12` }] },
  );

  // The teacher's laptop: the web preview with discovery on the teacher veth only, and Chromium there.
  preview = await startPreview({ discovery: true, wrap: ['ip', 'netns', 'exec', lab.teacherNs], args: ['--interface', lab.teacherIf] });
  const launcher = join(lab.workDir, 'chromium-in-teacher-ns.sh');
  await writeFile(launcher, `#!/bin/sh\nexec ip netns exec ${lab.teacherNs} ${CHROMIUM_PATH} "$@"\n`);
  await chmod(launcher, 0o755);
  browser = await launchBrowser({ executablePath: launcher });
  ({ context, page } = await newPage(browser));
  await page.goto(preview.url);
}, 180_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await preview?.stop().catch(() => undefined);
  receiver?.close();
  await lab?.close();
});

describe('« Projeter » in the lab (web preview in the teacher namespace, screens in the room)', () => {
  it('finds the DLNA screen (SSDP), the Cast screen (mDNS) and the Miracast receiver, and lists them in « Projeter »', async () => {
    await page.getByRole('link', { name: 'Projeter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Projeter' }).waitFor();
    await card(DLNA_SCREEN).getByText('Écran DLNA').waitFor({ timeout: 40_000 });
    await card(CAST_SCREEN).getByText('Chromecast (Google Cast)').waitFor({ timeout: 40_000 });
    await card(MIRACAST).getByText('Miracast', { exact: true }).waitFor({ timeout: 40_000 });
    await screenshot(page, 'cast-lab-targets');
  });

  it('casts a sound to gmediarender: « En lecture » while the renderer plays it, « En pause », then « Arrêté »', async () => {
    await page.getByTestId('cast-file-input').setInputFiles(files.audio);
    await page.getByText(`Fichier choisi : Chanson « l'été » 🎵.mp3`).waitFor();
    const from = (await rendererLog()).length;
    const screen = card(DLNA_SCREEN);
    await screen.getByRole('button', { name: fr(`Projeter sur « ${DLNA_SCREEN} »`) }).click();
    await screen.getByText('En lecture').waitFor({ timeout: 20_000 });
    // The renderer fetched the file across the veth and GStreamer decodes it (30 s of MP3).
    await rendererLogged(/CurrentTrackDuration: 0:00:(29|30)|RelativeTimePosition: 0:00:0[1-9]/, from);
    await screenshot(page, 'cast-lab-dlna-playing');
    await screen.getByRole('button', { name: 'Pause' }).click();
    await screen.getByText('En pause').waitFor({ timeout: 10_000 });
    await rendererLogged(/TransportState: PAUSED_PLAYBACK/, from);
    await screen.getByRole('button', { name: 'Reprendre' }).click();
    await screen.getByText('En lecture').waitFor({ timeout: 10_000 });
    await screen.getByRole('button', { name: 'Arrêter' }).click();
    await screen.getByText('Arrêté', { exact: true }).waitFor({ timeout: 10_000 });
    await rendererLogged(/TransportState: STOPPED/, from);
  });

  it('casts a picture to the Cast receiver: LOAD with a URL on the teacher address, fetched whole by the receiver', async () => {
    const from = receiver.events.length;
    await page.getByTestId('cast-file-input').setInputFiles(files.image);
    await page.getByText(`Fichier choisi : Carte d'Hérault 🗺️.png`).waitFor();
    const screen = card(CAST_SCREEN);
    await screen.getByRole('button', { name: fr(`Projeter sur « ${CAST_SCREEN} »`) }).click();
    await screen.getByText('En lecture').waitFor({ timeout: 20_000 });
    const load = await receiver.waitForEvent((e: JsonEvent) => e.event === 'message' && (e['message'] as { type: string }).type === 'LOAD', 5000, from);
    const media = (load['message'] as { data: { media: { contentId: string; contentType: string } } }).data.media;
    expect(media.contentType).toBe('image/png');
    expect(new URL(media.contentId).hostname).toBe(lab.teacherIp);
    const fetch = (await receiver.waitForEvent((e: JsonEvent) => e.event === 'fetch', 5000, from))['fetch'] as { status: number; bytes: number; contentLength: number };
    expect(fetch.status).toBe(200);
    expect(fetch.bytes).toBe((await readFile(files.image)).length);
    await screenshot(page, 'cast-lab-cast-playing');
    await screen.getByRole('button', { name: 'Arrêter' }).click();
    await screen.getByText('Arrêté', { exact: true }).waitFor({ timeout: 10_000 });
    await receiver.waitForEvent((e: JsonEvent) => e.event === 'media' && (e['media'] as { playerState: string }).playerState === 'IDLE', 5000, from);
  });

  it('« Projeter sans fil » on the Miracast receiver names it and, on Linux, points to the guide', async () => {
    await card(MIRACAST).getByRole('button', { name: fr(`Projeter sans fil sur « ${MIRACAST} »`) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Le guide explique comment projeter', { exact: false }).waitFor();
    expect(await dialog.textContent()).toContain(fr(`« ${MIRACAST} »`));
    await screenshot(page, 'cast-lab-wireless');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
  });

  it('ends the cast when the DLNA screen says goodbye (SSDP byebye): « L’écran ne répond plus » with the guide', async () => {
    await page.getByTestId('cast-file-input').setInputFiles(files.audio);
    await page.getByText(`Fichier choisi : Chanson « l'été » 🎵.mp3`).waitFor();
    const screen = card(DLNA_SCREEN);
    await screen.getByRole('button', { name: fr(`Projeter sur « ${DLNA_SCREEN} »`) }).click();
    await screen.getByText('En lecture').waitFor({ timeout: 20_000 });
    // gmediarender sends its ssdp:byebye on SIGTERM: the host ends the session at once (targetGone).
    await renderer.stop();
    await screen.getByText('La projection sur', { exact: false }).waitFor({ timeout: 15_000 });
    const alert = screen.getByRole('alert');
    expect(await alert.textContent()).toContain('l’écran ne répond plus');
    await alert.getByRole('button', { name: 'Ouvrir le guide' }).waitFor();
    await screenshot(page, 'cast-lab-screen-gone');
  });
});
