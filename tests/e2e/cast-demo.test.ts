/**
 * « Projeter » in Chromium against the web preview with the demo classroom (no lab, --no-discovery):
 * the « Écran » card offers « Projeter », the panel takes a file from the browser's file input (it is
 * uploaded to the preview), casts it to the demo screen's simulated Cast receiver, shows the
 * receiver's state, controls a PDF page by page, stops; the web preview explains what only the app
 * does (the presentation window, the display mode). Screenshots in test-results/screenshots.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { REPO_ROOT } from './support/web-preview';
import { previewSession } from './support/session';
import { axeViolations } from './support/a11y';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'cast');
const session = previewSession(['--demo-time-scale', '0.15']);
let page: Page;
let errors: string[];
beforeAll(() => ({ page, errors } = session));

/** French typography of the catalogs: narrow no-break spaces inside « ». */
const fr = (text: string) => text.replace(/« /g, '«\u202f').replace(/ »/g, '\u202f»');
const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

describe('« Projeter » with the demo classroom (web preview, Chromium)', () => {
  it('the demo « Écran » card offers « Projeter », which opens the panel with that screen first', async () => {
    await page.getByRole('button', { name: 'Essayer la salle de démonstration' }).click();
    await card('Écran').getByRole('button', { name: fr('Projeter sur « Écran »') }).click();
    await page.getByRole('heading', { level: 1, name: 'Projeter' }).waitFor();
    expect(page.url()).toContain('#/cast/inv%3Ademo-screen');
    const screen = card('Écran');
    await screen.getByText('Chromecast (Google Cast)').waitFor();
    // Nothing to cast yet.
    expect(await screen.getByRole('button', { name: /Projeter sur/ }).isDisabled()).toBe(true);
    // The web preview says what only the app does.
    await page.getByText('n’existe que dans l’application installée', { exact: false }).first().waitFor();
    await page.getByText('Dans l’aperçu web, l’application ne change pas l’affichage', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cast-panel-empty');
  });

  it('takes a picture from the file input (uploaded to the preview) and casts it: « En lecture », then « Arrêté »', async () => {
    await page.getByTestId('cast-file-input').setInputFiles(join(FIXTURES, 'lesson-image.png'));
    await page.getByText('Fichier choisi', { exact: false }).waitFor();
    await page.getByText('lesson-image.png', { exact: false }).first().waitFor();
    const screen = card('Écran');
    await screen.getByRole('button', { name: /Projeter sur/ }).click();
    await screen.getByText('En lecture').waitFor({ timeout: 15_000 });
    await screenshot(page, 'cast-demo-playing');
    await screen.getByRole('button', { name: 'Arrêter' }).click();
    await screen.getByText('Arrêté', { exact: true }).waitFor();
    await screen.getByText('Projection arrêtée.').waitFor();
  });

  it('casts a PDF page by page: « Page suivante » shows page 2 of 2', async () => {
    await page.getByTestId('cast-file-input').setInputFiles(join(FIXTURES, 'two-pages.pdf'));
    await page.getByText('two-pages.pdf', { exact: false }).first().waitFor();
    const screen = card('Écran');
    await screen.getByRole('button', { name: /Projeter sur/ }).click();
    await screen.getByText('Page 1 sur 2').waitFor({ timeout: 15_000 });
    await screen.getByRole('button', { name: 'Page suivante' }).click();
    await screen.getByText('Page 2 sur 2').waitFor({ timeout: 15_000 });
    expect(await screen.getByRole('button', { name: 'Page suivante' }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cast-demo-pdf');
    await screen.getByRole('button', { name: 'Arrêter' }).click();
    await screen.getByText('Arrêté', { exact: true }).waitFor();
  });

  it('refuses a file that is not media with a clear message and its guide', async () => {
    await page.getByTestId('cast-file-input').setInputFiles({ name: 'Compte rendu.png', mimeType: 'image/png', buffer: Buffer.from('ceci est du texte, pas une image') });
    await page.getByText(fr('« Compte rendu.png » ne peut pas être projeté'), { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir le guide' }).first().waitFor();
    await screenshot(page, 'cast-not-media');
    expect(errors.filter((e) => !e.includes('415'))).toEqual([]);
  });
});
