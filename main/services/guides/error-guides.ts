import type { GuideId } from '../core/errors';

/**
 * Error code → the guide (and the step) that helps. When an action fails or a device reports an
 * error, the renderer opens `guide:<id>#<anchor>` at that step instead of the top of the guide.
 *
 * Resolution order (guideForError):
 *  1. an exact code below (these carry a step anchor; the content test checks every anchor exists
 *     in both languages);
 *  2. the guide the ServiceError itself names (`guide: 'guide:…'`), at its top;
 *  3. the default of the code's domain (`pjlink.`, `cast.`…);
 *  4. « Qui contacter ? ».
 * A test scans main/ for every `new ServiceError('<code>'` and fails when a domain has no default
 * here, so a new domain cannot ship without a guide.
 */
export interface ErrorGuideTarget {
  guide: GuideId;
  /** A step or heading anchor of that guide, or null for its top. */
  anchor: string | null;
}

const at = (id: string, anchor: string | null = null): ErrorGuideTarget => ({ guide: `guide:${id}`, anchor });

/** Exact codes raised (or planned) by the projector-control, display, casting and discovery services. */
export const ERROR_GUIDES: Readonly<Record<string, ErrorGuideTarget>> = {
  // PJLink: authentication (PJLINK ERRA) and the profile's password.
  'pjlink.auth_failed': at('pjlink-password', 'profile'),
  'pjlink.auth_required': at('pjlink-password', 'profile'),
  'pjlink.password_missing': at('pjlink-password', 'profile'),
  // PJLink: the projector does not answer (off at the wall, network off in standby, wrong address).
  'pjlink.unreachable': at('standby-network', 'enable-network-standby'),
  'pjlink.timeout': at('standby-network', 'enable-network-standby'),
  'pjlink.connection_refused': at('standby-network', 'power-and-cable'),
  'pjlink.connection_lost': at('standby-network', 'power-and-cable'),
  'pjlink.busy': at('pjlink-password', 'one-client'),
  // PJLink error replies: ERR3 (unavailable now: warm-up, cooling), ERR4 (projector failure),
  // ERR1/ERR2 (command or parameter the model does not support).
  'pjlink.unavailable': at('power-lamp', 'warm-up'),
  'pjlink.projector_failure': at('shuts-down', 'lights'),
  'pjlink.undefined_command': at('contact-it', 'note'),
  'pjlink.out_of_parameter': at('contact-it', 'note'),
  'pjlink.protocol': at('contact-it', 'note'),
  // One-click actions (« Afficher mon écran », « Masquer », « Éteindre »…).
  'actions.power_on_failed': at('power-lamp', 'power-on'),
  'actions.power_off_failed': at('power-lamp', 'power-off'),
  'actions.warming_up': at('power-lamp', 'warm-up'),
  'actions.cooling': at('power-lamp', 'cooling'),
  'actions.input_failed': at('choose-source', 'source-button'),
  'actions.input_not_found': at('choose-source', 'find-port'),
  'actions.mute_failed': at('no-signal', 'mute'),
  'actions.freeze_failed': at('no-signal', 'mute'),
  'actions.no_projector': at('contact-it', 'call'),
  'actions.display_failed': at('display-mode', 'win-p'),
  'actions.cancelled': at('no-signal'),
  // The laptop's displays.
  'display.no_external': at('no-signal', 'cable'),
  'display.mode_failed': at('display-mode', 'win-p'),
  'display.unsupported': at('display-mode', 'windows'),
  // Casting to Google Cast / DLNA screens.
  'cast.unreachable': at('cast-failed', 'same-network'),
  'cast.not_found': at('cast-failed', 'screen-on'),
  'cast.busy': at('cast-failed', 'busy'),
  'cast.load_failed': at('cast-failed', 'format'),
  'cast.unsupported_format': at('cast-failed', 'format'),
  'cast.media_server_failed': at('cast-failed', 'firewall'),
  'cast.receiver_cannot_fetch': at('cast-failed', 'firewall'),
  'cast.timeout': at('cast-failed', 'same-network'),
  // Discovery.
  'discovery.none_found': at('standby-network', 'symptom'),
  'discovery.no_network': at('wifi-off', 'switch-on'),
  'discovery.probe_forbidden': at('contact-it', 'call'),
};

/** Default guide of each error domain. */
export const DOMAIN_GUIDES: Readonly<Record<string, ErrorGuideTarget>> = {
  pjlink: at('no-signal'),
  actions: at('no-signal'),
  display: at('display-mode'),
  cast: at('cast-failed'),
  discovery: at('standby-network'),
  devices: at('contact-it'),
  profiles: at('contact-it', 'call'),
  settings: at('contact-it', 'call'),
  secrets: at('contact-it', 'call'),
  demo: at('contact-it'),
  cli: at('contact-it'),
  contract: at('contact-it', 'note'),
  guides: at('contact-it'),
  app: at('contact-it', 'note'),
};

export const FALLBACK_GUIDE: ErrorGuideTarget = at('contact-it');

export function guideForError(code: string, declared?: GuideId | null): ErrorGuideTarget {
  const exact = ERROR_GUIDES[code];
  if (exact) return exact;
  if (declared && /^guide:[a-z0-9-]+$/.test(declared)) return { guide: declared, anchor: null };
  const domain = code.split('.')[0] ?? '';
  return DOMAIN_GUIDES[domain] ?? FALLBACK_GUIDE;
}

/** `guide:<id>#<anchor>` (or `guide:<id>`): the link form the renderer opens. */
export function guideLinkForError(code: string, declared?: GuideId | null): string {
  const target = guideForError(code, declared);
  return target.anchor ? `${target.guide}#${target.anchor}` : target.guide;
}
