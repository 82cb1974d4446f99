import { z } from 'zod';
import { channel, LIMITS } from './common';
import { SecretProtection } from './profiles';

/**
 * Passwords typed in the app (a PJLink password IT enters on site). They go one way only: into main's
 * SecretStore. No channel ever returns a password; the answers say only that it was stored and how.
 */
const DeviceId = z
  .string()
  .min(1)
  .max(LIMITS.id)
  .regex(/^[A-Za-z0-9._:@-]+$/);

/** PJLink passwords: up to 32 visible ASCII characters (PJLink specification), as in the profile. */
export const PjlinkPassword = z.string().regex(/^[\x21-\x7e]{1,32}$/);

export const secretsChannels = {
  'secrets.setPjlinkPassword': channel(
    z.strictObject({ deviceId: DeviceId, password: PjlinkPassword }),
    z.strictObject({ stored: z.literal(true), protection: SecretProtection }),
    [{ deviceId: 'vp-salle-1', password: 'JBMIAProjectorLink' }],
  ),
  'secrets.forgetPjlinkPassword': channel(z.strictObject({ deviceId: DeviceId }), z.strictObject({ deleted: z.boolean() }), [{ deviceId: 'vp-salle-1' }]),
};
