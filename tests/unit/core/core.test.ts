import { describe, expect, it } from 'vitest';
import { sanitizeName, sanitizeText, MAX_NAME_LENGTH } from '../../../main/services/core/sanitize';
import { isAllowedExternalUrl } from '../../../main/services/core/external-links';
import { fitWindowBounds, parseSavedWindowState } from '../../../main/services/core/window-bounds';
import { resolveStaticPath } from '../../../main/web/static';
import { LogBook } from '../../../main/services/core/logger';
import { TypedEmitter } from '../../../main/services/core/emitter';
import { systemLocale } from '../../../main/services/core/locale';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../../main/services/core/csp';

describe('sanitize', () => {
  it('strips control, bidi and zero-width characters and collapses whitespace', () => {
    expect(sanitizeText('Salle\u0000 12\n\t\u202eevil\u200b')).toBe('Salle 12 evil');
  });
  it('keeps HTML as plain text (it is never interpreted) and French accents', () => {
    expect(sanitizeName('<img src=x onerror=alert(1)> Écran')).toBe('<img src=x onerror=alert(1)> Écran');
  });
  it('caps the length on a code point boundary', () => {
    const s = sanitizeName('é'.repeat(300) + '😀');
    expect(Array.from(s)).toHaveLength(MAX_NAME_LENGTH);
    expect(s.endsWith('…')).toBe(true);
  });
  it('turns non-strings into safe text', () => {
    expect(sanitizeText(undefined)).toBe('');
    expect(sanitizeText(12)).toBe('12');
    expect(sanitizeText({ toString: () => 'x' })).toBe('');
  });
});

describe('external links', () => {
  it('allows https links to allow-listed hosts and their subdomains only', () => {
    expect(isAllowedExternalUrl('https://eduscol.education.fr/page')).toBe(true);
    expect(isAllowedExternalUrl('https://www.legifrance.gouv.fr/loda/id/JORFTEXT000030212642')).toBe(true);
    expect(isAllowedExternalUrl('http://eduscol.education.fr/')).toBe(false);
    expect(isAllowedExternalUrl('https://education.gouv.fr.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@eduscol.education.fr/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('https://aide.pezenas.fr/', ['aide.pezenas.fr'])).toBe(true);
  });
});

describe('window bounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  it('brings back a window saved on a projector that is gone', () => {
    const saved = parseSavedWindowState({ bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: false });
    expect(fitWindowBounds(saved, [screen])).toBeNull();
  });
  it('keeps a visible window and clamps it to the work area', () => {
    const saved = parseSavedWindowState({ bounds: { x: 1500, y: 500, width: 1200, height: 800 }, maximized: true });
    expect(fitWindowBounds(saved, [screen])).toEqual({ x: 720, y: 240, width: 1200, height: 800 });
  });
  it('ignores malformed saved state', () => {
    expect(parseSavedWindowState({ bounds: { x: 'a' } })).toBeNull();
    expect(parseSavedWindowState(null)).toBeNull();
  });
});

describe('static files', () => {
  it('confines every path to the root, encoded or not, and refuses malformed ones', () => {
    expect(resolveStaticPath('/srv/r', '/../etc/passwd')).toBe('/srv/r/etc/passwd');
    expect(resolveStaticPath('/srv/r', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/r/etc/passwd');
    expect(resolveStaticPath('/srv/r', '/a%00b')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/assets/app.js?x=1')).toBe('/srv/r/assets/app.js');
  });
});

describe('core utilities', () => {
  it('masks registered secrets in every log line and keeps only the last lines', () => {
    const book = new LogBook(3);
    book.redact('S3cret!');
    const log = book.logger('pjlink');
    log.info('auth with S3cret! failed');
    for (let i = 0; i < 5; i++) log.info(`line ${i}`);
    expect(book.recent()).toHaveLength(3);
    const all = new LogBook(10);
    all.redact('S3cret!');
    all.logger('x').warn('pw=S3cret!');
    expect(all.recent()[0]!.message).toBe('pw=••••');
  });
  it('keeps emitting to other listeners when one throws', () => {
    const e = new TypedEmitter<{ x: number }>();
    const got: number[] = [];
    e.on('x', () => {
      throw new Error('bad listener');
    });
    const off = e.on('x', (n) => got.push(n));
    e.emit('x', 1);
    off();
    e.emit('x', 2);
    expect(got).toEqual([1]);
  });
  it('reads the system locale in POSIX order', () => {
    expect(systemLocale({ LANG: 'fr_FR.UTF-8' })).toBe('fr-FR');
    expect(systemLocale({ LC_ALL: 'en_GB.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en-GB');
  });
  it('has a strict CSP: no inline script, no eval, nothing remote', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER]) {
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
      expect(csp).toContain("object-src 'none'");
    }
    expect(CONTENT_SECURITY_POLICY_HEADER).toContain("frame-ancestors 'none'");
  });
});
