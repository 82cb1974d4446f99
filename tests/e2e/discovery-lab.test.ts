/**
 * Discovery from end to end, on a lab LAN (network namespaces, root): a real avahi-daemon in the room
 * namespace advertises Cast, AirPlay, Miracast (_display._tcp) and PJLink services from boxes of their
 * own (one name is an HTML injection, several carry French accents), and real projector simulators
 * (main/services/simulator, class 2) answer the PJLink search from their own addresses, one of them
 * protected by a password.
 *
 * The teacher's laptop is the other namespace: the web preview runs there with discovery on, and so does
 * Chromium (the preview listens on that namespace's 127.0.0.1; Playwright talks to Chromium over a pipe,
 * so a wrapper script can start it with `ip netns exec`). « Ma salle » must list the devices live, show
 * the hostile name as text, add a device switched on later and mark it offline when it says goodbye.
 * Then the built `classe` command, in the same namespace, scans the lab and drives the protected
 * projector across the namespaces.
 *
 * Needs root, iproute2, avahi-daemon and Chromium: it fails with what is missing, it never skips.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkLabPrerequisites, createLab, REPO_ROOT, waitForOutput, type AvahiDaemon, type AvahiService, type Lab } from '../lab/harness/lab';
import { onJsonLines } from '../lab/support/json-lines';
import type { RunnerConfig } from '../lab/support/simulator-runner';
import type { Device } from '../../preload/contract/devices';
import { launchBrowserInNamespace, newPage, screenshot } from './support/browser';
import { startPreview, type RunningPreview } from './support/web-preview';

const HTML_NAME = '<img src=x onerror=alert(1)>';
const CAST_NAME = 'Écran salle 12 — près du tableau';
const MIRACAST_NAME = 'Écran Miracast CM2 — côté fenêtre';
const LATE_NAME = 'Écran allumé en retard';
const PASSWORD = 'Clé-Lab-16';

let lab: Lab;
let avahi: AvahiDaemon;
let simulators: ChildProcess;
const simulatorEvents: { type: string; host: string; line?: string; reply?: string; power?: string }[] = [];
const ip = (n: number) => `${lab.prefix}.${n}`;

beforeAll(async () => {
  await checkLabPrerequisites(['avahi-daemon']);
  lab = await createLab({ extraRoomHosts: [11, 12, 13, 14, 15, 16, 18] });

  const config: RunnerConfig = {
    broadcast: lab.broadcast,
    projectors: [
      { preset: 'interactive', host: ip(14), mac: '02:00:00:00:00:14', name: 'VPI salle 12', manufacturer: 'EPSON', model: 'EB-695Wi' },
      { preset: 'standard', host: ip(15), mac: '02:00:00:00:00:15', name: 'VP salle 13 — près de la fenêtre', manufacturer: 'BenQ', model: 'MW560' },
      // Protected, with short warm-up and cooling so that « show » completes in a test.
      { preset: 'standard', host: ip(16), mac: '02:00:00:00:00:16', name: 'VP protégé', manufacturer: 'Optoma', model: 'X400', password: PASSWORD, warmupMs: 1_500, coolingMs: 1_000, input: '31' },
    ],
  };
  simulators = lab.spawnTs(lab.roomNs, 'tests/lab/support/simulator-runner.ts', [JSON.stringify(config)]);
  onJsonLines<(typeof simulatorEvents)[number]>(simulators.stdout!, (event) => simulatorEvents.push(event));
  await waitForOutput(simulators, /simulators ready/, 30_000, 'projector simulators');

  const services: AvahiService[] = [
    { name: 'Chromecast-salle-12', type: '_googlecast._tcp', port: 8009, hostName: 'tv12.local', txt: ['id=5f1e2d3c4b5a69788796a5b4c3d2e1f0', `fn=${CAST_NAME}`, 'md=BRAVIA 4K VH2', 'ca=4101', 'st=0'] },
    { name: HTML_NAME, type: '_airplay._tcp', port: 7000, hostName: 'appletv.local', txt: ['deviceid=02:AA:BB:00:00:12', 'model=AppleTV6,2', 'features=0x5A7FFFF7,0x1E'] },
    { name: MIRACAST_NAME, type: '_display._tcp', port: 7250, hostName: 'miracast.local', txt: ['container_id={9d1b2c3d-0000-4000-8000-00000000cm02}'] },
    { name: 'VPI salle 12 (mDNS)', type: '_pjlink._tcp', port: 4352, hostName: 'vpi12.local', txt: ['class=2'] },
  ];
  avahi = await lab.startAvahi(services, {
    hosts: [
      { name: 'tv12.local', address: ip(11) },
      { name: 'appletv.local', address: ip(12) },
      { name: 'miracast.local', address: ip(13) },
      { name: 'vpi12.local', address: ip(14) },
      { name: 'late.local', address: ip(18) },
    ],
  });
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

describe('« Ma salle » in Chromium on the teacher laptop of the lab', () => {
  let preview: RunningPreview;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const dialogs: string[] = [];

  beforeAll(async () => {
    preview = await startPreview({ discovery: true, wrap: ['ip', 'netns', 'exec', lab.teacherNs], args: ['--interface', lab.teacherIf] });
    browser = await launchBrowserInNamespace(lab.teacherNs, lab.workDir);
    ({ context, page, errors } = await newPage(browser));
    // An alert() from an injected name would show up here (and block the page): record and dismiss.
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(preview.url);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await preview?.stop();
  });

  const card = (name: string) => page.locator('li.device-card').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
  const subtitle = (name: string) => card(name).locator('.cn-card__subtitle').innerText();

  it('lists the lab devices as they are found, with their names and kinds', async () => {
    const expected: [string, string][] = [
      [CAST_NAME, 'Écran · BRAVIA 4K VH2'],
      [HTML_NAME, 'Écran de projection sans fil · Apple AppleTV6,2'],
      [MIRACAST_NAME, 'Écran'],
      // PJLink projectors are named by their own NAME and INF1/INF2 answers (not by the mDNS instance name).
      ['VPI salle 12', 'Vidéoprojecteur interactif · EPSON EB-695Wi'],
      ['VP salle 13 — près de la fenêtre', 'Vidéoprojecteur · BenQ MW560'],
    ];
    for (const [name, kind] of expected) {
      await card(name).waitFor({ timeout: 30_000 });
      expect(await subtitle(name)).toBe(kind);
      await expect.poll(() => card(name).getByText('en ligne', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    }
    // The protected projector answers the search but not NAME without its password: listed by address.
    await card(ip(16)).waitFor({ timeout: 20_000 });
    expect(await subtitle(ip(16))).toBe('Vidéoprojecteur');
    // One card per box: the VPI advertised over mDNS *and* answering the search is a single device.
    expect(await page.locator('li.device-card').count()).toBe(6);
    expect(await page.getByRole('heading', { level: 3, name: 'VPI salle 12 (mDNS)' }).count()).toBe(0);
    await screenshot(page, 'discovery-lab-home');
  });

  it('shows the HTML-injection name as plain text: no element created, no alert, no page error', async () => {
    const heading = card(HTML_NAME).getByRole('heading', { level: 3 });
    expect(await heading.textContent()).toBe(HTML_NAME);
    const dom = await page.evaluate(() => ({
      injected: document.querySelectorAll('img[src="x"], img[onerror]').length,
      headingChildren: [...document.querySelectorAll('li.device-card h3')].reduce((n, h) => n + h.children.length, 0),
    }));
    expect(dom).toEqual({ injected: 0, headingChildren: 0 });
    expect(await heading.innerHTML()).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('adds a screen switched on after the page opened, then marks it offline when it says goodbye', async () => {
    expect(await card(LATE_NAME).count()).toBe(0);
    await avahi.publish({ name: 'Chromecast-tardif', type: '_googlecast._tcp', port: 8009, hostName: 'late.local', txt: ['id=00000000000000000000000000000018', `fn=${LATE_NAME}`, 'md=Chromecast', 'ca=4101'] }, 'late.service');
    await card(LATE_NAME).waitFor({ timeout: 15_000 });
    expect(await subtitle(LATE_NAME)).toBe('Écran de projection sans fil · Chromecast');
    await expect.poll(() => card(LATE_NAME).getByText('en ligne', { exact: true }).count(), { timeout: 5_000 }).toBe(1);
    await screenshot(page, 'discovery-lab-late-device');

    await avahi.unpublish('late.service');
    // Not pinned by IT: offline first (the registry may drop it later); either way no longer « en ligne ».
    await expect
      .poll(async () => ((await card(LATE_NAME).count()) === 0 ? 'gone' : await card(LATE_NAME).getByText('hors ligne', { exact: true }).count() === 1 ? 'offline' : 'online'), { timeout: 15_000 })
      .not.toBe('online');
    // The others are untouched.
    for (const name of [CAST_NAME, HTML_NAME, 'VPI salle 12']) expect(await card(name).getByText('en ligne', { exact: true }).count()).toBe(1);
    await screenshot(page, 'discovery-lab-goodbye');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/** Runs the built `classe` command in the teacher namespace, with a user-data folder of its own. */
