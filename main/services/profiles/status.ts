/**
 * What the profile service tells the outside world, as strict zod schemas. This file imports only
 * zod and the contract so that it can move as is to preload/contract/profiles.ts when the channels
 * are added (profile status + event, import, summary). Nothing here carries a password.
 */
import { z } from 'zod';
import { LIMITS } from '../../../preload/contract/common';
import { DeviceKind } from '../../../preload/contract/devices';
import { SETTING_KEYS } from '../../../preload/contract/settings';

export const ProfileSourceKind = z.enum(['managed', 'imported', 'remote']);
export type ProfileSourceKind = z.infer<typeof ProfileSourceKind>;

export const ContactView = z.strictObject({
  organisation: z.string().max(LIMITS.name).nullable(),
  name: z.string().max(LIMITS.name).nullable(),
  phone: z.string().max(64).nullable(),
  email: z.string().max(254).nullable(),
  helpUrl: z.string().max(LIMITS.path).nullable(),
  hours: z.string().max(LIMITS.text).nullable(),
});
export type ContactView = z.infer<typeof ContactView>;

/** One validation problem, with its message already rendered in both languages (for "Détails"). */
export const IssueView = z.strictObject({
  code: z.string().max(LIMITS.id),
  pathText: z.string().max(LIMITS.text),
  line: z.int().nonnegative(),
  column: z.int().nonnegative(),
  text: z.strictObject({ fr: z.string().max(LIMITS.text), en: z.string().max(LIMITS.text) }),
});
export type IssueView = z.infer<typeof IssueView>;

export const ProfileProblem = z.strictObject({
  /** An error code of assets/i18n/<lang>/errors/profiles.json, e.g. "profiles.signature_tampered". */
  code: z.string().max(LIMITS.id),
  params: z.record(z.string().max(LIMITS.id), z.union([z.string().max(LIMITS.text), z.number()])),
  guide: z.literal('guide:contact-it'),
  /** Which source was refused. */
  source: ProfileSourceKind,
  /** Its path or URL (for IT). */
  location: z.string().max(LIMITS.path),
  /** ISO time of the refusal. */
  at: z.string().max(64),
  issueCount: z.int().nonnegative(),
  /** The first validation problems (at most 20). */
  issues: z.array(IssueView).max(20),
  /** Technical detail for IT (network error code, signer key id…), never a secret. */
  detail: z.string().max(LIMITS.text).nullable(),
});
export type ProfileProblem = z.infer<typeof ProfileProblem>;

export const ProfileStatus = z.strictObject({
  /**
   * none: no profile anywhere (built-in defaults); ok: the latest profile is applied;
   * fallback: the latest was refused, an earlier good profile stays in force;
   * invalid: refused and no good profile to fall back on (built-in defaults).
   */
  state: z.enum(['none', 'ok', 'fallback', 'invalid']),
  /** Source of the profile in force (null when none is). */
  source: ProfileSourceKind.nullable(),
  /** Path or URL of the profile in force. */
  location: z.string().max(LIMITS.path).nullable(),
  /** Where IT puts the managed profile on this computer. */
  managedPath: z.string().max(LIMITS.path),
  organisation: z.string().max(LIMITS.name).nullable(),
  /** SHA-256 of the bytes in force. */
  sha256: z.string().max(64).nullable(),
  signature: z.strictObject({ state: z.enum(['valid', 'unsigned']), keyId: z.string().max(16).nullable() }).nullable(),
  appliedAt: z.string().max(64).nullable(),
  /** Whom to call: from the profile in force, or read from the refused one. */
  contact: ContactView.nullable(),
  problem: ProfileProblem.nullable(),
  /** Number of trusted public keys found (trusted-keys/*.pem + managed.trustedKeys). */
  trustedKeys: z.int().nonnegative(),
});
export type ProfileStatus = z.infer<typeof ProfileStatus>;

export const ProfileFeatures = z.strictObject({
  powerOffAllowed: z.boolean(),
  networkProbeAllowed: z.boolean(),
  castingAllowed: z.boolean(),
  demoModeVisible: z.boolean(),
  language: z.enum(['choice', 'fr', 'en']),
  /** null: the profile says nothing (the app's own default applies). */
  autoUpdate: z.boolean().nullable(),
});
export type ProfileFeatures = z.infer<typeof ProfileFeatures>;

const SummaryDevice = z.strictObject({
  id: z.string().max(LIMITS.id),
  name: z.string().max(LIMITS.name),
  kind: DeviceKind,
  host: z.string().max(LIMITS.host),
  pjlinkPort: z.int().min(1).max(65535).nullable(),
  /** Whether the profile gives a PJLink password (the password itself stays in main). */
  hasPassword: z.boolean(),
  preferredInput: z.string().max(64).nullable(),
  displayMode: z.enum(['duplicate', 'extend']).nullable(),
});

/** The profile in force as the UI may see it. */
export const ProfileSummary = z.strictObject({
  organisation: z.strictObject({ name: z.string().max(LIMITS.name), contact: ContactView.omit({ organisation: true }) }),
  schools: z
    .array(
      z.strictObject({
        id: z.string().max(LIMITS.id),
        name: z.string().max(LIMITS.name),
        rooms: z.array(z.strictObject({ id: z.string().max(LIMITS.id), name: z.string().max(LIMITS.name), devices: z.array(SummaryDevice).max(50) })).max(500),
      }),
    )
    .max(200),
  features: ProfileFeatures,
  recommendedKeys: z.array(z.enum(SETTING_KEYS)).max(SETTING_KEYS.length),
  lockedKeys: z.array(z.enum(SETTING_KEYS)).max(SETTING_KEYS.length),
  placement: z.strictObject({ room: z.string().max(LIMITS.id).nullable(), via: z.enum(['subnet', 'default', 'none']) }),
  guidePacks: z.int().nonnegative(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

/** Result of an import: refused imports are results, not exceptions, so the UI can list the problems. */
export const ImportResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), status: ProfileStatus }),
  z.strictObject({
    ok: z.literal(false),
    code: z.string().max(LIMITS.id),
    params: z.record(z.string().max(LIMITS.id), z.union([z.string().max(LIMITS.text), z.number()])),
    issueCount: z.int().nonnegative(),
    issues: z.array(IssueView).max(20),
  }),
]);
export type ImportResult = z.infer<typeof ImportResult>;
