/**
 * The app's own scheme, `app://classe/…`, instead of file://: the page has a real origin (so the IPC
 * sender check and the CSP mean something), and only files of the built renderer can be loaded.
 */
import { protocol, net } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveStaticPath, SECURITY_HEADERS } from '../web/static';
import { PRESENTATION_SCHEME_PRIVILEGES } from '../services/display/presentation-protocol';

export const APP_SCHEME = 'app';
export const APP_HOST = 'classe';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** The app's own scheme's privileges. */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } } as const;

/**
 * Must run before app 'ready', once: Electron keeps only the last `registerSchemesAsPrivileged` call,
 * so every scheme of the app is in this one list (the app's page, and the presentation viewer's
 * `classe-present:` that the presentation window's own session serves).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, PRESENTATION_SCHEME_PRIVILEGES]);
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response(null, { status: 404 });
    const path = resolveStaticPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!path) return new Response(null, { status: 400 });
    const response = await net.fetch(pathToFileURL(path).toString()).catch(() => null);
    if (!response || !response.ok) return new Response(null, { status: 404 });
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
    return new Response(response.body, { status: 200, headers });
  });
}
