import { z } from 'zod';
import { channel, ErrorInfo, LIMITS, NoInput } from './common';

/**
 * Projector control: status (polled + PJLink class 2 notifications), inputs, and the one-click actions
 * with their progress. Devices are addressed by their registry id; hosts and passwords stay in main.
 */
const DeviceId = z.string().min(1).max(LIMITS.id);

export const PowerState = z.enum(['standby', 'on', 'cooling', 'warming']);
export type PowerState = z.infer<typeof PowerState>;
export const ErrorLevel = z.enum(['ok', 'warning', 'error']);
export const ErrorComponent = z.enum(['fan', 'lamp', 'temperature', 'cover', 'filter', 'other']);

export const ProjectorInput = z.strictObject({
  /** PJLink code, e.g. "31". */
  code: z.string().regex(/^[1-6][1-9A-Z]$/),
  type: z.enum(['rgb', 'video', 'digital', 'storage', 'network', 'internal']),
  number: z.string().max(2),
  /** Catalog key of the type name: `pjlink:input_type.digital` → "HDMI {{number}}". */
  typeKey: z.string().max(LIMITS.id),
  /** The projector's own name (INNM, class 2), sanitized; null → show the type name. */
  name: z.string().max(LIMITS.name).nullable(),
});
export type ProjectorInput = z.infer<typeof ProjectorInput>;

export const ComponentAlert = z.strictObject({
  component: ErrorComponent,
  level: z.enum(['warning', 'error']),
  code: z.string().max(LIMITS.id),
  guide: z.string().max(LIMITS.id).optional(),
});
export type ComponentAlert = z.infer<typeof ComponentAlert>;

export const ProjectorStatus = z.strictObject({
  deviceId: DeviceId,
  /** null until the first poll; false when the projector does not answer (see `problem`). */
  reachable: z.boolean().nullable(),
  problem: z.strictObject({ code: z.string().max(LIMITS.id), guide: z.string().max(LIMITS.id).optional() }).nullable(),
  pjlinkClass: z.union([z.literal(1), z.literal(2)]).nullable(),
  power: PowerState.nullable(),
  input: z.string().max(4).nullable(),
  mute: z.strictObject({ video: z.boolean(), audio: z.boolean() }).nullable(),
  freeze: z.boolean().nullable(),
  alerts: z.array(ComponentAlert).max(6),
  lampHours: z.number().int().nonnegative().nullable(),
  hasLamp: z.boolean().nullable(),
  filterHours: z.number().int().nonnegative().nullable(),
  /** IRES of the current input: 'none' = « pas de signal ». */
  signal: z.enum(['ok', 'none', 'unknown']).nullable(),
  resolution: z.strictObject({ width: z.number().int(), height: z.number().int() }).nullable(),
  updatedAt: z.number().nullable(),
});
export type ProjectorStatus = z.infer<typeof ProjectorStatus>;

export const ActionKind = z.enum(['show', 'on', 'off', 'blank', 'unblank', 'freeze', 'unfreeze', 'select-input', 'volume']);
export type ActionKind = z.infer<typeof ActionKind>;

export const ActionStart = z.discriminatedUnion('kind', [
  z.strictObject({ deviceId: DeviceId, kind: z.enum(['show', 'on', 'off', 'blank', 'unblank', 'freeze', 'unfreeze']) }),
  z.strictObject({ deviceId: DeviceId, kind: z.literal('select-input'), input: z.string().min(1).max(64) }),
  z.strictObject({ deviceId: DeviceId, kind: z.literal('volume'), direction: z.enum(['up', 'down']) }),
]);
export type ActionStart = z.infer<typeof ActionStart>;

export const ActionProgress = z.strictObject({
  actionId: z.string().max(LIMITS.id),
  deviceId: DeviceId,
  kind: ActionKind,
  step: z.string().max(64),
  /** `actions:step.<step>` */
  stepKey: z.string().max(LIMITS.id),
  params: z.record(z.string().max(64), z.union([z.string().max(LIMITS.text), z.number()])),
  progress: z.number().min(0).max(1).nullable(),
  /** For the `needs_input` step: the inputs the teacher chooses from. */
  choices: z.array(ProjectorInput).max(64).optional(),
  power: PowerState.nullable().optional(),
});
export type ActionProgress = z.infer<typeof ActionProgress>;

export const ActionDone = z.strictObject({
  actionId: z.string().max(LIMITS.id),
  deviceId: DeviceId,
  kind: ActionKind,
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  error: ErrorInfo.nullable(),
  warnings: z.array(ErrorInfo).max(10),
  input: z.string().max(4).nullable(),
  durationMs: z.number().nonnegative(),
});
export type ActionDone = z.infer<typeof ActionDone>;

export const PowerOffCheck = z.strictObject({
  power: PowerState,
  input: z.string().max(4).nullable(),
  inputName: z.string().max(LIMITS.name).nullable(),
  /** Another source than the laptop's is on screen: ask before switching off. */
  otherSourceInUse: z.boolean(),
  /** The teacher asked to always confirm (Réglages). */
  confirm: z.boolean(),
});
export type PowerOffCheck = z.infer<typeof PowerOffCheck>;

/** What a trainer can inject into a demo device (labels: `simulator:fault.<id>`). */
export const DemoFault = z.enum(['lamp-warning', 'lamp-error', 'overheat', 'fan', 'filter', 'cover', 'no-signal', 'unplug-network', 'wrong-password', 'greet-then-silent', 'standby-wrong-input-muted', 'clear']);
export type DemoFault = z.infer<typeof DemoFault>;

export const projectorChannels = {
  'projector.status': channel(z.strictObject({ deviceId: DeviceId }), ProjectorStatus.nullable(), [{ deviceId: 'demo-projector' }]),
  'projector.inputs': channel(z.strictObject({ deviceId: DeviceId }), z.array(ProjectorInput).max(64), [{ deviceId: 'demo-projector' }]),
  'projector.refresh': channel(z.strictObject({ deviceId: DeviceId }), ProjectorStatus.nullable(), [{ deviceId: 'demo-projector' }]),
  'projector.checkPowerOff': channel(z.strictObject({ deviceId: DeviceId }), PowerOffCheck, [{ deviceId: 'demo-projector' }]),
  'actions.start': channel(ActionStart, z.strictObject({ actionId: z.string().max(LIMITS.id) }), [
    { deviceId: 'demo-projector', kind: 'show' },
    { deviceId: 'demo-projector', kind: 'select-input', input: 'HDMI 1' },
    { deviceId: 'demo-projector', kind: 'volume', direction: 'up' },
  ]),
  'actions.cancel': channel(z.strictObject({ actionId: z.string().min(1).max(LIMITS.id) }), z.strictObject({ cancelled: z.boolean() }), [{ actionId: 'a1' }]),
  'actions.provideInput': channel(
    z.strictObject({ actionId: z.string().min(1).max(LIMITS.id), input: z.string().min(1).max(64) }),
    z.strictObject({ accepted: z.boolean() }),
    [{ actionId: 'a1', input: '31' }],
  ),
  /** Trainer panel of the demo classroom. */
  'demo.fault': channel(z.strictObject({ deviceId: DeviceId, fault: DemoFault }), z.strictObject({ applied: z.boolean() }), [{ deviceId: 'inv:demo-projector', fault: 'lamp-error' }]),
  'demo.state': channel(NoInput, z.strictObject({ enabled: z.boolean() }), [undefined]),
};

export const projectorEvents = {
  'projector.status': ProjectorStatus,
  'actions.progress': ActionProgress,
  'actions.done': ActionDone,
  'demo.state': z.strictObject({ enabled: z.boolean() }),
};
