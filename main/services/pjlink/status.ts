/**
 * A projector's status as the app shows it, and the alerts derived from ERST (each with its code and
 * guide), shared by the poller, the notifications, the actions and the CLI.
 */
import type { ErrorInfo } from '../core/errors';
import { ERROR_COMPONENTS, type ErrorComponent, type ErrorLevel, type ErrorStatus, type LampInfo, type MuteState, type PjlinkClass, type PowerState, type Resolution } from './codec';
import type { PjlinkTarget } from './connection';
import { guideFor } from './errors';

export interface ProjectorStatus {
  /** "host:port" (see targetKey). */
  key: string;
  target: PjlinkTarget;
  /** null until the first poll. false: no connection (see `problem`). */
  reachable: boolean | null;
  /** Why the status could not be read (unreachable, timeout, auth_failed, password_required…), else null. */
  problem: Pick<ErrorInfo, 'code' | 'guide'> | null;
  pjlinkClass: PjlinkClass | null;
  power: PowerState | null;
  /**
   * Current input code; in standby the stored one when the projector tells it (many do, others
   * answer ERR3); null when unknown.
   */
  input: string | null;
  /** AV mute; in standby only when the projector tells it (as `input`). */
  mute: MuteState | null;
  /** Class 2 only. */
  freeze: boolean | null;
  errors: ErrorStatus | null;
  /** LAMP; null when unknown or the device has no lamp (`hasLamp` false). */
  lamps: LampInfo[] | null;
  hasLamp: boolean | null;
  /** FILT (class 2); null when unknown or no filter. */
  filterHours: number | null;
  /** IRES (class 2) of the current input: 'no-signal' for `-`. */
  resolution: Resolution | null;
  /** Epoch ms of the last successful read. */
  updatedAt: number | null;
}

export function emptyStatus(key: string, target: PjlinkTarget): ProjectorStatus {
  return {
    key,
    target: { ...target },
    reachable: null,
    problem: null,
    pjlinkClass: null,
    power: null,
    input: null,
    mute: null,
    freeze: null,
    errors: null,
    lamps: null,
    hasLamp: null,
    filterHours: null,
    resolution: null,
    updatedAt: null,
  };
}

/** The fields whose value differs (updatedAt is not a change). */
export function changedFields(before: ProjectorStatus, after: ProjectorStatus): (keyof ProjectorStatus)[] {
  const out: (keyof ProjectorStatus)[] = [];
  for (const key of Object.keys(after) as (keyof ProjectorStatus)[]) {
    if (key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out.push(key);
  }
  return out;
}

export interface ComponentAlert extends Pick<ErrorInfo, 'code' | 'guide'> {
  component: ErrorComponent;
  level: Exclude<ErrorLevel, 'ok'>;
}

const ALERT_CODES: Record<ErrorComponent, Record<'warning' | 'error', string>> = {
  fan: { warning: 'pjlink.fan_warning', error: 'pjlink.fan_error' },
  lamp: { warning: 'pjlink.lamp_warning', error: 'pjlink.lamp_error' },
  temperature: { warning: 'pjlink.temperature_warning', error: 'pjlink.temperature_error' },
  cover: { warning: 'pjlink.cover_open', error: 'pjlink.cover_open' },
  filter: { warning: 'pjlink.filter_warning', error: 'pjlink.filter_error' },
  other: { warning: 'pjlink.other_warning', error: 'pjlink.projector_failure' },
};

/** ERST → the alerts to show, errors first, each with its message code and guide. */
export function componentAlerts(errors: ErrorStatus | null): ComponentAlert[] {
  if (!errors) return [];
  const out: ComponentAlert[] = [];
  for (const level of ['error', 'warning'] as const) {
    for (const component of ERROR_COMPONENTS) {
      if (errors[component] !== level) continue;
      const code = ALERT_CODES[component][level];
      const guide = guideFor(code);
      out.push({ component, level, code, ...(guide ? { guide } : {}) });
    }
  }
  return out;
}

/** The most useful error to report when a projector refuses to power on (ERR4): from ERST, else generic. */
export function powerFailureCode(errors: ErrorStatus | null): string {
  const first = componentAlerts(errors).find((a) => a.level === 'error') ?? componentAlerts(errors)[0];
  return first ? first.code : 'pjlink.projector_failure';
}
