/**
 * Projector control in Chromium against the web preview with the demo classroom: « Afficher mon écran »
 * shows progress at once, counts down the warm-up, ends with « Votre écran est affiché » ; « Masquer »
 * toggles; a lamp failure injected from the trainer panel shows with its guide link.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { previewSession } from './support/session';
import { axeViolations } from './support/a11y';

// Warm-up of the demo projectors ≈ 3 s instead of ≈ 20 s.
const session = previewSession(['--demo-time-scale', '0.15']);
let page: Page;
let errors: string[];
beforeAll(() => ({ page, errors } = session));

const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

describe('the demo classroom (web preview, Chromium)', () => {
  it('offers the demo classroom from the empty « Ma salle » and shows its devices', async () => {
    await page.getByRole('button', { name: 'Essayer la salle de démonstration' }).click();
    await page.getByText('Mode démonstration', { exact: false }).waitFor();
    for (const name of ['Vidéoprojecteur', 'Vidéoprojecteur interactif (VPI)', 'Écran']) await card(name).waitFor();
    await expect.poll(() => card('Vidéoprojecteur').getByText('En veille').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'projector-demo-home');
  });

  it('« Afficher mon écran » reacts at once, counts down the warm-up, then says it is shown', async () => {
    const projector = card('Vidéoprojecteur');
    const clickToFeedback = await page.evaluate(() => {
      const item = [...document.querySelectorAll('li')].find((li) => li.querySelector('h3')?.textContent === 'Vidéoprojecteur')!;
      const button = [...item.querySelectorAll('button')].find((b) => b.textContent?.includes('Afficher mon écran'))!;
      const started = performance.now();
      button.click();
      return new Promise<number>((resolve) => {
        const check = () => (button.closest('li')!.querySelector('[role=status] .run-status__text') ? resolve(performance.now() - started) : requestAnimationFrame(check));
        check();
      });
    });
    expect(clickToFeedback).toBeLessThan(1000); // the real goal (100 ms) is measured by the benchmark
    await projector.getByText(/Préchauffage… encore environ \d+\s+s/).waitFor({ timeout: 15_000 });
    await screenshot(page, 'projector-warming-up');
    await projector.getByText('Votre écran est affiché.').waitFor({ timeout: 30_000 });
    await expect.poll(() => projector.getByText('Allumé').isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'projector-shown');
  });

  it('« Masquer » hides the picture and « Afficher de nouveau » brings it back', async () => {
    const projector = card('Vidéoprojecteur');
    await projector.getByRole('button', { name: 'Masquer' }).click();
    const unblank = projector.getByRole('button', { name: 'Afficher de nouveau' });
    await unblank.waitFor();
    expect(await unblank.getAttribute('aria-pressed')).toBe('true');
    await projector.getByText('Image masquée').waitFor();
    await unblank.click();
    await projector.getByRole('button', { name: 'Masquer' }).waitFor();
    await expect.poll(() => projector.getByText('Image masquée').count()).toBe(0);
  });

  it('a lamp failure from the trainer panel shows on the projector with its guide', async () => {
    await card('Vidéoprojecteur').getByRole('button', { name: /Détails/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Panneau du formateur' }).waitFor();
    await page.getByRole('button', { name: 'Panne de lampe' }).click();
    await page.getByText('Lampe : En panne').waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'projector-lamp-error');
    await page.getByRole('link', { name: 'Que faire ?' }).first().click();
    await page.getByRole('heading', { level: 1, name: /lampe|filtre/i }).waitFor();
    expect(page.url()).toContain('#/guides/lamp-filter');
    expect(errors).toEqual([]);
  });
});
