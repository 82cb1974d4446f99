/**
 * Éteindre en fin de journée, in Chromium against the web preview with the demo classroom: the teacher
 * sets the reminder time to 00:00 (already past) in Réglages, « Afficher mon écran » switches the projector on,
 * the banner « … est encore allumé. L’éteindre ? » appears, and its « Éteindre » cools the projector
 * down to standby and takes the banner away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { previewSession } from './support/session';
import { axeViolations } from './support/a11y';

// Warm-up and cooling of the demo projectors in a few seconds.
const session = previewSession(['--demo-time-scale', '0.15']);
let page: Page;
beforeAll(() => ({ page } = session));

const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
const banner = () => page.getByRole('status').filter({ hasText: /est encore allumé/ });

describe('the end-of-day reminder (web preview, Chromium)', () => {
  it('sets the reminder time to one already past in Réglages, then « Afficher mon écran » brings the banner up', async () => {
    await page.getByRole('button', { name: 'Essayer la salle de démonstration' }).click();
    await expect.poll(() => card('Vidéoprojecteur').getByText('En veille').isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole('link', { name: 'Réglages' }).click();
    const section = page.getByRole('region', { name: 'Fin de journée' });
    await section.waitFor();
    // 00:00: whatever the time the test runs (even just before midnight), it is past the reminder time.
    const hhmm = '00:00';
    await section.getByLabel('Heure du rappel').fill(hhmm);
    await expect.poll(() => section.getByLabel('Heure du rappel').inputValue()).toBe(hhmm);

    await page.getByRole('link', { name: 'Ma salle' }).click();
    // Nothing to remind while the projector sleeps.
    await card('Vidéoprojecteur').waitFor();
    expect(await banner().count()).toBe(0);
    await card('Vidéoprojecteur').getByRole('button', { name: 'Afficher mon écran' }).click();
    await banner().waitFor({ timeout: 30_000 });
    expect(await banner().textContent()).toContain('Vidéoprojecteur');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reminder-banner');
  });

  it('« Éteindre » from the banner cools the projector down to standby and the banner goes', async () => {
    await banner().getByRole('button', { name: 'Éteindre' }).click();
    await expect.poll(() => banner().count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => card('Vidéoprojecteur').getByText('En veille').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
