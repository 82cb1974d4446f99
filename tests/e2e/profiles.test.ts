/**
 * IT profiles end to end: the real web preview started with `--profile <file>`, driven in Debian's
 * Chromium. A locked setting is read-only with its label; the sample profile's rooms show; an invalid
 * profile brings the banner with whom to call (the last good profile's contact, or nobody); a signed
 * profile imports through the UI and an unsigned one is refused with a clear message; Réglages has no
 * WCAG 2.2 AA violation; screenshots in light and dark.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateSigningKeyPair, parsePrivateKey, signProfileBytes } from '../../main/services/profiles/signatures';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { REPO_ROOT, startPreview, type RunningPreview } from './support/web-preview';
import { axeViolations } from './support/a11y';

const SAMPLE = readFileSync(join(REPO_ROOT, 'docs', 'it', 'sample-profile.json'), 'utf8');

/** The sample with the language imposed (French), as a commune may do; pretty-printed like a real file. */
function managedProfile(): string {
  const p = JSON.parse(SAMPLE);
  p.features.language = 'fr';
  return JSON.stringify(p, null, 2) + '\n';
}

/** What a commune would send for import: no `managed` section, no folder guide pack. */
function importableProfile(): string {
  const p = JSON.parse(SAMPLE);
  delete p.managed;
  delete p.guides;
  p.organisation.name = 'Ville de Pézenas (profil importé)';
  return JSON.stringify(p, null, 2) + '\n';
}

let root: string;
let browser: Browser;
const previews: RunningPreview[] = [];
/** A preview whose managed profile is the sample with the theme locked (shared by the read-only tests). */
let managedPreview: RunningPreview;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'classe-e2e-profiles-'));
  browser = await launchBrowser();
  managedPreview = (await preview('managed', { 'profile.json': managedProfile() })).preview;
});

afterAll(async () => {
  await browser?.close();
  for (const p of previews) await p.stop();
  rmSync(root, { recursive: true, force: true });
});

