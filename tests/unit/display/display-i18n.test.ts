import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPLAY_ERROR_CODES } from '../../../main/services/display/display-errors';

const root = join(import.meta.dirname, '..', '..', '..');
const catalog = (lang: string) => JSON.parse(readFileSync(join(root, 'assets', 'i18n', lang, 'errors', 'display.json'), 'utf8')) as Record<string, string>;
const sources = readdirSync(join(root, 'main', 'services', 'display'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(root, 'main', 'services', 'display', f), 'utf8'))
  .join('\n');

describe('display error texts', () => {
  it('has a French and an English text for every code, and no text without a code', () => {
    const keys = DISPLAY_ERROR_CODES.map((c) => c.slice('display.'.length)).sort();
    expect(Object.keys(catalog('fr')).sort()).toEqual(keys);
    expect(Object.keys(catalog('en')).sort()).toEqual(keys);
  });

  it('lists every display.* code the services use', () => {
    const used = new Set([...sources.matchAll(/'(display\.[a-z_]+)'/g)].map((m) => m[1]));
    for (const code of used) expect(DISPLAY_ERROR_CODES).toContain(code);
  });

  it('follows French typography: narrow no-break space before : ; ! ? and inside « »', () => {
    for (const [key, text] of Object.entries(catalog('fr'))) {
      expect(text, key).not.toMatch(/[^\u202f\u00a0][:;!?](\s|$)/u);
      expect(text, key).not.toMatch(/«[^\u202f\u00a0]|[^\u202f\u00a0]»/u);
      expect(text, key).not.toMatch(/"/);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const fr = catalog('fr');
    const en = catalog('en');
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr)) expect(placeholders(fr[key] ?? ''), key).toEqual(placeholders(en[key] ?? ''));
  });
});
