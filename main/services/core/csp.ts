/**
 * The renderer's Content-Security-Policy. One definition, used by the Electron app protocol
 * (HTTP header), the web preview server (HTTP header) and the built index.html (<meta>).
 * No inline script, no eval, nothing from the network: everything the UI needs ships with the app.
 */
const directives: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' blob:",
  'media-src': "'self' blob:",
  'font-src': "'self'",
  // 'self' also covers the same-origin WebSocket of the web preview.
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'worker-src': "'self' blob:",
};

function serialize(extra: Record<string, string> = {}): string {
  return Object.entries({ ...directives, ...extra })
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** For the <meta> tag (frame-ancestors is ignored there, so it is left out). */
export const CONTENT_SECURITY_POLICY = serialize();

/** For HTTP headers: also forbids framing the app. */
export const CONTENT_SECURITY_POLICY_HEADER = serialize({ 'frame-ancestors': "'none'" });
