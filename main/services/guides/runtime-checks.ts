import type { CheckImplementation, CheckRegistry, FixRegistry } from './diagnostics';

/**
 * The checks the host provides itself, before any integration registers the real ones.
 *
 * In the web preview the page is a browser tab: it cannot see which displays are connected to the
 * laptop nor how Windows + P is set, and the preview must not pretend it knows. `display.external`
 * is therefore « non vérifié » there, with an explanation that sends the teacher to Windows + P,
 * instead of the engine's generic « non disponible ». In the app and the CLI nothing is registered
 * here: the display service registers `display.external` and `display.duplicate`.
 */
export const webPreviewDisplayCheck: CheckImplementation = {
  run: async () => ({ status: 'skipped', reason: 'web_preview' }),
};

export function runtimeChecks(runtime: 'electron' | 'web' | 'cli'): { checks: CheckRegistry; fixes: FixRegistry } {
  return runtime === 'web' ? { checks: { 'display.external': webPreviewDisplayCheck }, fixes: {} } : { checks: {}, fixes: {} };
}
