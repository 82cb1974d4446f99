/**
 * The troubleshooting guides in Debian's Chromium against the real web preview and the real guides
 * engine: search, open at a step, live diagnostic, workshop mode with the keyboard, print sheet,
 * WCAG 2.2 AA with axe-core, screenshots in light and dark.
 *
 * Without the demo classroom the web preview knows no room: the projector checks honestly say that no
 * projector is known, and the display check says the web preview cannot see the displays. The projector
 * scenario (three ✗, « Réparer » each, all ✓) is in diagnostics-demo.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const NO_SIGNAL_TITLE = /Pas de signal.*les vérifications dans l’ordre/;

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(preview.url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.evaluate((h) => (window.location.hash = h), hash);
}

/** Whether an element is inside the viewport (scrolled to). */
function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);
}

describe('the guides (web preview, Chromium)', () => {
  it('« Ça ne marche pas ? » → search "pas d image" → open « Pas de signal »', async () => {
    const { page, errors, context } = await newPage(browser);
    await page.goto(preview.url);
    await page.getByRole('heading', { level: 1, name: 'Ma salle' }).waitFor();
    await page.getByRole('link', { name: /Ça ne marche pas/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Guides de dépannage' }).waitFor();
    // Ready to type: the search box has the focus.
    const box = page.getByRole('searchbox', { name: 'Décrivez le problème' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('pas d image');
    const first = page.locator('.guide-results a').first();
    await expect.poll(() => first.locator('.guide-result__title').textContent()).toMatch(NO_SIGNAL_TITLE);
    expect(await first.locator('.guide-result__summary').textContent()).toMatch(/Pas de signal/);
    expect(await page.getByRole('status').filter({ hasText: /guides? trouvés?/ }).textContent()).toMatch(/^\d+ guides? trouvés?$/);
    await screenshot(page, 'guides-search-light');
    await first.click();
    await page.getByRole('heading', { level: 1, name: NO_SIGNAL_TITLE }).waitFor();
    expect(page.url()).toContain('#/guides/no-signal');
    // Steps: an ordered list whose items have stable ids.
    expect(await page.locator('ol.guide-steps > li').evaluateAll((li) => li.map((x) => x.id))).toEqual(
      expect.arrayContaining(['guide-step-power', 'guide-step-cable', 'guide-step-input', 'guide-step-mute', 'guide-step-display']),
    );
    // The bundled diagrams load (same origin, allowed by the CSP).
    await expect.poll(() => page.locator('.guide-figure img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds guides with typos and without accents', async () => {
    const { page, context } = await newPage(browser);
    await open(page, '#/guides');
    const box = page.getByRole('searchbox');
    for (const [query, title] of [
      ['stilet marche pas', /stylet ne répond plus/],
      ['videoprojecteur seteint tout seul', /s’éteint tout seul/],
      ['wifi coupe', /Wi-Fi/],
    ] as const) {
      await box.fill(query);
      await expect.poll(() => page.locator('.guide-results .guide-result__title').allTextContents().then((t) => t.slice(0, 3).join(' | '))).toMatch(title);
    }
    await context.close();
  });

  it('opens a guide at a step: scrolled to, highlighted and focused (?anchor= and ?step=)', async () => {
    const { page, context } = await newPage(browser);
    await open(page, '#/guides/no-signal?anchor=display');
    const step = page.locator('#guide-step-display');
    await step.waitFor();
    expect(await step.getAttribute('aria-current')).toBe('step');
    await expect.poll(() => step.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => inViewport(page, '#guide-step-display')).toBe(true);
    await screenshot(page, 'guides-at-step-light');

    await page.evaluate(() => (window.location.hash = '#/guides/no-signal?step=4'));
    await expect.poll(() => page.locator('#guide-step-input').getAttribute('aria-current')).toBe('step');
    expect(await page.locator('[aria-current="step"]').count()).toBe(1);
    await expect.poll(() => inViewport(page, '#guide-step-input')).toBe(true);

    // A guide: link inside a guide opens the other guide in the app.
    await page.locator('#guide-step-input a').first().click();
    await page.getByRole('heading', { level: 1, name: /Choisir la bonne source/ }).waitFor();
    expect(page.url()).toContain('#/guides/choose-source');
    await context.close();
  });

  it('runs the diagnostic with the real engine and says honestly what it could not check; copies the report', async () => {
    const { page, context, errors } = await newPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: preview.origin });
    await open(page, '#/guides/no-signal');
    await page.getByRole('heading', { level: 1, name: NO_SIGNAL_TITLE }).waitFor();
    await page.getByRole('button', { name: 'Lancer le diagnostic' }).click();
    await page.getByText(/Certaines vérifications n’ont pas pu se faire/).waitFor();
    const rows = page.locator('li.diag-item');
    const states = await rows.evaluateAll((li) => li.map((x) => [x.getAttribute('data-check'), x.getAttribute('data-status'), x.querySelector('.diag-item__symbol')?.textContent]));
    expect(states).toEqual([
      ['projector.reachable', 'skipped', '–'],
      ['projector.power', 'skipped', '–'],
      ['projector.input', 'skipped', '–'],
      ['projector.signal', 'skipped', '–'],
      ['projector.mute', 'skipped', '–'],
      ['display.external', 'skipped', '–'],
    ]);
    // No projector is known in the preview (no room, no projector control yet): said in words, no fake ✓.
    expect(await rows.filter({ hasText: 'Aucun vidéoprojecteur n’est connu dans cette salle.' }).count()).toBe(5);
    expect(await rows.last().textContent()).toMatch(/Dans l’aperçu web, l’application ne voit pas les écrans/);
    expect(await page.getByRole('button', { name: 'Réparer' }).count()).toBe(0);
    expect(await page.locator('.diag-item--pass, .diag-item--fail').count()).toBe(0);
    await screenshot(page, 'guides-diagnostic-light');

    await page.getByRole('button', { name: 'Copier pour le service informatique' }).click();
    await page.getByText(/Copié.*vous pouvez le coller dans un courriel/).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^Classe numérique.*diagnostic/);
    expect(copied).toContain('(no-signal)');
    expect(copied).toContain('[projector.power: skipped, engine.no_projector]');
    expect(copied).toContain('[display.external: skipped, web_preview]');
    expect(copied).toMatch(/Classe numérique \d+\.\d+\.\d+.* \(web, linux\)/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('workshop mode: next, previous, black screen, last, and Escape back to the guide at the step shown', async () => {
    const { page, context, errors } = await newPage(browser);
    await open(page, '#/guides/no-signal');
    await page.getByRole('heading', { level: 1, name: NO_SIGNAL_TITLE }).waitFor();
    await page.getByRole('button', { name: 'Présenter en atelier' }).click();
    const workshop = page.getByRole('region', { name: /Présentation en atelier/ });
    await workshop.waitFor();
    const counter = page.locator('.workshop-counter');
    const slideHeading = page.locator('.workshop-slide h2');
    const total = Number((await counter.textContent())!.split(' sur ')[1]);
    expect(await counter.textContent()).toBe(`1 sur ${total}`);
    // The browser lets the click that opened it ask for full screen.
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? null)).toBe('workshop');
    // No header, no navigation behind the slides.
    expect(await page.getByRole('navigation').count()).toBe(0);

    await page.keyboard.press('PageDown');
    expect(await counter.textContent()).toBe(`2 sur ${total}`);
    expect(await slideHeading.textContent()).toBe('Étape 1 sur 8');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    expect(await slideHeading.textContent()).toBe('Étape 3 sur 8');
    await screenshot(page, 'guides-workshop-light');
    await page.keyboard.press('PageUp');
    expect(await slideHeading.textContent()).toBe('Étape 2 sur 8');

    await page.keyboard.press('b');
    const black = page.locator('.workshop-black');
    await black.waitFor();
    expect(await black.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
    await screenshot(page, 'guides-workshop-black');
    await page.keyboard.press('b');
    await black.waitFor({ state: 'detached' });
    expect(await slideHeading.textContent()).toBe('Étape 2 sur 8');

    await page.keyboard.press('End');
    expect(await counter.textContent()).toBe(`${total} sur ${total}`);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: NO_SIGNAL_TITLE }).waitFor();
    expect(page.url()).toMatch(/#\/guides\/no-signal\?anchor=warm-up$/);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    await expect.poll(() => page.locator('#guide-step-warm-up').getAttribute('aria-current')).toBe('step');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints a one-page « fiche mémo » without the buttons', async () => {
    const { page, context } = await newPage(browser);
    await open(page, '#/guides/no-signal');
    await page.getByRole('heading', { level: 1, name: NO_SIGNAL_TITLE }).waitFor();
    // The web preview has no desktop shell (no printToPDF): the button opens the browser's print.
    await page.evaluate(() => {
      const w = window as unknown as { printed: number; print: () => void };
      w.printed = 0;
      w.print = () => void w.printed++;
    });
    await page.getByRole('button', { name: 'Imprimer la fiche mémo' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.guide-toolbar').isVisible()).toBe(false);
    expect(await page.locator('.diagnostics').isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.guide-print-footer').isVisible()).toBe(true);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await context.close();
  });

  it('is keyboard complete with a visible focus, and every control is a big target (≥ 44 px)', async () => {
    const { page, context } = await newPage(browser);
    await open(page, '#/guides/no-signal');
    await page.getByRole('heading', { level: 1, name: NO_SIGNAL_TITLE }).waitFor();
    await page.getByRole('button', { name: 'Lancer le diagnostic' }).click();
    await page.getByText(/Certaines vérifications n’ont pas pu se faire/).waitFor();
    const stops = await tabThrough(page, 120);
    const labels = stops.map((s) => s.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a:Ça ne marche pas/),
        'a:Tous les guides',
        'button:Présenter en atelier',
        'button:Imprimer la fiche mémo',
        'button:Relancer le diagnostic',
        'button:Copier pour le service informatique',
        'a:Voir l’étape',
        'a:Choisir la bonne source',
      ]),
    );
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, .help-entry, .guide-back a, .guide-related a, .guide-sources a, .diag-item__step, summary, .guide-card, .guide-result')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el: `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.trim().slice(0, 30)}`, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.height < 44 || r.width < 44)
        .map(({ el, r }) => `${el} (${Math.round(r.width)}×${Math.round(r.height)})`),
    );
    expect(small).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('has no WCAG 2.2 AA violation on the guides home, a guide with its diagnostic, and workshop mode (%s)', async (colorScheme) => {
    const { page, context } = await newPage(browser, { colorScheme });
    await open(page, '#/guides?q=pas%20d%20image');
    await page.locator('.guide-results a').first().waitFor();
    await page.locator('.guide-card').first().waitFor();
    expect(await axeViolations(page), `${colorScheme} guides home`).toEqual([]);
    await screenshot(page, `guides-home-${colorScheme}`);

    await page.evaluate(() => (window.location.hash = '#/guides/no-signal?anchor=input'));
    await page.getByRole('heading', { level: 1, name: NO_SIGNAL_TITLE }).waitFor();
    await page.getByRole('button', { name: 'Lancer le diagnostic' }).click();
    await page.getByText(/Certaines vérifications n’ont pas pu se faire/).waitFor();
    expect(await axeViolations(page), `${colorScheme} guide`).toEqual([]);
    await screenshot(page, `guides-guide-${colorScheme}`);

    await page.getByRole('button', { name: 'Présenter en atelier' }).click();
    await page.getByRole('region', { name: /Présentation en atelier/ }).waitFor();
    expect(await axeViolations(page), `${colorScheme} workshop`).toEqual([]);
    await screenshot(page, `guides-workshop-${colorScheme}`);
    await page.keyboard.press('b');
    await page.locator('.workshop-black').waitFor();
    expect(await axeViolations(page), `${colorScheme} workshop black`).toEqual([]);
    await context.close();
  });
});
