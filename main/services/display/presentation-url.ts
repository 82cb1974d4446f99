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
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { PRESENTATION_HOST, PRESENTATION_SCHEME, VIEWER_PATH } from './presentation-protocol';

export interface WebPagePolicy {
  /** "www.lumni.fr", "*.education.gouv.fr"… Empty: no web page may be presented. */
  allowedHosts: readonly string[];
}

/**
 * Web pages a teacher may present when the IT profile does not list its own (features.presentationSites):
 * public, French, educational (Lumni from France Télévisions and the ministry's sites). Everything
 * else is refused with display.presentation_url_not_allowed.
 */
export const DEFAULT_PRESENTATION_SITES: readonly string[] = ['lumni.fr', '*.lumni.fr', '*.education.gouv.fr'];

/** At most this many site patterns in a profile (a commune lists a handful; this bounds every check). */
export const MAX_PRESENTATION_SITES = 100;
/** A DNS name is at most 253 characters, plus "*.". */
export const MAX_SITE_PATTERN_LENGTH = 255;

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Is `value` an allow-list entry hostMatches() understands: a host name ("www.lumni.fr", "école.fr")
 * or "*." followed by a host name ("*.lumni.fr", its subdomains)? No scheme, port, path or IP address
 * (an https page is served under a name), and no wildcard over a whole top-level domain ("*.fr").
 */
export function isSitePattern(value: string): boolean {
  if (value.length === 0 || value.length > MAX_SITE_PATTERN_LENGTH || value !== value.trim()) return false;
  const wildcard = value.startsWith('*.');
  const base = wildcard ? value.slice(2) : value;
  // A scheme, port, path, query, credentials or a second wildcard: the URL parser would quietly drop or
  // reinterpret them, so they are refused here rather than matched in a surprising way.
  if (/[\s/\\:?#@*%[\]]/.test(base)) return false;
  if (isIP(base) !== 0 || /^[\d.]+$/.test(base)) return false;
  // IDN ("école.fr") → punycode, as the URL parser gives hosts to hostMatches().
  const ascii = domainToASCII(base).replace(/\.$/, '');
  if (ascii.length === 0 || ascii.length > 253) return false;
  const labels = ascii.split('.');
  if (!labels.every((l) => DNS_LABEL.test(l))) return false;
  return !wildcard || labels.length >= 2;
}

/**
 * The allow-list in force, read at every check (start, navigation, redirect) so that a profile reloaded
 * while the app runs applies at once. `sites()` null: no profile says anything, the defaults apply.
 */
export function webPolicyFromSites(sites: () => readonly string[] | null | undefined): () => WebPagePolicy {
  return () => ({ allowedHosts: sites() ?? DEFAULT_PRESENTATION_SITES });
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
