/**
 * The IT configuration profile as the renderer sees it: status (source, validity, signature, whom to
 * call), a password-free summary (organisation, schools → rooms → devices, features, locked keys), and
 * the channels to import, remove and export a profile. main/services/profiles re-exports these schemas
 * (main/services/profiles/status.ts). Nothing here carries a password: PJLink passwords stay in main.
 */
import { z } from 'zod';
import { channel, LIMITS, NoInput } from './common';
import { DeviceKind } from './devices';
import { SETTING_KEYS } from './settings';

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
  /**
   * Web pages that may be presented on the projector: "www.lumni.fr", "*.lumni.fr" (its subdomains).
   * The profile's list, or the app's defaults when it gives none; empty: no web page at all.
   * Bounds: main/services/display/presentation-url.ts (100 patterns of 255 characters).
   */
  presentationSites: z.array(z.string().max(255)).max(100),
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

/** How the passwords typed in the app are kept on this computer (shown in Réglages and the report). */
export const SecretProtection = z.strictObject({
  kind: z.enum(['os-encryption', 'file-permissions', 'memory']),
  /** True when encryption was wanted but the OS offered none (Electron on Linux without a keyring). */
  plainTextFallback: z.boolean(),
  backend: z.string().max(64).nullable(),
});
export type SecretProtection = z.infer<typeof SecretProtection>;

/** Everything Réglages and the banner need, in one object (channel profile.status, event profile.changed). */
export const ProfileOverview = z.strictObject({
  status: ProfileStatus,
  /** The profile in force, without passwords; null when none is. */
  summary: ProfileSummary.nullable(),
  /** What the profile allows (the defaults when there is no profile): the UI hides what is forbidden. */
  features: ProfileFeatures,
  /** How typed passwords are stored here. */
  secrets: SecretProtection,
});
export type ProfileOverview = z.infer<typeof ProfileOverview>;

/**
 * A profile picked in the UI, read by the renderer with the File API (same code in Electron and in the
 * web preview). `content` is the file decoded as UTF-8 without dropping a byte-order mark, so main
 * re-encodes exactly the signed bytes; `signature` is the text of the optional ".sig" file.
 */
export const ProfileImportInput = z.strictObject({
  content: z.string().min(1).max(LIMITS.file),
  signature: z.string().min(1).max(4096).optional(),
});

/** "Exporter un profil depuis ce poste": a draft IT completes, signs and deploys. Never any password. */
export const ProfileDraftExport = z.strictObject({
  /** Pretty JSON, ready to save as profile.json. */
  text: z.string().max(LIMITS.file),
  /** Suggested file name. */
  fileName: z.string().max(LIMITS.name),
  rooms: z.int().nonnegative(),
  devices: z.int().nonnegative(),
  /** Devices left out (demo devices, no address, unknown kind, duplicates). */
  skipped: z.int().nonnegative(),
  /** Devices whose known PJLink password was left out (the UI never exports passwords: `classe profile export --include-passwords` does). */
  passwordsLeftOut: z.int().nonnegative(),
});
export type ProfileDraftExport = z.infer<typeof ProfileDraftExport>;

const SAMPLE_SIGNATURE = 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=';

export const profileChannels = {
  'profile.status': channel(NoInput, ProfileOverview, [undefined]),
  'profile.import': channel(ProfileImportInput, ImportResult, [
    { content: '{ "schemaVersion": 1, "organisation": { "name": "Mairie", "contact": { "phone": "04 67 00 00 00" } } }\n', signature: SAMPLE_SIGNATURE },
    { content: '{}' },
  ]),
  'profile.removeImported': channel(NoInput, ProfileOverview, [undefined]),
  'profile.export': channel(NoInput, ProfileDraftExport, [undefined]),
};

export const profileEvents = {
  /** The status, the profile in force or its placement changed. */
  'profile.changed': ProfileOverview,
};
