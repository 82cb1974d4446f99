/**
 * Which web pages may be presented, and where the presentation window may go once open. Pure.
 *
 * A web page is shown only over https, from a host on the allow-list the IT profile provides
 * (exact host, or "*.example.org" for its subdomains), without credentials in the URL and on the
 * default port. Once open, the window is locked to the chosen document: top-level navigation may only
 * stay on the same origin and path (anchors and query changes of the same page, a reload); redirects
 * while loading may move to another allowed host (lumni.fr → www.lumni.fr); every request of the page
 * must be https/wss (or data:/blob:). The bundled viewer (PDF, image, video) may not navigate at all
 * and only loads from its own scheme.
 */
import { PRESENTATION_HOST, PRESENTATION_SCHEME, VIEWER_PATH } from './presentation-protocol';

export interface WebPagePolicy {
  /** "www.lumni.fr", "*.education.gouv.fr"… Empty: no web page may be presented. */
  allowedHosts: readonly string[];
}

export const MAX_URL_LENGTH = 2048;

export type UrlCheck =
  | { ok: true; url: URL }
  | { ok: false; code: 'display.presentation_url_invalid' }
  | { ok: false; code: 'display.presentation_url_not_allowed'; host: string };

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** Does `host` (as the URL parser normalised it: lower case, punycode) match an allow-list entry? */
export function hostMatches(host: string, pattern: string): boolean {
  const h = normaliseHost(host);
  let p = normaliseHost(pattern);
  if (!p) return false;
  if (p.startsWith('*.')) {
    p = p.slice(2);
    // Normalise the pattern like a URL host (IDN → punycode) so "*.école.fr" matches "xn--cole-…".
    const parsed = URL.canParse(`https://${p}/`) ? new URL(`https://${p}/`).hostname : null;
    return parsed !== null && h.length > parsed.length && h.endsWith(`.${parsed}`);
  }
  const parsed = URL.canParse(`https://${p}/`) ? new URL(`https://${p}/`).hostname : null;
  return parsed !== null && h === parsed;
}

/** Checks a URL the teacher (or a lesson file) asks to present. */
export function checkPresentationUrl(input: string, policy: WebPagePolicy): UrlCheck {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_URL_LENGTH || !URL.canParse(text)) return { ok: false, code: 'display.presentation_url_invalid' };
  const url = new URL(text);
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password || (url.port !== '' && url.port !== '443')) {
    return { ok: false, code: 'display.presentation_url_invalid' };
  }
  if (!policy.allowedHosts.some((p) => hostMatches(url.hostname, p))) {
    return { ok: false, code: 'display.presentation_url_not_allowed', host: url.hostname.slice(0, 253) };
  }
  return { ok: true, url };
}

/** What the presentation window shows: the bundled viewer or an allowed web page. */
export type PresentationDocumentRef = { type: 'viewer' } | { type: 'web'; url: string };

function samePage(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname;
}

/** `will-navigate` (top level, started by the page): allowed only on the chosen document. */
export function isNavigationAllowed(document: PresentationDocumentRef, target: string, policy: WebPagePolicy): boolean {
  if (!URL.canParse(target)) return false;
  const url = new URL(target);
  if (document.type === 'viewer') {
    // Custom schemes have an opaque origin in WHATWG URL terms: compare scheme and host.
    return url.protocol === `${PRESENTATION_SCHEME}:` && url.host.toLowerCase() === PRESENTATION_HOST && url.pathname === VIEWER_PATH;
  }
  const check = checkPresentationUrl(target, policy);
  return check.ok && URL.canParse(document.url) && samePage(new URL(document.url), check.url);
}

/** `will-redirect` of the main frame: a server redirect may move to another allowed https page. */
export function isRedirectAllowed(document: PresentationDocumentRef, target: string, policy: WebPagePolicy): boolean {
  if (document.type === 'viewer') return false;
  return checkPresentationUrl(target, policy).ok;
}

/** Requests of the page (session webRequest filter). */
export function isRequestAllowed(document: PresentationDocumentRef, target: string): boolean {
  if (!URL.canParse(target)) return false;
  const protocol = new URL(target).protocol;
  if (protocol === 'data:' || protocol === 'blob:') return true;
  if (document.type === 'viewer') return protocol === `${PRESENTATION_SCHEME}:`;
  return protocol === 'https:' || protocol === 'wss:';
}
