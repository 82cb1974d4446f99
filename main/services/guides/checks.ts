import type { CheckId, FixId } from '../../../preload/contract/guide-document';

/**
 * What the diagnostics engine knows about each check, independently of how it is implemented
 * (the implementations come from the projector-control and display services, injected in
 * DiagnosticsEngine). The reasons are the only explanations a check may give: each has a text in
 * assets/i18n/<lang>/diagnostics.json under `check.<check id>.<reason>`.
 */
export interface CheckSpec {
  /** `projector`: run once per projector of the room. `computer`: run once, on this laptop. */
  scope: 'projector' | 'computer';
  /** Checks that must not have failed on the same target for this one to make sense. */
  requires: CheckId[];
  /** Fixes a guide may pair with this check. */
  fixes: FixId[];
  reasons: readonly string[];
}

export const CHECKS: Record<CheckId, CheckSpec> = {
  'projector.reachable': {
    scope: 'projector',
    requires: [],
    fixes: [],
    // ok: answers on the network. unreachable: no answer (off at the wall, network standby off, cable).
    reasons: ['ok', 'unreachable'],
  },
  'pjlink.auth': {
    scope: 'projector',
    requires: ['projector.reachable'],
    fixes: [],
    // ok: our password is accepted. none: no password set. refused: wrong password. missing: one is
    // needed and the profile has none.
    reasons: ['ok', 'none', 'refused', 'missing'],
  },
  'projector.power': {
    scope: 'projector',
    requires: ['projector.reachable', 'pjlink.auth'],
    fixes: ['projector.powerOn'],
    // warming (params: seconds?) and cooling are "warn": nothing is wrong, it takes time.
    reasons: ['on', 'standby', 'warming', 'cooling'],
  },
  'projector.input': {
    scope: 'projector',
    requires: ['projector.reachable', 'pjlink.auth'],
    fixes: ['projector.selectInput'],
    // ok (params: input), wrong (params: current, expected), unknown_expected (we do not know which
    // input the laptop is on: params current), unavailable (the projector does not tell, e.g. standby).
    reasons: ['ok', 'wrong', 'unknown_expected', 'unavailable'],
  },
  'projector.signal': {
    scope: 'projector',
    requires: ['projector.reachable', 'pjlink.auth'],
    fixes: ['projector.selectInput', 'display.duplicate'],
    // ok (params: resolution), none (the input receives no picture), unsupported (class 1 projector).
    reasons: ['ok', 'none', 'unsupported'],
  },
  'projector.mute': {
    scope: 'projector',
    requires: ['projector.reachable', 'pjlink.auth'],
    fixes: ['projector.unmute'],
    reasons: ['off', 'on', 'unavailable'],
  },
  'projector.errors': {
    scope: 'projector',
    requires: ['projector.reachable', 'pjlink.auth'],
    fixes: [],
    // From PJLink ERST: each part is a warning (…_warning, status warn) or an error (…_error, fail).
    reasons: [
      'none',
      'lamp_warning',
      'lamp_error',
      'filter_warning',
      'filter_error',
      'temperature_warning',
      'temperature_error',
      'fan_warning',
      'fan_error',
      'cover_warning',
      'cover_error',
      'other_warning',
      'other_error',
    ],
  },
  'display.external': {
    scope: 'computer',
    requires: [],
    fixes: ['display.duplicate'],
    // duplicate: the projector shows the laptop's screen. extend: another desktop is shown (fix).
    // external_only: the laptop's own screen is off. internal_only: the projector is connected but
    // Windows + P is on « Écran du PC uniquement ». none: no second display detected (cable).
    // unsupported: this OS does not let us read the mode. web_preview (skipped): the web preview runs
    // in a browser tab, which cannot see the laptop's displays.
    reasons: ['duplicate', 'extend', 'external_only', 'internal_only', 'none', 'unsupported', 'web_preview'],
  },
};

/** Reasons every check may give, produced by the engine itself. */
export const ENGINE_REASONS = ['no_projector', 'after_failure', 'timeout', 'crashed', 'not_available', 'unknown_reason', 'cancelled'] as const;
export type EngineReason = (typeof ENGINE_REASONS)[number];

export function isFixAllowed(check: CheckId, fix: FixId): boolean {
  return CHECKS[check].fixes.includes(fix);
}
