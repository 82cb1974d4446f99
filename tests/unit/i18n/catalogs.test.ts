import { describe, expect, it } from 'vitest';
import { resources } from '../../../assets/i18n';
// @ts-expect-error plain JS helper shared with the fixer script
import { frenchTypography } from '../../../scripts/typography.mjs';

function keys(obj: unknown, prefix = ''): string[] {
  if (!obj || typeof obj !== 'object') return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function strings(obj: unknown, path = ''): [string, string][] {
  if (typeof obj === 'string') return [[path, obj]];
  if (!obj || typeof obj !== 'object') return [];
  return Object.entries(obj).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

describe('text catalogs', () => {
  it('have the same namespaces and keys in French and English', () => {
    expect(Object.keys(resources.en).sort()).toEqual(Object.keys(resources.fr).sort());
    for (const ns of Object.keys(resources.fr)) {
      expect(keys(resources.en[ns]).sort(), `namespace ${ns}`).toEqual(keys(resources.fr[ns]).sort());
    }
  });

  it('use the same placeholders in both languages', () => {
    const en = new Map(strings(resources.en));
    for (const [path, fr] of strings(resources.fr)) {
      const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
      expect(placeholders(en.get(path) ?? ''), path).toEqual(placeholders(fr));
    }
  });

  it('follow French typography (narrow no-break space before : ; ! ? and inside « »)', () => {
    const bad = strings(resources.fr).filter(([, s]) => frenchTypography(s) !== s);
    expect(bad.map(([p, s]) => `${p}: ${s}`)).toEqual([]);
  });

  it('have no empty text', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const [path, s] of strings(resources[lang])) expect(s.trim(), `${lang}:${path}`).not.toBe('');
    }
  });
});
