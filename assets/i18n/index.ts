/**
 * The text catalogs, shared by the renderer, the CLI and main (notices, reports). One JSON file per
 * namespace and language: `assets/i18n/<lang>/<namespace>.json`; error texts per domain in
 * `assets/i18n/<lang>/errors/<domain>.json`, merged into the `errors` namespace under the domain key
 * (code "pjlink.auth_failed" → errors:pjlink.auth_failed).
 *
 * Loaded with import.meta.glob so that the files are bundled by Vite (renderer, main bundle) and
 * resolved by Vitest alike: no file system access at run time.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

type Catalog = Record<string, unknown>;
export type Resources = Record<Language, Record<string, Catalog>>;

const namespaceFiles = import.meta.glob<Catalog>('./*/*.json', { eager: true, import: 'default' });
const errorFiles = import.meta.glob<Catalog>('./*/errors/*.json', { eager: true, import: 'default' });

function build(): Resources {
  const resources: Resources = { fr: {}, en: {} };
  for (const [path, catalog] of Object.entries(namespaceFiles)) {
    const m = /^\.\/(fr|en)\/([a-z0-9-]+)\.json$/.exec(path);
    if (!m) continue;
    resources[m[1] as Language][m[2]!] = catalog;
  }
  for (const [path, catalog] of Object.entries(errorFiles)) {
    const m = /^\.\/(fr|en)\/errors\/([a-z0-9-]+)\.json$/.exec(path);
    if (!m) continue;
    const errors = (resources[m[1] as Language].errors ??= {}) as Record<string, Catalog>;
    errors[m[2]!] = catalog;
  }
  return resources;
}

export const resources: Resources = build();

export function namespaces(): string[] {
  return [...new Set([...Object.keys(resources.fr), ...Object.keys(resources.en)])];
}

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}
