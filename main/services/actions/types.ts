/**
 * One-click projector actions: requests, progress and outcomes. Plain JSON shapes, so that the host can
 * forward them to the contract unchanged. Step names are catalog keys: `actions:step.<step>`.
 */
import type { ErrorInfo } from '../core/errors';
import type { PjlinkClass, PowerState } from '../pjlink/codec';
import type { PjlinkInput } from '../pjlink/client';

export const ACTION_KINDS = ['show', 'on', 'off', 'blank', 'unblank', 'freeze', 'unfreeze', 'select-input', 'volume'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STEPS = [
  'connecting',
  'waiting_cooling',
  'powering_on',
  'warming_up',
  'warming_up_late',
  'display_mode',
  'listing_inputs',
  'searching_signal',
  'needs_input',
  'selecting_input',
  'unmuting',
  'blanking',
  'unblanking',
  'freezing',
  'unfreezing',
  'powering_off',
  'cooling',
  'volume',
  'done',
  'failed',
  'cancelled',
] as const;
export type ActionStep = (typeof ACTION_STEPS)[number];

/** Which projector, and what the caller knows about it (registry, IT profile). */
export interface ProjectorRef {
  host: string;
  port?: number | null;
  /** Stable id for remembering choices (the registry's device id); default host:port. */
  deviceId?: string | null;
  pjlinkClass?: PjlinkClass | null;
  /** Profile's input for "Afficher": a code ("31") or a name ("HDMI 1"). */
  preferredInput?: string | null;
  /** The device's usual warm-up / cooling, if the profile knows it. */
  typicalWarmupMs?: number | null;
  typicalCoolingMs?: number | null;
}

/** Asked once when "Afficher" cannot tell which input is the laptop's; null = no answer. */
export type InputChooser = (choices: PjlinkInput[], signal: AbortSignal) => Promise<string | null>;

export type ActionRequest =
  | { kind: 'show'; projector: ProjectorRef; chooseInput?: InputChooser }
  | { kind: 'on'; projector: ProjectorRef }
  | { kind: 'off'; projector: ProjectorRef; /** Follow the cooling to standby (default true). */ waitForCooling?: boolean }
  | { kind: 'blank' | 'unblank' | 'freeze' | 'unfreeze'; projector: ProjectorRef }
  | { kind: 'select-input'; projector: ProjectorRef; /** Code or name. */ input: string }
  | { kind: 'volume'; projector: ProjectorRef; direction: 'up' | 'down'; steps?: number };

export interface ActionProgress {
  actionId: string;
  kind: ActionKind;
  /** host:port */
  deviceKey: string;
  step: ActionStep;
  /** i18n key of the step text, e.g. "actions:step.warming_up". */
  stepKey: `actions:step.${ActionStep}`;
  /** Interpolation values: remainingSeconds, elapsedSeconds, totalSeconds, input… */
  params: Record<string, string | number>;
  /** 0..1 estimate of the whole action, null when unknown. */
  progress: number | null;
  /** For `needs_input`: the inputs to choose from. */
  choices?: PjlinkInput[];
  /** Power as last read, when known. */
  power?: PowerState | null;
}

export interface ActionOutcome {
  actionId: string;
  kind: ActionKind;
  deviceKey: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  error: ErrorInfo | null;
  /** Succeeded, but something deserves a look (e.g. `pjlink.no_signal` after "Afficher"). */
  warnings: ErrorInfo[];
  /** show/select-input: the input now selected; off: see otherInputInUse from checkPowerOff. */
  input: string | null;
  durationMs: number;
}

export interface PowerOffCheck {
  power: PowerState;
  /** Current input (null in standby). */
  input: string | null;
  inputName: string | null;
  /** The laptop's input (profile or remembered), null if unknown. */
  laptopInput: string | null;
  /** true: another source than the laptop's is shown (confirm before switching off); null: unknown. */
  otherInputInUse: boolean | null;
}
