/**
 * Every error a teacher may see from projector control: a stable code (`pjlink.<what>`), the guide
 * that helps, and the catalog text in assets/i18n/{fr,en}/errors/pjlink.json. The codes never change
 * once shipped: IT scripts read them from `classe projector … --json`.
 */
import { ServiceError, type GuideId } from '../core/errors';

export const PJLINK_ERRORS = {
  /** No TCP connection (refused, no route, timed out): often standby with the network off. */
  'pjlink.unreachable': 'guide:standby-network',
  /** Connected (or connecting) but no answer in time. */
  'pjlink.timeout': 'guide:standby-network',
  /** The projector closed the connection in the middle of an exchange. */
  'pjlink.connection_lost': 'guide:standby-network',
  /** `PJLINK ERRA`: the password is wrong. */
  'pjlink.auth_failed': 'guide:pjlink-password',
  /** The projector asks for a password and none is known for it. */
  'pjlink.password_required': 'guide:pjlink-password',
  /** ERR1, or a class 2 feature on a class 1 device. */
  'pjlink.unsupported': null,
  /** ERR2 (other than a missing input). */
  'pjlink.invalid_parameter': 'guide:contact-it',
  /** ERR3 that did not go away. */
  'pjlink.unavailable': 'guide:power-lamp',
  /** ERR4 with no component reported by ERST. */
  'pjlink.projector_failure': 'guide:contact-it',
  /** A reply we could not read. */
  'pjlink.bad_reply': 'guide:contact-it',
  /** A request we refuse to build (bad input code typed in the CLI). */
  'pjlink.invalid_request': null,
  /** The service is shutting down. */
  'pjlink.closed': null,
  'pjlink.cancelled': null,
  /** The action needs the projector on (blank, freeze, input). */
  'pjlink.is_off': 'guide:power-lamp',
  'pjlink.warming_up': 'guide:power-lamp',
  'pjlink.cooling_down': 'guide:power-lamp',
  /** Still warming after the longest reasonable time. */
  'pjlink.warmup_timeout': 'guide:power-lamp',
  'pjlink.cooling_timeout': 'guide:power-lamp',
  /** The selected input has no signal (IRES `-`). */
  'pjlink.no_signal': 'guide:no-signal',
  /** The requested input does not exist on this projector (ERR2, not in INST, unknown name). */
  'pjlink.input_not_found': 'guide:choose-source',
  /** "Afficher" needed the teacher to choose an input and nobody answered. */
  'pjlink.no_input_chosen': 'guide:choose-source',
  'pjlink.lamp_error': 'guide:lamp-filter',
  'pjlink.filter_error': 'guide:lamp-filter',
  'pjlink.temperature_error': 'guide:shuts-down',
  'pjlink.fan_error': 'guide:shuts-down',
  'pjlink.cover_open': 'guide:contact-it',
  /** ERST warnings (the projector still works; shown on the device card). */
  'pjlink.lamp_warning': 'guide:lamp-filter',
  'pjlink.filter_warning': 'guide:lamp-filter',
  'pjlink.temperature_warning': 'guide:shuts-down',
  'pjlink.fan_warning': 'guide:shuts-down',
  'pjlink.other_warning': 'guide:contact-it',
} as const satisfies Record<string, GuideId | null>;

export type PjlinkErrorCode = keyof typeof PJLINK_ERRORS;

export function guideFor(code: string): GuideId | undefined {
  return (PJLINK_ERRORS as Record<string, GuideId | null>)[code] ?? undefined;
}

/** A ServiceError with the guide of its code. */
export function pjlinkError(
  code: PjlinkErrorCode,
  opts: { params?: Record<string, string | number>; detail?: string; cause?: unknown } = {},
): ServiceError {
  const guide = guideFor(code);
  return new ServiceError(code, { ...opts, ...(guide ? { guide } : {}) });
}

export function hasCode(e: unknown, ...codes: PjlinkErrorCode[]): boolean {
  return e instanceof ServiceError && (codes as string[]).includes(e.code);
}
