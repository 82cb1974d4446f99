/**
 * The diagnostic report for IT ("Copier le rapport pour le service informatique", `classe report`).
 * Built and scrubbed of every secret in main (main/services/report); the schema lives here because the
 * renderer receives it too.
 */
import { z } from 'zod';
import { channel, LIMITS, NoInput } from './common';
import { ProfileStatus } from './profiles';

export const REPORT_VERSION = 1;

export const DeviceErrorEntry = z.strictObject({
  code: z.string().max(LIMITS.id),
  /** ISO time. */
  at: z.string().max(64),
  detail: z.string().max(LIMITS.text).nullable(),
});
export type DeviceErrorEntry = z.infer<typeof DeviceErrorEntry>;

export const DiagnosticReport = z.strictObject({
  reportVersion: z.literal(REPORT_VERSION),
  createdAt: z.string().max(64),
  app: z.strictObject({
    name: z.string().max(LIMITS.name),
    version: z.string().max(64),
    runtime: z.enum(['electron', 'web', 'cli']),
    node: z.string().max(64),
    electron: z.string().max(64).nullable(),
  }),
  os: z.strictObject({ platform: z.string().max(32), release: z.string().max(128), arch: z.string().max(32), locale: z.string().max(64) }),
  /** Interface names and IPv4 addresses ("10.0.0.5/24") only: no MAC, no IPv6. */
  network: z.array(z.strictObject({ name: z.string().max(LIMITS.name), ipv4: z.array(z.string().max(64)).max(32) })).max(64),
  profile: ProfileStatus.nullable(),
  room: z.strictObject({ id: z.string().max(LIMITS.id), name: z.string().max(LIMITS.name) }).nullable(),
  devices: z
    .array(
      z.strictObject({
        id: z.string().max(LIMITS.id),
        name: z.string().max(LIMITS.name),
        kind: z.string().max(64),
        room: z.string().max(LIMITS.id).nullable(),
        host: z.string().max(LIMITS.host).nullable(),
        addresses: z.array(z.string().max(64)).max(16),
        capabilities: z.array(z.string().max(32)).max(8),
        sources: z.array(z.string().max(32)).max(8),
        reachability: z.string().max(32),
        lastSeen: z.string().max(64).nullable(),
        inInventory: z.boolean(),
        lastErrors: z.array(DeviceErrorEntry).max(10),
      }),
    )
    .max(LIMITS.list),
  log: z.array(z.strictObject({ time: z.string().max(64), level: z.string().max(16), scope: z.string().max(LIMITS.id), message: z.string().max(LIMITS.text) })).max(1000),
  /** How many secret values were masked (IT sees that masking happened, never what). */
  masked: z.int().nonnegative(),
});
export type DiagnosticReport = z.infer<typeof DiagnosticReport>;

export const reportChannels = {
  /** The report in the UI's language: `text` for the clipboard, `json` for tools. */
  'report.get': channel(NoInput, z.strictObject({ text: z.string().max(LIMITS.file), json: DiagnosticReport }), [undefined]),
};
