import { describe, expect, it } from 'vitest';
import { checkPresentationUrl, hostMatches, isNavigationAllowed, isRedirectAllowed, isRequestAllowed } from '../../../main/services/display/presentation-url';

const policy = { allowedHosts: ['www.lumni.fr', '*.education.gouv.fr', 'Quiz.Example.org.', '*.école.fr'] };

describe('checkPresentationUrl', () => {
  it('accepts https pages of allowed hosts (exact, subdomains, case and trailing dot ignored, IDN)', () => {
    for (const url of ['https://www.lumni.fr/video/les-volcans', 'https://eduscol.education.gouv.fr/1234/page?x=1#top', 'https://a.b.education.gouv.fr/', 'https://quiz.example.org:443/q', 'https://ent.école.fr/']) {
      expect(checkPresentationUrl(url, policy).ok, url).toBe(true);
    }
  });

  it('refuses what is not https, credentials, other ports, garbage and huge URLs', () => {
    for (const url of ['http://www.lumni.fr/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'https://user:pw@www.lumni.fr/', 'https://www.lumni.fr:8443/', 'not a url', '', `https://www.lumni.fr/${'a'.repeat(2100)}`]) {
      expect(checkPresentationUrl(url, policy), url).toEqual({ ok: false, code: 'display.presentation_url_invalid' });
    }
  });

  it('refuses hosts that are not allowed, naming the host for the message', () => {
    expect(checkPresentationUrl('https://lumni.fr/', policy)).toEqual({ ok: false, code: 'display.presentation_url_not_allowed', host: 'lumni.fr' });
    expect(checkPresentationUrl('https://education.gouv.fr/', policy)).toMatchObject({ ok: false, host: 'education.gouv.fr' });
    expect(checkPresentationUrl('https://www.lumni.fr.evil.com/', policy)).toMatchObject({ ok: false, code: 'display.presentation_url_not_allowed' });
    expect(checkPresentationUrl('https://evileducation.gouv.fr/', policy)).toMatchObject({ ok: false });
    expect(checkPresentationUrl('https://www.lumni.fr/', { allowedHosts: [] })).toMatchObject({ ok: false, code: 'display.presentation_url_not_allowed' });
  });

  it('matches hosts exactly or as true subdomains', () => {
    expect(hostMatches('www.lumni.fr', 'www.lumni.fr')).toBe(true);
    expect(hostMatches('x.www.lumni.fr', 'www.lumni.fr')).toBe(false);
    expect(hostMatches('a.example.org', '*.example.org')).toBe(true);
    expect(hostMatches('example.org', '*.example.org')).toBe(false);
    expect(hostMatches('badexample.org', '*.example.org')).toBe(false);
    expect(hostMatches('example.org', '')).toBe(false);
    expect(hostMatches('example.org', '*.')).toBe(false);
  });
});

describe('navigation lock', () => {
  const web = { type: 'web', url: 'https://www.lumni.fr/video/les-volcans' } as const;
  const viewer = { type: 'viewer' } as const;

  it('keeps a web page on its own document (anchors, query of the same page)', () => {
    expect(isNavigationAllowed(web, 'https://www.lumni.fr/video/les-volcans#chapitre-2', policy)).toBe(true);
    expect(isNavigationAllowed(web, 'https://www.lumni.fr/video/les-volcans?t=30', policy)).toBe(true);
    expect(isNavigationAllowed(web, 'https://www.lumni.fr/video/autre', policy)).toBe(false);
    expect(isNavigationAllowed(web, 'https://eduscol.education.gouv.fr/', policy)).toBe(false);
    expect(isNavigationAllowed(web, 'http://www.lumni.fr/video/les-volcans', policy)).toBe(false);
    expect(isNavigationAllowed(web, 'file:///C:/Users/prof/Documents/', policy)).toBe(false);
    expect(isNavigationAllowed(web, 'garbage', policy)).toBe(false);
  });

  it('lets the viewer load only itself', () => {
    expect(isNavigationAllowed(viewer, 'classe-present://presentation/presentation/index.html?doc=abcdefghijklmnop&kind=pdf', policy)).toBe(true);
    expect(isNavigationAllowed(viewer, 'classe-present://presentation/document/abcdefghijklmnop', policy)).toBe(false);
    expect(isNavigationAllowed(viewer, 'classe-present://other/presentation/index.html', policy)).toBe(false);
    expect(isNavigationAllowed(viewer, 'https://www.lumni.fr/', policy)).toBe(false);
  });

  it('allows redirects of a web page to another allowed https page only; the viewer never redirects', () => {
    expect(isRedirectAllowed({ type: 'web', url: 'https://www.lumni.fr/' }, 'https://eduscol.education.gouv.fr/x', policy)).toBe(true);
    expect(isRedirectAllowed({ type: 'web', url: 'https://www.lumni.fr/' }, 'https://accounts.evil.com/login', policy)).toBe(false);
    expect(isRedirectAllowed(viewer, 'classe-present://presentation/presentation/index.html', policy)).toBe(false);
  });

  it('filters requests: the viewer only from its scheme, a web page only https/wss (plus data:/blob:)', () => {
    expect(isRequestAllowed(viewer, 'classe-present://presentation/assets/viewer-abc.js')).toBe(true);
    expect(isRequestAllowed(viewer, 'blob:classe-present://presentation/123')).toBe(true);
    expect(isRequestAllowed(viewer, 'https://cdn.example.com/x.js')).toBe(false);
    expect(isRequestAllowed(viewer, 'file:///etc/passwd')).toBe(false);
    expect(isRequestAllowed(web, 'https://cdn.example.com/x.js')).toBe(true);
    expect(isRequestAllowed(web, 'wss://live.example.com/')).toBe(true);
    expect(isRequestAllowed(web, 'http://tracker.example.com/')).toBe(false);
    expect(isRequestAllowed(web, 'file:///etc/passwd')).toBe(false);
    expect(isRequestAllowed(web, 'classe-present://presentation/document/abcdefghijklmnop')).toBe(false);
    expect(isRequestAllowed(web, '::')).toBe(false);
  });
});
