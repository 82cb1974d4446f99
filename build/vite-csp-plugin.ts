import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../main/services/core/csp';

/**
 * Adds the Content-Security-Policy <meta> to the built index.html. It is only added to production
 * builds: the dev server needs React Fast Refresh's inline preamble. The same policy is also sent as
 * an HTTP header by the app protocol (Electron) and by the web preview server, so the meta tag is
 * defence in depth, not the only line.
 */
export function cspPlugin(): Plugin {
  return {
    name: 'classe-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}
