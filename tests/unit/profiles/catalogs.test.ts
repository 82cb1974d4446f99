import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../main/services/profiles/messages';

const root = fileURLToPath(new URL('../../../assets/i18n/', import.meta.url));
const FILES = ['profiles.json', 'report.json', 'errors/profiles.json', 'errors/secrets.json', 'errors/settings.json'];
const load = (lang: string, file: string) => JSON.parse(readFileSync(`${root}${lang}/${file}`, 'utf8')) as Record<string, string>;

describe('profile, report and error catalogs', () => {
  for (const file of FILES) {
    it(`${file}: French and English have the same keys and placeholders`, () => {
      const fr = load('fr', file);
      const en = load('en', file);
      expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(fr)) {
        const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(placeholders(fr[key] as string), key).toEqual(placeholders(en[key] as string));
      }
    });

    it(`${file}: French typography (narrow no-break space before : ; ! ? and inside « »)`, () => {
      for (const [key, text] of Object.entries(load('fr', file))) {
        expect(text, key).not.toMatch(/ [:;!?](?!\/)/);
        expect(text, key).not.toMatch(/« | »/);
        expect(text, key).not.toMatch(/[^\s\u202f\u00a0{(«"][;!?]/);
      }
    });
  }

  it('every error code used by the profile service has a message', () => {
    const source = readdirSync(fileURLToPath(new URL('../../../main/services/profiles/', import.meta.url)))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(fileURLToPath(new URL(`../../../main/services/profiles/${f}`, import.meta.url)), 'utf8'))
      .join('\n');
    const codes = new Set([...source.matchAll(/'(profiles\.[a-z_]+)'/g)].map((m) => m[1] as string));
    expect(codes.size).toBeGreaterThan(15);
    for (const lang of ['fr', 'en'] as const) {
      for (const code of codes) expect(translator(lang).error(code, { count: 2, status: 500, contentType: 'text/x' }), `${lang} ${code}`).not.toBe(code);
    }
  });
});

describe('translator', () => {
  it('translates error codes of the profiles, secrets and settings domains, and leaves unknown codes as they are', () => {
    expect(translator('fr').error('settings.recovered')).toContain('réglages par défaut ont été rétablis');
    expect(translator('en').error('secrets.plaintext_fallback')).toContain('not encrypted');
    expect(translator('en').error('profiles.remote_http_status', { status: 502 })).toContain('"502"');
    expect(translator('fr').error('nothing.here')).toBe('nothing.here');
  });
});