function classe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const scratch = mkdtempSync(join(tmpdir(), 'classe-lab-cli-'));
  return new Promise((resolve) => {
    execFile(
      'ip',
      ['netns', 'exec', lab.teacherNs, process.execPath, join(REPO_ROOT, 'bin', 'classe.mjs'), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, LANG: 'fr_FR.UTF-8', CLASSE_USER_DATA: join(scratch, 'user-data'), CLASSE_PROFILE: join(scratch, 'managed', 'profile.json') },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        rmSync(scratch, { recursive: true, force: true });
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

describe('the built `classe` command on the teacher laptop of the lab', () => {
  // Runs after the preview has stopped: the simulators, like many projectors, accept one controller at a time.

  it('`classe scan --json` finds every lab device, as JSON lines then a summary', async () => {
    const run = await classe(['scan', '--json', '--timeout', '4s', '--interface', lab.teacherIf]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; device?: Device; count?: number; online?: number; devices?: Device[]; interfaces?: string[] });
    expect(lines.length).toBeGreaterThan(6);
    expect(lines.slice(0, -1).every((l) => l.type === 'found' || l.type === 'updated')).toBe(true);
    const summary = lines.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', count: 6, online: 6, interfaces: [`${lab.teacherIf} ${lab.teacherIp}/24`] });
    const byAddress = (n: number) => summary.devices!.find((d) => d.addresses.includes(ip(n)));
    expect(byAddress(11)).toMatchObject({ name: CAST_NAME, kind: 'screen', capabilities: ['googlecast'] });
    expect(byAddress(12)).toMatchObject({ name: HTML_NAME, kind: 'cast-receiver', capabilities: ['airplay'] });
    expect(byAddress(13)).toMatchObject({ name: MIRACAST_NAME, kind: 'screen', capabilities: ['miracast'] });
    expect(byAddress(14)).toMatchObject({ name: 'VPI salle 12', kind: 'interactive-projector', maker: 'EPSON', model: 'EB-695Wi', mac: '02:00:00:00:00:14', sources: ['mdns', 'pjlink-search'] });
    expect(byAddress(15)).toMatchObject({ name: 'VP salle 13 — près de la fenêtre', kind: 'projector', maker: 'BenQ', model: 'MW560', sources: ['pjlink-search'] });
    expect(byAddress(16)).toMatchObject({ name: ip(16), kind: 'projector', mac: '02:00:00:00:00:16', endpoints: { pjlink: { port: 4352, class: 2, authRequired: true } } });
    // Every device was printed as it was found, before the summary.
    const found = new Set(lines.filter((l) => l.type === 'found').map((l) => l.device!.id));
    for (const d of summary.devices!) expect(found.has(d.id)).toBe(true);
  });

  it('`classe scan` prints a table with every lab device, then a summary line', async () => {
    const run = await classe(['scan', '--timeout', '4s', '--interface', lab.teacherIf]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Type\s+Nom\s+Adresse\s+Modèle\s+Trouvé par$/);
    // The name column is 32 characters wide: a longer name is cut after 30, with « … ».
    const cell = (name: string) => (Array.from(name).length > 31 ? `${Array.from(name).slice(0, 30).join('')}…` : name);
    const row = (kind: string, name: string) => lines.filter((l) => l.startsWith(kind) && l.includes(cell(name)));
    expect(row('Écran ', CAST_NAME)).toEqual([expect.stringMatching(new RegExp(`${ip(11)}\\s+BRAVIA 4K VH2\\s+mdns$`))]);
    expect(row('Écran ', MIRACAST_NAME)).toEqual([expect.stringMatching(new RegExp(`${ip(13)}\\s+mdns$`))]);
    expect(row('Récepteur ', HTML_NAME)).toEqual([expect.stringMatching(new RegExp(`${ip(12)}\\s+AppleTV6,2\\s+mdns$`))]);
    // The VPI's row is printed once, with what is known then: the search or mDNS may come first.
    expect(lines.filter((l) => l.includes(` ${ip(14)} `))).toEqual([expect.stringMatching(/^(VPI|Vidéoprojecteur)\s+VPI salle 12/)]);
    expect(row('Vidéoprojecteur ', 'VP salle 13 — près de la fenêtre')).toEqual([expect.stringMatching(new RegExp(`${ip(15)}\\s+MW560\\s+pjlink-search$`))]);
    // Protected: known by its address only.
    expect(row('Vidéoprojecteur ', ip(16))).toHaveLength(1);
    // Under each projector whose inputs were read, one indented line lists them (name, then code).
    const inputsAfter = (n: number) => lines[lines.findIndex((l) => l.includes(` ${ip(n)} `)) + 1];
    expect(inputsAfter(14)).toMatch(/^\s+Entrées\u202f: .*\(32\).*\(53\)/);
    expect(inputsAfter(15)).toMatch(/^\s+Entrées\u202f: .*\(31\)/);
    expect(inputsAfter(16)).not.toMatch(/Entrées/); // protected: nothing read
    expect(lines.filter((l) => l.includes('Entrées'))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/^6 appareil\(s\) trouvé\(s\), dont 6 en ligne, en \d+\.\d s\.$/);
    expect(lines).toHaveLength(10);
  });

  it('`classe projector <ip> show --password` drives the protected projector across the namespaces', async () => {
    const wrong = await classe(['projector', ip(16), 'status', '--password', 'pas-le-bon']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/mot de passe PJLink/i);
    expect(wrong.stdout + wrong.stderr).not.toContain('pas-le-bon');

    const commandsBefore = simulatorEvents.filter((e) => e.host === ip(16) && e.type === 'command').length;
    const show = await classe(['projector', ip(16), 'show', '--password', PASSWORD]);
    expect(show.code).toBe(0);
    expect(show.stdout.trim()).toBe('Votre écran est affiché.');
    // Progress (warm-up…) goes to stderr for people watching; never the password.
    expect(show.stderr).toMatch(/Préchauffage|Allumage/);
    expect(show.stdout + show.stderr).not.toContain(PASSWORD);
    const lines = simulatorEvents.filter((e) => e.host === ip(16) && e.type === 'command').slice(commandsBefore).map((e) => e.line);
    // Power on (then warm-up), the input, then the picture shown: the wire says it.
    expect(lines).toContain('%1POWR 1');
    expect(lines.some((l) => /^%[12]AVMT 30$/.test(l ?? ''))).toBe(true);
    expect(simulatorEvents.filter((e) => e.host === ip(16) && e.type === 'power').map((e) => e.power)).toEqual(['warming', 'on']);

    const status = await classe(['projector', ip(16), 'status', '--json', '--password', PASSWORD]);
    expect(status.code).toBe(0);
    const view = JSON.parse(status.stdout) as { status: { power: string; mute: { video: boolean } } };
    expect(view.status).toMatchObject({ power: 'on', mute: { video: false } });
  });
});
