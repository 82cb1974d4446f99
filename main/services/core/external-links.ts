/**
 * Which external links may leave the app (opened in the system browser, never inside the app): https
 * only, to an allow-list of hosts we cite in guides (ministries, manufacturers, Légifrance…) plus the
 * IT department's help site from the profile. Everything else is dropped.
 */
export const DEFAULT_ALLOWED_HOSTS = [
  'education.gouv.fr',
  'eduscol.education.fr',
  'ac-montpellier.fr',
  'legifrance.gouv.fr',
  'herault.fr',
  'support.microsoft.com',
  'learn.microsoft.com',
  'support.apple.com',
  'help.gnome.org',
  'epson.fr',
  'epson.eu',
  'benq.eu',
  'benq.com',
  'pjlink.jbmia.or.jp',
  'support.google.com',
];

export function isAllowedExternalUrl(raw: string, extraHosts: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return [...DEFAULT_ALLOWED_HOSTS, ...extraHosts.map((h) => h.toLowerCase())].some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
