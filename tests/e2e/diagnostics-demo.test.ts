/**
 * The live diagnostic fixes the demo classroom's simulated projector from the UI (issue 6, « Done when »),
 * in Chromium against the web preview: the trainer puts « Vidéoprojecteur » in standby on another source
 * with the picture muted (a projector that tells its input and mute in standby and keeps the mute, as
 * many do), « Pas de signal » → « Lancer le diagnostic » shows exactly three ✗ for it (power, input,
 * mute), and « Réparer » on each, in order, turns every line of that projector ✓; « Ma salle » then
 * shows it on, not masked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { previewSession } from './support/session';
import { axeViolations } from './support/a11y';

// Warm-up of the demo projectors ≈ 3 s instead of ≈ 20 s.
const session = previewSession(['--demo-time-scale', '0.15']);
let page: Page;
let errors: string[];
beforeAll(() => ({ page, errors } = session));

const PROJECTOR = 'Vidéoprojecteur';
const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
/** The diagnostic's lines about one device (its name is shown on each line). */
const linesOf = (name: string): Locator => page.locator('li.diag-item').filter({ has: page.locator('.diag-item__where', { hasText: new RegExp(`^${name}$`) }) });
const line = (check: string) => linesOf(PROJECTOR).and(page.locator(`[data-check="${check}"]`));
const statuses = (lines: Locator) => lines.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check')}=${e.getAttribute('data-status')}`));

describe('the live diagnostic on the demo classroom (web preview, Chromium)', () => {
  it('the trainer sets the scene: standby on another source, picture muted', async () => {
    await page.getByRole('button', { name: 'Essayer la salle de démonstration' }).click();
    await card(PROJECTOR).waitFor();
    await card(PROJECTOR).getByRole('button', { name: /Détails/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Panneau du formateur' }).waitFor();
    await page.getByRole('button', { name: 'En veille sur une autre source, image masquée' }).click();
    await page.getByText('En veille', { exact: true }).first().waitFor({ timeout: 15_000 });
  });

  it('« Lancer le diagnostic » in « Pas de signal » gives exactly three ✗ for the projector: power, input, mute', async () => {
    await page.evaluate(() => (window.location.hash = '#/guides/no-signal'));
    await page.getByRole('heading', { level: 1, name: /Pas de signal/ }).waitFor();
    await page.getByRole('button', { name: 'Lancer le diagnostic' }).click();
    await page.getByRole('button', { name: 'Relancer le diagnostic' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => linesOf(PROJECTOR).count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await expect.poll(async () => (await statuses(linesOf(PROJECTOR))).filter((s) => /=(pending|running)$/.test(s)), { timeout: 20_000 }).toEqual([]);
    const failed = (await statuses(linesOf(PROJECTOR))).filter((s) => s.endsWith('=fail'));
    expect(failed).toEqual(['projector.power=fail', 'projector.input=fail', 'projector.mute=fail']);
    // Each says what is wrong in plain words and offers « Réparer ».
    await line('projector.power').getByText('Le vidéoprojecteur est en veille : il faut l’allumer.').waitFor();
    await line('projector.input').getByText(/affiche la source .* au lieu de /).waitFor();
    await line('projector.mute').getByText(/L’image est masquée/).waitFor();
    for (const check of ['projector.power', 'projector.input', 'projector.mute']) expect(await line(check).getByRole('button', { name: 'Réparer' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'diagnostics-demo-three-failures');
  });

  it('« Réparer » each, in order: every line of the projector ends ✓', async () => {
    for (const check of ['projector.power', 'projector.input', 'projector.mute']) {
      await line(check).getByRole('button', { name: 'Réparer' }).click();
      // Fixing re-runs the check (the power one waits out the warm-up).
      await expect.poll(() => line(check).getAttribute('data-status'), { timeout: 30_000 }).toBe('pass');
    }
    await expect.poll(async () => (await statuses(linesOf(PROJECTOR))).filter((s) => !s.endsWith('=pass')), { timeout: 20_000 }).toEqual([]);
    await screenshot(page, 'diagnostics-demo-fixed');
  });

  it('« Ma salle » shows the projector on, picture not masked', async () => {
    await page.getByRole('link', { name: 'Ma salle' }).click();
    await expect.poll(() => card(PROJECTOR).getByText('Allumé').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await card(PROJECTOR).getByText('Image masquée').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
