/**
 * The IT configuration profile, defined once here. The same zod schema validates files at run time
 * (validate.ts adds JSON paths, line:column and translated messages) and is exported as a JSON Schema
 * (scripts/gen-profile-schema.ts → docs/profile.schema.json) so IT staff get completion and checks in
 * their editor.
 *
 * Every object is strict: an unknown key is an error with its path (a typo such as "pjlinkPasword"
 * must not be silently ignored, or a projector would stay without its password). Every object may
 * carry a "$comment" string, the JSON Schema convention for annotations, because strict JSON has no
 * comments and IT staff want to explain their choices inside the file.
 *
 * Custom messages are written "#<catalog key>": validate.ts turns them into the translated text of
 * assets/i18n/<lang>/profiles.json. Nothing here is shown verbatim.
 */
import { createPublicKey } from 'node:crypto';
import { isIP, isIPv4 } from 'node:net';
import { z } from 'zod';
import { DeviceKind } from '../../../preload/contract/devices';
import { isSitePattern, MAX_PRESENTATION_SITES, MAX_SITE_PATTERN_LENGTH } from '../display/presentation-url';
import { Settings } from '../../../preload/contract/settings';

export const PROFILE_SCHEMA_VERSION = 1;

/** Bounds: a profile is read by every laptop at start-up, so nothing in it is unbounded. */
export const PROFILE_LIMITS = {
  /** Whole file. A real profile for 20 schools is well under 200 KB; inline guides fit easily. */
  maxBytes: 5 * 1024 * 1024,
  /** Objects/arrays nested deeper than this are refused before parsing (a real profile nests 7 levels). */
  maxDepth: 32,
  id: 64,
  name: 200,
  text: 2000,
  url: 2048,
  path: 4096,
  markdown: 200_000,
  schools: 200,
  roomsPerSchool: 500,
  devicesPerRoom: 50,
  subnets: 2000,
  trustedKeys: 20,
  guidePacks: 50,
  guideEntries: 500,
  publicKeyPem: 1000,
  /** PJLink passwords are at most 32 characters (PJLink class 1 specification). */
  pjlinkPassword: 32,
  preferredInput: 64,
  presentationSites: MAX_PRESENTATION_SITES,
} as const;

const m = (key: string) => ({ error: `#${key}` });

const Comment = z.string().max(PROFILE_LIMITS.text).optional().meta({ description: 'Free annotation for IT staff (ignored by the app).' });

/** A strict object that also accepts "$comment". */
function obj<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ $comment: Comment, ...shape });
}

// ---- Scalars -----------------------------------------------------------------------------------

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const ProfileId = z
  .string()
  .min(1)
  .max(PROFILE_LIMITS.id)
  .regex(ID_PATTERN, m('expected_id'))
  .meta({ description: 'Identifier: letters, digits, ".", "_", "-"; starts with a letter or digit.' });

const Name = z.string().min(1).max(PROFILE_LIMITS.name);
const Text = z.string().max(PROFILE_LIMITS.text);

const HOSTNAME = /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** An IPv4/IPv6 address or a DNS name ("vp-salle1.ecole.local"). "999.1.1.1" is neither. */
export function isHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  if (/^[\d.]+$/.test(value)) return false; // looks like IPv4 but is not one
  return HOSTNAME.test(value);
}

/** "10.12.3.0/24" or "fd00::/64". Host bits may be set ("10.12.3.7/24" means the same subnet). */
export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const address = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = Number(prefixText);
  const family = isIP(address);
  if (family === 4) return prefix <= 32 && isIPv4(address);
  if (family === 6) return prefix <= 128;
  return false;
}

