/**
 * App-wide security rules (Electron security checklist; see docs/security.md for the item-by-item map).
 * Applied to every WebContents the app creates, including ones we did not expect.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../services/core/external-links';
import type { Logger } from '../services/core/logger';

export function isAppNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  try {
    const u = new URL(url);
    const origin = u.origin === 'null' ? `${u.protocol}//${u.host}` : u.origin;
    return allowedOrigins.includes(origin);
  } catch {
    return false;
  }
}

/**
 * Deny every permission (camera, microphone, notifications, geolocation, HID, serial…) by default. The
 * one exception is full screen for our own page's main frame: the guides' workshop mode presents a
 * guide full screen on the projector.
 */
export function lockDownSession(s: Session, logger: Logger, allowedOrigins: readonly string[] = []): void {
  s.setPermissionRequestHandler((wc, permission, callback, details) => {
    const origin = details?.requestingUrl ?? wc?.getURL?.() ?? '';
    if (permission === 'fullscreen' && details?.isMainFrame !== false && isAppNavigation(origin, allowedOrigins)) return callback(true);
    logger.warn(`permission request denied: ${permission}`);
    callback(false);
  });
  s.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permission === 'fullscreen' && isAppNavigation(requestingOrigin, allowedOrigins));
  s.setDevicePermissionHandler(() => false);
}

export function applyContentsRules(contents: WebContents, allowedOrigins: readonly string[], extraLinkHosts: () => readonly string[], logger: Logger): void {
  // New windows: never inside the app; allow-listed https links go to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, extraLinkHosts())) void shell.openExternal(url);
    else logger.warn(`blocked window.open to ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  // Navigation away from the app is blocked (links to allow-listed sites open in the browser).
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isAppNavigation(url, allowedOrigins)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(url, extraLinkHosts())) void shell.openExternal(url);
    else logger.warn(`blocked navigation to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppNavigation(event.url, allowedOrigins)) event.preventDefault();
  });
  // No <webview>.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function applyAppSecurity(
  allowedOrigins: readonly string[],
  extraLinkHosts: () => readonly string[],
  logger: Logger,
  options: { exempt?: (contents: WebContents) => boolean } = {},
): void {
  app.on('web-contents-created', (_event, contents) => {
    // The presentation window has its own, document-specific locks (presentation-security.ts): the
    // app-wide rules would block the allowed web page's own redirects and same-page navigation.
    if (options.exempt?.(contents)) return;
    applyContentsRules(contents, allowedOrigins, extraLinkHosts, logger);
  });
  lockDownSession(session.defaultSession, logger, allowedOrigins);
}
