import { z } from 'zod';
import { channel, NoInput, LIMITS } from './common';

export const AppInfo = z.strictObject({
  name: z.string().max(LIMITS.name),
  version: z.string().max(64),
  runtime: z.enum(['electron', 'web', 'cli']),
  platform: z.string().max(32),
  arch: z.string().max(32),
  node: z.string().max(64),
  electron: z.string().max(64).nullable(),
  locale: z.string().max(64),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const HealthCheck = z.strictObject({
  id: z.string().max(LIMITS.id),
  ok: z.boolean(),
  detail: z.string().max(LIMITS.text).optional(),
});
export const Health = z.strictObject({
  ok: z.boolean(),
  uptimeSeconds: z.number().nonnegative(),
  checks: z.array(HealthCheck).max(100),
});
export type Health = z.infer<typeof Health>;

/** A message from main for the teacher (toast/banner): a catalog key, never free text. */
export const Notice = z.strictObject({
  id: z.string().max(LIMITS.id),
  level: z.enum(['info', 'success', 'warning', 'error']),
  code: z.string().max(LIMITS.id),
  params: z.record(z.string().max(LIMITS.id), z.union([z.string().max(LIMITS.text), z.number()])).optional(),
  guide: z.string().max(LIMITS.id).optional(),
});
export type Notice = z.infer<typeof Notice>;

export const appChannels = {
  'app.info': channel(NoInput, AppInfo, [undefined]),
  'app.health': channel(NoInput, Health, [undefined]),
  /** « Imprimer la fiche mémo » in the app: the page as an A4 PDF (printToPDF) saved where the teacher chooses. */
  'app.savePdf': channel(
    z.strictObject({ fileName: z.string().min(1).max(120).regex(/^[^/\\:*?"<>|\u0000-\u001f]+\.pdf$/) }),
    z.strictObject({ saved: z.boolean() }),
    [{ fileName: 'Pas de signal.pdf' }],
  ),
  /** Workshop mode of the guides: the app window goes onto the projector's display (and comes back). */
  'app.workshopDisplay': channel(z.strictObject({ on: z.boolean() }), z.strictObject({ moved: z.boolean() }), [{ on: true }]),
  /** The window was hidden or shown: status polling slows down or resumes. */
  'app.visibility': channel(z.strictObject({ visible: z.boolean() }), z.strictObject({ ok: z.literal(true) }), [{ visible: false }]),
};

export const appEvents = {
  'app.notice': Notice,
};