async function preview(name: string, files: Record<string, string> = {}): Promise<{ preview: RunningPreview; managed: string }> {
  const dir = join(root, name);
  mkdirSync(join(dir, 'trusted-keys'), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const managed = join(dir, 'profile.json');
  const started = await startPreview({ args: ['--profile', managed, '--quiet'] });
  previews.push(started);
  return { preview: started, managed };
}

async function openSettings(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Ma salle' }).waitFor();
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await page.getByRole('heading', { level: 2, name: 'Profil de configuration' }).waitFor();
}

describe('IT profiles in the web preview (Chromium)', () => {
  it('shows a locked setting read-only with its label, and the sample profile with its rooms', async () => {
    const { page, context, errors } = await newPage(browser);
    await openSettings(page, managedPreview.url);
    const french = page.getByRole('radio', { name: 'Français' });
    expect(await french.isChecked()).toBe(true);
    expect(await french.isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: 'English' }).isDisabled()).toBe(true);
    const languageGroup = page.getByRole('group', { name: 'Langue' });
    expect(await languageGroup.getByText('Géré par votre service informatique').isVisible()).toBe(true);
    // The theme stays the teacher's choice.
    const themeGroup = page.getByRole('group', { name: 'Thème' });
    expect(await themeGroup.getByText('Géré par votre service informatique').count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'Sombre' }).isDisabled()).toBe(false);
    // The profile itself: source, validity, organisation, whom to call.
    expect(await page.getByText('Fichier installé sur ce poste par le service informatique').isVisible()).toBe(true);
    expect(await page.getByText('Valide et appliqué').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '04 67 00 00 00' }).isVisible()).toBe(true);
    // Its rooms and devices (the device list of « Ma salle » comes with the devices integration).
    await page.getByText('Salles du profil (10)').click();
    expect(await page.getByText('Salle VPI (bibliothèque)').isVisible()).toBe(true);
    expect(await page.getByText(/Vidéoprojecteur salle 9 \(vidéoprojecteur\)/).isVisible()).toBe(true);
    // No password ever reaches the page.
    expect(await page.content()).not.toContain('remplacez-moi');
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('has no WCAG 2.2 AA violation on Réglages with a profile (%s), IT tools open', async (colorScheme) => {
    const { page, context } = await newPage(browser, { colorScheme });
    await openSettings(page, managedPreview.url);
    await page.getByText('Salles du profil (10)').click();
    await page.getByText('Outils du service informatique').click();
    await page.getByRole('button', { name: 'Exporter un profil depuis ce poste' }).click();
    await page.getByText(/Brouillon prêt/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `profiles-settings-${colorScheme}`);
    await context.close();
  });

  it('copies the report for IT to the clipboard, without any password', async () => {
    const { page, context } = await newPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: managedPreview.origin });
    await openSettings(page, managedPreview.url);
    await page.getByRole('button', { name: 'Copier le rapport pour le service informatique' }).click();
    await page.getByText(/Rapport copié/).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Rapport pour le service informatique');
    expect(text).toContain('Ville de Pézenas');
    expect(text).not.toContain('remplacez-moi');
    await context.close();
  });

  it('shows the banner with the last good profile’s contact when the managed profile turns invalid, and clears it once fixed', async () => {
    const { preview: p, managed } = await preview('turns-invalid', { 'profile.json': managedProfile() });
    const { page, context } = await newPage(browser);
    await page.goto(p.url);
    await page.getByRole('heading', { level: 1, name: 'Ma salle' }).waitFor();
    expect(await page.getByText('Le nouveau profil de configuration n’est pas appliqué').count()).toBe(0);
    // IT deploys a broken file: hot reload refuses it and keeps the last good profile.
    writeFileSync(managed, managedProfile().replace('"10.34.103.10"', '"salle 12"'));
    const banner = page.getByRole('status').filter({ hasText: 'Le nouveau profil de configuration n’est pas appliqué' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.getByText(/contient des erreurs \(1\)/).isVisible()).toBe(true);
    expect(await banner.getByRole('link', { name: '04 67 00 00 00' }).isVisible()).toBe(true);
    expect(await banner.getByRole('link', { name: 'informatique@example.org' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'profiles-banner-light');
    // The details in Réglages name the line and column for IT; the last good profile stays in force.
    await banner.getByRole('link', { name: 'Voir le détail dans Réglages' }).click();
    await page.getByRole('heading', { level: 2, name: 'Profil de configuration' }).waitFor();
    expect(await page.getByText('Refusé : le profil précédent reste appliqué').isVisible()).toBe(true);
    expect(await page.getByRole('radio', { name: 'English' }).isDisabled()).toBe(true);
    await page.getByText('Détails pour le service informatique (1)').click();
    expect(await page.getByText(/ligne \d+, colonne \d+\s:\sschools\[0\]\.rooms\[2\]\.devices\[0\]\.host\s:\sadresse attendue, reçu «\ssalle 12\s»/).isVisible()).toBe(true);
    // Fixed file: the banner goes away by itself.
    writeFileSync(managed, managedProfile());
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await context.close();
  });

  it('shows the banner with nobody to call when the only profile is unreadable', async () => {
    const { preview: p } = await preview('invalid-from-start', { 'profile.json': '{ "schemaVersion": 1, "organisation": ' });
    const { page, context } = await newPage(browser, { colorScheme: 'dark' });
    await page.goto(p.url);
    const banner = page.getByRole('alert').filter({ hasText: 'Le profil de configuration de ce poste n’est pas appliqué' });
    await banner.waitFor();
    expect(await banner.getByText(/Aucun contact n’est indiqué/).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'profiles-banner-dark');
    await context.close();
  });

  it('imports a signed profile through the UI and refuses an unsigned one with a clear message', async () => {
    const pair = generateSigningKeyPair();
    const key = parsePrivateKey(pair.privateKeyPem)!;
    const { preview: p } = await preview('import', { [`trusted-keys/${pair.keyId}.pem`]: pair.publicKeyPem });
    const dir = join(root, 'import-files');
    mkdirSync(dir, { recursive: true });
    const text = importableProfile();
    writeFileSync(join(dir, 'profile.json'), text);
    writeFileSync(join(dir, 'profile.json.sig'), signProfileBytes(Buffer.from(text), key).text);

    const { page, context, errors } = await newPage(browser);
    await openSettings(page, p.url);
    expect(await page.getByText('Aucun profil : réglages par défaut').isVisible()).toBe(true);

    // Unsigned: refused, nothing applied.
    await page.getByLabel('Fichier du profil (profile.json)').setInputFiles(join(dir, 'profile.json'));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText(/n’est pas signé par une clé reconnue sur ce poste/).waitFor();
    expect(await page.getByText(/Aucune signature n’a été fournie/).isVisible()).toBe(true);
    expect(await page.getByText('Aucun profil : réglages par défaut').isVisible()).toBe(true);
    await screenshot(page, 'profiles-import-refused');

    // With its signature: imported and applied.
    await page.getByLabel('Fichier du profil (profile.json)').setInputFiles(join(dir, 'profile.json'));
    await page.getByLabel('Signature (profile.json.sig)').setInputFiles(join(dir, 'profile.json.sig'));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Profil importé et appliqué : Ville de Pézenas (profil importé).').waitFor();
    expect(await page.getByText('Profil importé', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(`Valide (clé ${pair.keyId})`).isVisible()).toBe(true);
    expect(await page.getByText('Salles du profil (10)').isVisible()).toBe(true);
    // Kept by main: a new page sees it.
    const second = await context.newPage();
    await openSettings(second, p.url);
    expect(await second.getByText('Profil importé', { exact: true }).isVisible()).toBe(true);

    // Removed again after confirmation.
    await page.getByRole('button', { name: 'Retirer le profil importé' }).click();
    await page.getByRole('dialog', { name: 'Retirer le profil importé ?' }).getByRole('button', { name: 'Retirer le profil' }).click();
    await page.getByText('Aucun profil : réglages par défaut').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
