/**
 * The allow-list of web pages for « Présenter sur le vidéoprojecteur »: which patterns a profile may
 * give (isSitePattern), that every accepted pattern means what it says to the URL check, and that the
 * policy reads its source at each check (a profile reloaded while the app runs applies at once).
 */
import { describe, expect, it } from 'vitest';
import { checkPresentationUrl, DEFAULT_PRESENTATION_SITES, isSitePattern, webPolicyFromSites } from '../../../main/services/display/presentation-url';

describe('isSitePattern', () => {
  it('accepts host names and "*." + host name, in any case, internationalised or in punycode', () => {
    for (const p of ['lumni.fr', '*.lumni.fr', 'WWW.Lumni.FR', 'intranet', 'école.fr', '*.école.fr', 'xn--cole-9oa.fr', 'lumni.fr.', ...DEFAULT_PRESENTATION_SITES]) {
      expect(isSitePattern(p), p).toBe(true);
    }
  });

  it('refuses schemes, ports, paths, queries, credentials, IP addresses, stray wildcards and blanks', () => {
    for (const p of [
      '',
      ' ',
      ' lumni.fr',
      'https://www.lumni.fr',
      'www.lumni.fr/',
      'www.lumni.fr/video',
      'lumni.fr:443',
      'lumni.fr?x=1',
      'lumni.fr#top',
      'user@lumni.fr',
      '10.34.1.5',
      '[::1]',
      '*',
      '*.',
      '*.fr',
      '*lumni.fr',
      'www.*.fr',
      '*.*.lumni.fr',
      'lumni_fr.example',
      '-lumni.fr',
      'lumni..fr',
      'a'.repeat(64) + '.fr',
      'x.'.repeat(127) + 'fr',
    ]) {
      expect(isSitePattern(p), JSON.stringify(p)).toBe(false);
    }
  });

  it('means what it says to the URL check: a wildcard covers the subdomains, not the domain itself', () => {
    const policy = { allowedHosts: ['*.école.fr', 'WWW.Lumni.FR'] };
    expect(checkPresentationUrl('https://classe.école.fr/cours', policy).ok).toBe(true);
    expect(checkPresentationUrl('https://école.fr/', policy)).toMatchObject({ ok: false, code: 'display.presentation_url_not_allowed', host: 'xn--cole-9oa.fr' });
    expect(checkPresentationUrl('https://www.lumni.fr/video/les-volcans', policy).ok).toBe(true);
    expect(checkPresentationUrl('https://lumni.fr/', policy)).toMatchObject({ ok: false, host: 'lumni.fr' });
  });
});

describe('webPolicyFromSites', () => {
  it('uses the defaults when no profile gives a list, and an empty list forbids every page', () => {
    expect(webPolicyFromSites(() => null)().allowedHosts).toEqual(DEFAULT_PRESENTATION_SITES);
    expect(webPolicyFromSites(() => undefined)().allowedHosts).toEqual(DEFAULT_PRESENTATION_SITES);
    const none = webPolicyFromSites(() => []);
    expect(checkPresentationUrl('https://www.lumni.fr/', none())).toMatchObject({ ok: false, code: 'display.presentation_url_not_allowed' });
  });

  it('reads its source at every check, so a new list applies to the next page', () => {
    let sites: string[] | null = ['*.example.org'];
    const policy = webPolicyFromSites(() => sites);
    expect(checkPresentationUrl('https://www.example.org/', policy()).ok).toBe(true);
    expect(checkPresentationUrl('https://www.lumni.fr/', policy())).toMatchObject({ ok: false, host: 'www.lumni.fr' });
    sites = null;
    expect(checkPresentationUrl('https://www.lumni.fr/', policy()).ok).toBe(true);
    expect(checkPresentationUrl('https://www.example.org/', policy())).toMatchObject({ ok: false, host: 'www.example.org' });
  });
});
