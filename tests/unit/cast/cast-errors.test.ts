import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAST_ERRORS } from '../../../main/services/cast/cast-errors';
import { CAST_STATUS_KEYS } from '../../../main/services/cast/cast-service';

const ASSETS = join(import.meta.dirname, '..', '..', '..', 'assets', 'i18n');
const load = (lang: string, file: string) => JSON.parse(readFileSync(join(ASSETS, lang, file), 'utf8')) as Record<string, unknown>;
const SHARED_GUIDES = [
  'no-signal', 'choose-source', 'display-mode', 'blurry-image', 'resolution', 'hdmi-sound', 'vpi-cables', 'vpi-pen', 'vpi-calibrate', 'power-lamp',
  'lamp-filter', 'shuts-down', 'wifi-off', 'prepare-lesson', 'wireless', 'contact-it', 'pjlink-password', 'standby-network', 'cast-failed',
];
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('cast error catalog', () => {
  const fr = load('fr', 'errors/cast.json') as Record<string, string>;
  const en = load('en', 'errors/cast.json') as Record<string, string>;
  const keys = Object.keys(CAST_ERRORS).map((c) => c.replace(/^cast\./, ''));

  it('has a French and an English text for every code, and nothing else', () => {
    expect(Object.keys(fr).sort()).toEqual([...keys].sort());
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const k of keys) expect(placeholders(fr[k]!), k).toEqual(placeholders(en[k]!));
  });

  it('points every code to one of the shared guides', () => {
    for (const guide of Object.values(CAST_ERRORS)) expect(SHARED_GUIDES).toContain(guide.replace(/^guide:/, ''));
    expect(CAST_ERRORS['cast.not_media']).toBe('guide:prepare-lesson');
    expect(CAST_ERRORS['cast.load_failed']).toBe('guide:cast-failed');
    expect(CAST_ERRORS['cast.receiver_lost']).toBe('guide:wireless');
  });

  it('follows French typography: narrow no-break space before : ; ! ? and inside « »', () => {
    for (const [k, text] of Object.entries(fr)) {
      expect(text, k).not.toMatch(/[^\u202f\u00a0][:;!?](\s|$)/);
      expect(text, k).not.toMatch(/«[^\u202f\u00a0]|[^\u202f\u00a0]»/);
      expect(text, k).not.toMatch(/"/);
    }
  });
});

describe('cast status catalog', () => {
  it('has a text for every state key in both languages', () => {
    for (const lang of ['fr', 'en']) {
      const status = load(lang, 'cast.json')['status'] as Record<string, string>;
      for (const key of Object.values(CAST_STATUS_KEYS)) expect(status[key.replace(/^cast\.status\./, '')], `${lang} ${key}`).toBeTruthy();
    }
  });
});
