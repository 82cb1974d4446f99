import { z } from 'zod';
import { channel, ErrorInfo, LIMITS, NoInput } from './common';
import { FileId, FileKind } from './files';
import { DeviceKind } from './devices';

/**
 * Casting a chosen file to a Google Cast or DLNA screen of the registry, and « Projeter sans fil »
 * (Miracast / AirPlay mirroring, which is the operating system's job: the app opens its flow).
 * Screens are addressed by their registry device id; hosts and URLs stay in main.
 */
const DeviceId = z.string().min(1).max(LIMITS.id);
export const CastProtocol = z.enum(['googlecast', 'dlna']);
export type CastProtocol = z.infer<typeof CastProtocol>;

export const CastState = z.enum(['loading', 'playing', 'paused', 'buffering', 'stopped', 'error']);
export type CastState = z.infer<typeof CastState>;

export const CastEndReason = z.enum(['stopped', 'finished', 'replaced', 'taken-over', 'receiver-lost', 'failed', 'disposed']);

export const CastStatusView = z.strictObject({
  castId: z.string().max(LIMITS.id),
  /** The screen (registry device id). */
  deviceId: DeviceId,
  targetName: z.string().max(LIMITS.name),
  protocol: CastProtocol,
  file: z.strictObject({ name: z.string().max(LIMITS.name), kind: FileKind, mime: z.string().max(100), size: z.number().int().nonnegative() }),
  state: CastState,
  /** Seconds, when the screen told us. */
  position: z.number().nonnegative().nullable(),
  duration: z.number().nonnegative().nullable(),
  /** PDF: the page shown, 1-based, and the page count. */
  page: z.strictObject({ number: z.number().int().min(1), count: z.number().int().min(1) }).nullable(),
  error: ErrorInfo.nullable(),
  endReason: CastEndReason.nullable(),
  updatedAt: z.number(),
});
export type CastStatusView = z.infer<typeof CastStatusView>;

export const CastReceiver = z.strictObject({
  deviceId: DeviceId,
  name: z.string().max(LIMITS.name),
  kind: DeviceKind,
  room: z.string().max(LIMITS.id).nullable(),
  /** Google Cast first when a screen speaks both. */
  protocols: z.array(CastProtocol).min(1).max(2),
  /** Google Cast TXT st=1: someone is casting there. */
  busy: z.boolean(),
});
export type CastReceiver = z.infer<typeof CastReceiver>;

export const WirelessProtocol = z.enum(['miracast', 'airplay']);
export const WirelessReceiver = z.strictObject({
  deviceId: DeviceId,
  name: z.string().max(LIMITS.name),
  kind: DeviceKind,
  room: z.string().max(LIMITS.id).nullable(),
  protocols: z.array(WirelessProtocol).min(1).max(2),
});
export type WirelessReceiver = z.infer<typeof WirelessReceiver>;

export const CastTargets = z.strictObject({
  receivers: z.array(CastReceiver).max(1000),
  wireless: z.array(WirelessReceiver).max(1000),
});
export type CastTargets = z.infer<typeof CastTargets>;

export const CastStart = z.strictObject({
  fileId: FileId,
  deviceId: DeviceId,
  /** PDF: first page, 1-based. */
  page: z.number().int().min(1).max(100_000).optional(),
  /** Replace what another app shows there (the teacher confirmed « Prendre la main »). */
  takeOver: z.boolean().optional(),
  /** Force a protocol when the screen speaks both. */
  protocol: CastProtocol.optional(),
});
export type CastStart = z.infer<typeof CastStart>;

export const CastCommand = z.enum(['pause', 'resume', 'stop', 'seek', 'nextPage', 'previousPage', 'refresh']);
export type CastCommand = z.infer<typeof CastCommand>;

export const CastControl = z.strictObject({
  castId: z.string().min(1).max(LIMITS.id),
  command: CastCommand,
  /** seek: where to go, in seconds. */
  seconds: z.number().min(0).max(1_000_000).optional(),
});
export type CastControl = z.infer<typeof CastControl>;

export const WirelessOpened = z.strictObject({
  deviceId: DeviceId,
  /** The screen's name, to pick it in the system's list. */
  name: z.string().max(LIMITS.name),
  protocol: WirelessProtocol,
  /** What the app did: the Windows « Connecter » panel (Win+K), the Mac's Displays settings, or only the guide. */
  method: z.enum(['windows-connect', 'macos-displays', 'guide']),
  /** The system's window was opened (false: the teacher follows the instructions). */
  opened: z.boolean(),
  guide: z.literal('guide:wireless'),
});
export type WirelessOpened = z.infer<typeof WirelessOpened>;

export const castChannels = {
  'cast.targets': channel(NoInput, CastTargets, [undefined]),
  'cast.start': channel(CastStart, CastStatusView, [
    { fileId: 'AbCdEfGhIjKlMnOpQrStUv', deviceId: 'inv:demo-screen' },
    { fileId: 'AbCdEfGhIjKlMnOpQrStUv', deviceId: 'cast:1234', page: 2, takeOver: true, protocol: 'googlecast' },
  ]),
  'cast.control': channel(CastControl, CastStatusView, [
    { castId: 'c1', command: 'pause' },
    { castId: 'c1', command: 'seek', seconds: 30 },
  ]),
  'cast.list': channel(NoInput, z.array(CastStatusView).max(100), [undefined]),
  /** « Projeter sans fil »: opens the system's mirroring flow with the screen's name. */
  'wireless.open': channel(z.strictObject({ deviceId: DeviceId }), WirelessOpened, [{ deviceId: 'airplay:AA:BB' }]),
};

export const castEvents = {
  'cast.status': CastStatusView,
};