/** An Ed25519 public key in PEM (SPKI), as written by `classe profile keygen`. */
export function isEd25519PublicKeyPem(value: string): boolean {
  if (!value.includes('-----BEGIN PUBLIC KEY-----')) return false;
  try {
    return createPublicKey({ key: value, format: 'pem' }).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

const Host = z.string().min(1).max(253).refine(isHost, m('expected_host')).meta({ description: 'IP address or DNS name of the device.' });
const Port = z.int().min(1).max(65535);
const Phone = z
  .string()
  .min(3)
  .max(32)
  .regex(/^\+?[0-9][0-9 .()-]*[0-9]$/, m('expected_phone'));
const Email = z.email(m('expected_email')).max(254);
const HttpUrl = z.url({ protocol: /^https?$/, ...m('expected_url') }).max(PROFILE_LIMITS.url);
const HttpsUrl = z.url({ protocol: /^https$/, ...m('expected_https_url') }).max(PROFILE_LIMITS.url);
const Cidr = z
  .string()
  .max(64)
  .refine(isCidr, m('expected_cidr'))
  // The pattern is for editors (JSON Schema); isCidr is the real check.
  .meta({ description: 'Subnet in CIDR notation, e.g. "10.12.3.0/24".', pattern: '^([0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9A-Fa-f:.]+/[0-9]{1,3})$' });
const SitePattern = z
  .string()
  .max(MAX_SITE_PATTERN_LENGTH)
  .refine(isSitePattern, m('expected_site_pattern'))
  // The pattern is for editors (JSON Schema: no scheme, port or path); isSitePattern is the real check.
  .meta({ description: 'A site: host name ("www.lumni.fr") or "*." + host name for its subdomains ("*.lumni.fr").', pattern: '^(\\*\\.)?[^\\s/\\\\:?#@*%\\[\\]]+$' });
const PublicKeyPem = z
  .string()
  .max(PROFILE_LIMITS.publicKeyPem)
  .refine(isEd25519PublicKeyPem, m('expected_public_key'))
  .meta({ description: 'Ed25519 public key, PEM ("-----BEGIN PUBLIC KEY-----…").' });

// ---- Sections ----------------------------------------------------------------------------------

export const Contact = obj({
  name: Name.optional().meta({ description: 'e.g. "Service informatique de la mairie".' }),
  phone: Phone.optional(),
  email: Email.optional(),
  helpUrl: HttpUrl.optional(),
  hours: Text.optional().meta({ description: 'When IT can be reached, e.g. "lundi–vendredi 8 h–17 h".' }),
}).refine((c) => Boolean(c.phone ?? c.email ?? c.helpUrl), m('contact_needs_channel'));
export type Contact = z.infer<typeof Contact>;

export const Organisation = obj({
  name: Name,
  contact: Contact,
});
export type Organisation = z.infer<typeof Organisation>;

export const ProfileDeviceKind = DeviceKind.exclude(['unknown']);

export const ProfileDevice = obj({
  id: ProfileId,
  name: Name,
  kind: ProfileDeviceKind,
  host: Host,
  pjlinkPort: Port.optional().meta({ description: 'PJLink TCP port (default 4352).' }),
  pjlinkPassword: z
    .string()
    .min(1)
    .max(PROFILE_LIMITS.pjlinkPassword)
    .regex(/^[\x21-\x7e]+$/, m('expected_pjlink_password'))
    .optional()
    .meta({ description: 'PJLink password (stays on the laptop: never shown, logged or reported).' }),
  preferredInput: z
    .string()
    .min(1)
    .max(PROFILE_LIMITS.preferredInput)
    .optional()
    .meta({ description: 'Input selected by "Afficher mon écran": a PJLink code ("31") or the input name ("HDMI 1").' }),
  displayMode: z.enum(['duplicate', 'extend']).optional().meta({ description: 'What the laptop does with its screens for this device.' }),
});
export type ProfileDevice = z.infer<typeof ProfileDevice>;

export const ProfileRoom = obj({
  id: ProfileId,
  name: Name,
  devices: z.array(ProfileDevice).max(PROFILE_LIMITS.devicesPerRoom),
});
export type ProfileRoom = z.infer<typeof ProfileRoom>;

export const School = obj({
  id: ProfileId,
  name: Name,
  address: Text.optional(),
  rooms: z.array(ProfileRoom).max(PROFILE_LIMITS.roomsPerSchool),
});
export type School = z.infer<typeof School>;

export const SubnetRule = obj({
  cidr: Cidr,
  room: ProfileId,
});

export const Placement = obj({
  defaultRoom: ProfileId.nullable().optional().meta({ description: 'Room of this laptop when no subnet rule matches.' }),
  subnets: z.array(SubnetRule).max(PROFILE_LIMITS.subnets).optional().meta({ description: 'First rule whose subnet contains one of the laptop\'s IPv4/IPv6 addresses wins.' }),
});

export const Features = obj({
  powerOffAllowed: z.boolean().optional().meta({ description: 'Teachers may power projectors off (default true).' }),
  networkProbeAllowed: z.boolean().optional().meta({ description: 'Teachers may enable the local network probe (default true); false also locks networkProbe to false.' }),
  castingAllowed: z.boolean().optional().meta({ description: 'Wireless casting to Google Cast / DLNA screens (default true).' }),
  demoModeVisible: z.boolean().optional().meta({ description: 'The demo classroom is offered (default true); false also locks demoMode to false.' }),
  language: z
    .enum(['choice', 'fr', 'en'])
    .optional()
    .meta({ description: '"choice" (default): teachers choose; "fr" or "en": the interface language is fixed (locks the language setting).' }),
  presentationSites: z
    .array(SitePattern)
    .max(PROFILE_LIMITS.presentationSites)
    .optional()
    .meta({
      description:
        'Web pages teachers may present full-screen on the projector (https only). Default: ["lumni.fr", "*.lumni.fr", "*.education.gouv.fr"]; [] forbids every web page.',
    }),
});

/** The user settings, all optional: same keys and types as the app's settings (preload/contract/settings.ts). */
export const SettingsLayer = Settings.partial().extend({ $comment: Comment });

export const SettingsSection = obj({
  recommended: SettingsLayer.optional().meta({ description: 'Initial values; teachers may change them.' }),
  locked: SettingsLayer.optional().meta({ description: 'Enforced values, read-only in Réglages ("Géré par votre service informatique").' }),
});

export const GuideEntry = obj({
  id: ProfileId,
  language: z.enum(['fr', 'en']),
  title: Name,
  markdown: z.string().min(1).max(PROFILE_LIMITS.markdown),
});

export const GuidePack = obj({
  id: ProfileId,
  title: Name.optional(),
  folder: z
    .string()
    .min(1)
    .max(PROFILE_LIMITS.path)
    .optional()
    .meta({ description: 'Folder of Markdown guides (absolute, or relative to the managed profile\'s folder).' }),
  entries: z.array(GuideEntry).max(PROFILE_LIMITS.guideEntries).optional(),
}).refine((p) => (p.folder === undefined) !== (p.entries === undefined), m('guide_pack_source'));
export type GuidePack = z.infer<typeof GuidePack>;

export const Guides = obj({
  packs: z.array(GuidePack).max(PROFILE_LIMITS.guidePacks),
});

export const Updates = obj({
  autoUpdate: z.boolean(),
});

export const RemoteProfile = obj({
  url: HttpsUrl,
  signatureUrl: HttpsUrl.optional().meta({ description: 'Default: the profile URL followed by ".sig".' }),
  refreshMinutes: z.int().min(5).max(10_080).optional().meta({ description: 'How often the laptop fetches the profile again (default 60).' }),
});

/** Honoured only in the machine-wide managed file (an imported or fetched profile cannot grant itself trust). */
export const Managed = obj({
  requireSignature: z.boolean().optional().meta({ description: 'The managed file itself must carry a valid profile.json.sig.' }),
  trustedKeys: z.array(PublicKeyPem).max(PROFILE_LIMITS.trustedKeys).optional().meta({ description: 'Keys trusted for imported and fetched profiles, in addition to trusted-keys/*.pem.' }),
  remoteProfile: RemoteProfile.optional(),
});

// ---- The profile ---------------------------------------------------------------------------------

const ProfileShape = obj({
  $schema: z.string().max(PROFILE_LIMITS.url).optional().meta({ description: 'Path or URL of profile.schema.json, for editors.' }),
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION, m('unsupported_schema_version')),
  organisation: Organisation,
  schools: z.array(School).max(PROFILE_LIMITS.schools).optional(),
  placement: Placement.optional(),
  features: Features.optional(),
  settings: SettingsSection.optional(),
  guides: Guides.optional(),
  updates: Updates.optional(),
  managed: Managed.optional(),
});

type ProfileValue = z.infer<typeof ProfileShape>;
type Issue = { path: (string | number)[]; message: string; params?: Record<string, string | number> };

/** Rules that span several places (ids unique, rooms referenced exist, no contradiction between sections). */
export function crossCheck(p: ProfileValue): Issue[] {
  const issues: Issue[] = [];
  const seen = { school: new Map<string, string>(), room: new Map<string, string>(), device: new Map<string, string>(), host: new Map<string, string>() };
  const firstAt = (map: Map<string, string>, key: string, at: string): string | null => {
    const before = map.get(key);
    if (before === undefined) map.set(key, at);
    return before ?? null;
  };
  (p.schools ?? []).forEach((school, si) => {
    const sp = `schools[${si}]`;
    const prev = firstAt(seen.school, school.id, sp);
    if (prev) issues.push({ path: ['schools', si, 'id'], message: '#duplicate_id', params: { id: school.id, first: prev } });
    school.rooms.forEach((room, ri) => {
      const rp = `${sp}.rooms[${ri}]`;
      const prevRoom = firstAt(seen.room, room.id, rp);
      if (prevRoom) issues.push({ path: ['schools', si, 'rooms', ri, 'id'], message: '#duplicate_id', params: { id: room.id, first: prevRoom } });
      room.devices.forEach((device, di) => {
        const dp = `${rp}.devices[${di}]`;
        const prevDevice = firstAt(seen.device, device.id, dp);
        if (prevDevice) issues.push({ path: ['schools', si, 'rooms', ri, 'devices', di, 'id'], message: '#duplicate_id', params: { id: device.id, first: prevDevice } });
        const prevHost = firstAt(seen.host, device.host.toLowerCase().replace(/\.$/, ''), dp);
        if (prevHost) issues.push({ path: ['schools', si, 'rooms', ri, 'devices', di, 'host'], message: '#duplicate_host', params: { host: device.host, first: prevHost } });
      });
    });
  });
  const roomExists = (id: string) => seen.room.has(id);
  const placement = p.placement;
  if (placement?.defaultRoom && !roomExists(placement.defaultRoom)) {
    issues.push({ path: ['placement', 'defaultRoom'], message: '#unknown_room', params: { room: placement.defaultRoom } });
  }
  placement?.subnets?.forEach((rule, i) => {
    if (!roomExists(rule.room)) issues.push({ path: ['placement', 'subnets', i, 'room'], message: '#unknown_room', params: { room: rule.room } });
  });
  for (const layer of ['recommended', 'locked'] as const) {
    const room = p.settings?.[layer]?.room;
    if (typeof room === 'string' && !roomExists(room)) issues.push({ path: ['settings', layer, 'room'], message: '#unknown_room', params: { room } });
  }
  if (placement?.defaultRoom && p.settings?.recommended?.room !== undefined) {
    issues.push({ path: ['settings', 'recommended', 'room'], message: '#room_set_twice', params: {} });
  }
  const locked = p.settings?.locked;
  const features = p.features;
  if (features?.language && features.language !== 'choice' && locked?.language !== undefined && locked.language !== features.language) {
    issues.push({ path: ['settings', 'locked', 'language'], message: '#conflicts_with_feature', params: { feature: 'features.language' } });
  }
  if (features?.networkProbeAllowed === false && locked?.networkProbe === true) {
    issues.push({ path: ['settings', 'locked', 'networkProbe'], message: '#conflicts_with_feature', params: { feature: 'features.networkProbeAllowed' } });
  }
  if (features?.demoModeVisible === false && locked?.demoMode === true) {
    issues.push({ path: ['settings', 'locked', 'demoMode'], message: '#conflicts_with_feature', params: { feature: 'features.demoModeVisible' } });
  }
  return issues;
}

export const Profile = ProfileShape.superRefine((p, ctx) => {
  for (const issue of crossCheck(p)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: issue.params ?? {} });
});
export type Profile = z.infer<typeof Profile>;
export type ProfileSettingsLayer = z.infer<typeof SettingsLayer>;
export type ProfileFeaturesSection = z.infer<typeof Features>;
