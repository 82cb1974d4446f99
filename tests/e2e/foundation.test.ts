/**
 * The shell in Debian's Chromium against the real web preview: French first, English on demand,
 * keyboard-complete with a visible focus, no WCAG 2.2 AA violation, screenshots in light and dark, and
 * the preview's WebSocket refusing a wrong token or a foreign Origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { startPreview, type RunningPreview } from './support/web-preview';
import { axeViolations, tabThrough } from './support/a11y';

let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('the app shell (web preview, Chromium)', () => {
  it('renders the home screen in French, with its empty state', async () => {
    const { page, errors, context } = await newPage(browser);
    await page.goto(preview.url);
    await page.getByRole('heading', { level: 1, name: 'Ma salle' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(true);
    // The search indicator shows first; once it is over, the empty state says what to try.
    await page.getByText('Aucun vidéoprojecteur ni écran pour l’instant').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'foundation-home-light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to English from Réglages and back', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Réglages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('link', { name: 'My classroom' }).click();
    await page.getByRole('heading', { level: 1, name: 'My classroom' }).waitFor();
    await screenshot(page, 'foundation-home-english');
    // The choice is kept by main: a new page opens in English.
    const second = await context.newPage();
    await second.goto(preview.url);
    await second.getByRole('heading', { level: 1, name: 'My classroom' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Français' }).check();
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await context.close();
  });

  it('reaches every control with the keyboard, with a visible focus', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(preview.url);
    await page.getByRole('heading', { level: 1, name: 'Ma salle' }).waitFor();
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await page.getByRole('radio', { name: 'Sombre' }).waitFor();
    const stops = await tabThrough(page);
    const labels = stops.map((s) => s.label);
    expect(labels).toEqual(expect.arrayContaining(['a:Aller au contenu', 'a:Ma salle', 'a:Guides', 'a:Réglages']));
    // One stop per radio group (arrows move inside a group), as browsers do: language, theme, end-of-day
    // reminder, demo mode; the reminder's time field (Chromium stops on its hour and minute parts); plus the
    // two file pickers of « Importer un profil » (labelled "input:INPUT" here).
    const inputs = labels.filter((l) => l.startsWith('input:'));
    // (The language is « fr » once the test above chose Français, « system » when this test runs alone.)
    expect(inputs.filter((l) => l !== 'input:INPUT' && l !== 'input:16:45')).toEqual([expect.stringMatching(/^input:(system|fr)$/), 'input:system', 'input:on', 'input:off']);
    expect(inputs.filter((l) => l === 'input:16:45').length).toBeGreaterThanOrEqual(1);
    expect(inputs.filter((l) => l === 'input:INPUT')).toHaveLength(2);
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    await page.keyboard.press('Tab');
    await screenshot(page, 'foundation-focus-ring');
    await context.close();
  });

  it.each(['light', 'dark'] as const)('has no WCAG 2.2 AA violation in the %s theme', async (colorScheme) => {
    const { page, context } = await newPage(browser, { colorScheme });
    await page.goto(preview.url);
    for (const [hash, ready] of [['#/', 'Ma salle'], ['#/settings', 'Sombre'], ['#/guides', 'Guides de dépannage']] as const) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await page.getByText(ready, { exact: true }).first().waitFor();
      expect(await axeViolations(page), `${colorScheme} ${hash}`).toEqual([]);
      await screenshot(page, `foundation-${hash.replace(/[#/]/g, '') || 'home'}-${colorScheme}`);
    }
    await context.close();
  });

  it('refuses the WebSocket with a wrong token or from a foreign Origin (from a real page too)', async () => {
    const refused = (url: string, origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers: { Origin: origin } });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('error', () => resolve(-1));
      });
    const base = `ws://127.0.0.1:${new URL(preview.origin).port}/rpc`;
    expect(await refused(`${base}?token=wrong-token-wrong-token`, preview.origin)).toBe(401);
    expect(await refused(`${base}?token=${preview.token}`, 'http://evil.example')).toBe(403);
    expect(await refused(`${base}?token=${preview.token}`, preview.origin)).toBe(101);

    // A page on another origin that knows the token still cannot connect (its Origin is checked).
    const { page, context } = await newPage(browser);
    await page.goto('about:blank');
    // (A string, not a function: the test file's own `WebSocket` import must not leak into the page.)
    const state = await page.evaluate(
      `new Promise((resolve) => { const ws = new WebSocket(${JSON.stringify(`${base}?token=${preview.token}`)}); ws.onopen = () => resolve('open'); ws.onerror = () => resolve('refused'); })`,
    );
    expect(state).toBe('refused');
    await context.close();
  });
});
