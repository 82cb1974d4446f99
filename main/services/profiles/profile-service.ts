/**
 * The profile in force on this laptop, where it came from, and what is wrong when something is.
 *
 * Sources, in order:
 *  1. the machine-wide managed file (admin-only folder; may be unsigned unless requireSignature);
 *     when it names `managed.remoteProfile.url`, the profile fetched from there (signed) replaces it;
 *  2. otherwise a profile imported in the UI (copied into the user data folder; must be signed);
 *  3. otherwise none: built-in defaults.
 *
 * Never half-applied: a candidate is read, validated and its signature checked completely before
 * anything changes; then the settings policy is set in one call. A refused candidate leaves the last
 * good profile in force (kept in memory and as a copy in the user data folder, for the next start)
 * and the status says what is wrong and whom to call.
 *
 * Hot reload: fs.watch on the managed folder (debounced), plus polling because watch events are lost
 * on some file systems (network shares, editors that replace files); both only trigger a reload when
 * the bytes actually changed.
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { TypedEmitter } from '../core/emitter';
import { isServiceError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { SettingsPolicy } from '../settings/settings-service';
import type { InventoryEntry } from '../devices/report';
import type { Room } from '../../../preload/contract/devices';
import { readFileCapped, writeFileAtomic } from './files';
import {
  derivePolicy,
  guidePacksOf,
  laptopAddresses,
  normalizeHost,
  profilePasswords,
  resolveFeatures,
  resolvePlacement,
  summarizeProfile,
  toInventory,
  toRooms,
  type Placement,
} from './layering';
import { profileDataPaths, type ManagedLocation } from './managed-paths';
import { formatIssue } from './messages';
import { createHttpsFetcher, type RemoteFetcher } from './remote';
import { PROFILE_LIMITS, type GuidePack, type Profile } from './schema';
import { dedupeKeys, loadTrustedKeysDir, parsePublicKey, readSignatureFile, verifyProfileBytes, type SignatureCheck, type TrustedKey } from './signatures';
import type { ContactView, ImportResult, IssueView, ProfileFeatures, ProfileProblem, ProfileSourceKind, ProfileStatus, ProfileSummary } from './status';
import { validateProfile, type ContactHint, type ProfileIssue, type ProfileOrigin } from './validate';

/** What the service needs from SettingsService (kept narrow so tests can pass a fake). */
export interface PolicySink {
  setPolicy(policy: SettingsPolicy): void;
}

export interface ProfileServiceOptions {
  /** From resolveManagedLocation({ platform, env, profileOption }). */
  location: ManagedLocation;
  /** The app's per-user data folder; copies go to <userDataDir>/profiles/. */
  userDataDir: string;
  settings: PolicySink;
  logger: Logger;
  /** Registers each profile password with the log book so that it is masked in every log line. */
  redact?: (secret: string) => void;
  networkInterfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /**
   * Default: HTTPS with a 15 s timeout and the profile size cap, trusting Node's roots plus the
   * certificates in "remote-ca.pem" next to the managed file (a commune's internal CA), if present.
   */
  fetchRemote?: RemoteFetcher;
  /** fs.watch on the managed folder (default true). */
  watch?: boolean;
  /** Delay between a change event and the reload (default 300 ms). */
  debounceMs?: number;
  /** Polling period (default 30 s; 0 disables polling). */
  pollIntervalMs?: number;
  /** Retry delay after a failed remote fetch (default 5 min; capped by the refresh period). */
  remoteRetryMs?: number;
  now?: () => number;
}

export interface ProfileChange {
  summary: ProfileSummary | null;
  features: ProfileFeatures;
  source: ProfileSourceKind | null;
}

type Events = {
  /** Every status change (for the banner and Réglages). */
  status: ProfileStatus;
  /** The profile in force (or its placement) changed: inventory, rooms, features may differ. */
  changed: ProfileChange;
};

interface Active {
  profile: Profile;
  bytes: Buffer;
  signatureText: string | null;
  source: ProfileSourceKind;
  location: string;
  sha256: string;
  signature: { state: 'valid' | 'unsigned'; keyId: string | null };
  appliedAt: string;
}

interface LastGoodMeta {
  version: 1;
  source: ProfileSourceKind;
  location: string;
  sha256: string;
  signature: { state: 'valid' | 'unsigned'; keyId: string | null };
  appliedAt: string;
  /** For a managed profile: it required a signature (requireSignature is sticky, see evaluateManaged). */
  requireSignature: boolean;
}

type Rejection = {
  source: ProfileSourceKind;
  location: string;
  code: string;
  params?: Record<string, string | number>;
  issues?: ProfileIssue[];
  issueCount?: number;
  detail?: string | null;
  contact?: ContactHint | null;
};

type Evaluation =
  | { kind: 'none' }
  | { kind: 'ok'; active: Active }
  /** `substitute`: a valid profile to use when nothing better is available (the managed file when its remote failed). */
  | { kind: 'rejected'; rejection: Rejection; substitute?: Active };

const SIGNATURE_PROBLEM: Record<Exclude<SignatureCheck['state'], 'valid'>, string> = {
  missing: 'profiles.signature_missing',
  malformed: 'profiles.signature_malformed',
  tampered: 'profiles.signature_tampered',
  wrong_key: 'profiles.signature_wrong_key',
  invalid: 'profiles.signature_invalid',
  no_trusted_keys: 'profiles.no_trusted_keys',
};

export function toIssueView(issue: ProfileIssue): IssueView {
  return { code: issue.code, pathText: issue.pathText.slice(0, 2000), line: issue.line, column: issue.column, text: { fr: formatIssue(issue, 'fr').slice(0, 2000), en: formatIssue(issue, 'en').slice(0, 2000) } };
}

function contactView(hint: ContactHint | null | undefined): ContactView | null {
  return hint ? { ...hint } : null;
}

export class ProfileService extends TypedEmitter<Events> {
  private readonly paths: ReturnType<typeof profileDataPaths>;
  private readonly fetchRemote: RemoteFetcher;
  private readonly now: () => number;
  private active: Active | null = null;
  private placement: Placement = { room: null, via: 'none', cidr: null };
  private problem: ProfileProblem | null = null;
  private problemContact: ContactView | null = null;
  private trustedKeyCount = 0;
  private state: ProfileStatus['state'] = 'none';
  private queue: Promise<unknown> = Promise.resolve();
  private watchers: FSWatcher[] = [];
  private debounceTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private remoteTimer: NodeJS.Timeout | null = null;
  private lastFingerprint: string | null = null;
  private appliedOnce = false;
  private disposed = false;

  constructor(private readonly options: ProfileServiceOptions) {
    super();
    this.paths = profileDataPaths(options.userDataDir);
    this.fetchRemote = options.fetchRemote ?? (async (req) => createHttpsFetcher({ ca: await this.extraCa() })(req));
    this.now = options.now ?? Date.now;
  }

  /** PEM certificates of "remote-ca.pem" next to the managed file (admin-only folder, like the profile). */
  private async extraCa(): Promise<string[]> {
    const read = await readFileCapped(join(dirname(this.options.location.profile), 'remote-ca.pem'), 256 * 1024).catch(() => null);
    if (read?.kind !== 'ok') return [];
    return read.bytes.toString('utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  }

  private get log(): Logger {
    return this.options.logger;
  }

  /** Loads the profile, applies it and starts watching. Never throws for a bad profile. */
  async start(): Promise<ProfileStatus> {
    const status = await this.reload('start');
    if (this.options.watch !== false) this.ensureWatchers();
    const poll = this.options.pollIntervalMs ?? 30_000;
    if (poll > 0) {
      this.pollTimer = setInterval(() => void this.checkForChanges('poll'), poll);
      this.pollTimer.unref();
    }
    return status;
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watchers) w.close();
    this.watchers = [];
    for (const t of [this.debounceTimer, this.remoteTimer]) if (t) clearTimeout(t);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.debounceTimer = this.remoteTimer = this.pollTimer = null;
    this.removeAll();
  }

  // ---- What other services read ---------------------------------------------------------------

  status(): ProfileStatus {
    const a = this.active;
    return {
      state: this.state,
      source: a?.source ?? null,
      location: a?.location ?? null,
      managedPath: this.options.location.profile,
      organisation: a?.profile.organisation.name ?? this.problemContact?.organisation ?? null,
      sha256: a?.sha256 ?? null,
      signature: a ? { ...a.signature } : null,
      appliedAt: a?.appliedAt ?? null,
      contact: a ? contactView({ organisation: a.profile.organisation.name, ...contactFields(a.profile) }) : this.problemContact,
      problem: this.problem,
      trustedKeys: this.trustedKeyCount,
    };
  }

  /** The validated profile in force (main only: it contains passwords). */
  profile(): Profile | null {
    return this.active?.profile ?? null;
  }

  summary(): ProfileSummary | null {
    return this.active ? summarizeProfile(this.active.profile, this.placement) : null;
  }

  features(): ProfileFeatures {
    return resolveFeatures(this.active?.profile ?? null);
  }

  inventory(): InventoryEntry[] {
    return toInventory(this.active?.profile ?? null);
  }

  rooms(): Room[] {
    return toRooms(this.active?.profile ?? null);
  }

  placementRoom(): Placement {
    return { ...this.placement };
  }

  /** Guide packs with folders resolved against the managed file's folder (relative folders only make sense there). */
  guidePacks(): { pack: GuidePack; folder: string | null }[] {
    const base = dirname(this.options.location.profile);
    return guidePacksOf(this.active?.profile ?? null).map((pack) => ({
      pack,
      folder: pack.folder === undefined ? null : isAbsolute(pack.folder) ? pack.folder : this.active?.source === 'managed' ? resolvePath(base, pack.folder) : null,
    }));
  }

  /** PJLink password of a device of the profile, by inventory id or host. Main only. */
  pjlinkPassword(query: { deviceId?: string | null; host?: string | null; addresses?: readonly string[] }): string | null {
    const { byId, byHost } = profilePasswords(this.active?.profile ?? null);
    if (query.deviceId && byId.has(query.deviceId)) return byId.get(query.deviceId) ?? null;
    for (const host of [query.host, ...(query.addresses ?? [])]) {
      if (!host) continue;
      const found = byHost.get(normalizeHost(host));
      if (found) return found;
    }
    return null;
  }

  /** Every password of the profile in force (for scrubbing reports). */
  knownSecrets(): string[] {
    return [...profilePasswords(this.active?.profile ?? null).byId.values()];
  }

  /** Re-reads the network interfaces; applies a new room recommendation when the subnet rule changes. */
  refreshPlacement(): Placement {
    const next = this.computePlacement(this.active?.profile ?? null);
    if (next.room !== this.placement.room || next.via !== this.placement.via) {
      this.placement = next;
      this.options.settings.setPolicy(derivePolicy(this.active?.profile ?? null, next));
      this.emitChanged();
    }
    return { ...this.placement };
  }

  // ---- Import ------------------------------------------------------------------------------------

  /** Validates and checks a profile, then copies it into the user data folder and reloads. */
  async importProfile(bytes: Uint8Array, signatureText: string | null): Promise<ImportResult> {
    return this.serialize(async (): Promise<ImportResult> => {
      if (await exists(this.options.location.profile)) {
        return { ok: false, code: 'profiles.import_managed', params: {}, issueCount: 0, issues: [] };
      }
      const validation = validateProfile(bytes, { origin: 'imported' });
      if (!validation.ok) {
        return { ok: false, code: 'profiles.import_invalid', params: { count: validation.issues.length }, issueCount: validation.issues.length, issues: validation.issues.slice(0, 20).map(toIssueView) };
      }
      const { keys } = await loadTrustedKeysDir(this.options.location.trustedKeysDir);
      const check = verifyProfileBytes(bytes, signatureText, keys);
      if (check.state !== 'valid') {
        return { ok: false, code: check.state === 'no_trusted_keys' ? 'profiles.no_trusted_keys' : 'profiles.import_untrusted', params: { reason: check.state }, issueCount: 0, issues: [] };
      }
      await writeFileAtomic(this.paths.imported, bytes, { mode: 0o600, dirMode: 0o700 });
      await writeFileAtomic(this.paths.importedSignature, signatureText ?? '', { mode: 0o600, dirMode: 0o700 });
      this.log.info(`profile imported (${validation.sha256.slice(0, 12)}, key ${check.keyId ?? '?'})`);
      return { ok: true, status: await this.doReload('import') };
    });
  }

  /** Reads FILE and FILE.sig (or the given signature path) and imports them. */
  async importFromFile(file: string, signatureFile = `${file}.sig`): Promise<ImportResult> {
    let read;
    try {
      read = await readFileCapped(file, PROFILE_LIMITS.maxBytes);
    } catch {
      return { ok: false, code: 'profiles.import_unreadable', params: {}, issueCount: 0, issues: [] };
    }
    if (read.kind === 'missing') return { ok: false, code: 'profiles.import_unreadable', params: {}, issueCount: 0, issues: [] };
    if (read.kind === 'too_large') return { ok: false, code: 'profiles.too_large', params: {}, issueCount: 0, issues: [] };
    const sig = await readSignatureFile(signatureFile).catch(() => null);
    return this.importProfile(read.bytes, sig);
  }

  async removeImported(): Promise<ProfileStatus> {
    return this.serialize(async () => {
      await rm(this.paths.imported, { force: true });
      await rm(this.paths.importedSignature, { force: true });
      return this.doReload('remove-import');
    });
  }

  // ---- Loading -----------------------------------------------------------------------------------

  /** Re-evaluates every source now (serialised with imports and other reloads). */
  reload(reason = 'manual'): Promise<ProfileStatus> {
    return this.serialize(() => this.doReload(reason));
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private computePlacement(profile: Profile | null): Placement {
    let addresses: string[] = [];
    try {
      addresses = laptopAddresses((this.options.networkInterfaces ?? osNetworkInterfaces)());
    } catch {
      // No interface information: placement falls back to the default room.
    }
    return resolvePlacement(profile, addresses);
  }

  private async doReload(reason: string): Promise<ProfileStatus> {
    if (this.disposed) return this.status();
    let evaluation: Evaluation;
    try {
      evaluation = await this.evaluate();
    } catch (e) {
      // An unexpected failure (permissions…) is a refusal of the managed source, never a crash.
      evaluation = { kind: 'rejected', rejection: { source: 'managed', location: this.options.location.profile, code: 'profiles.unreadable', detail: String((e as Error).message ?? e).slice(0, 300) } };
    }
    this.lastFingerprint = await this.fingerprint().catch(() => null);

    if (evaluation.kind === 'none') {
      this.problem = null;
      this.problemContact = null;
      this.state = 'none';
      this.apply(null);
    } else if (evaluation.kind === 'ok') {
      this.problem = null;
      this.problemContact = null;
      this.state = 'ok';
      this.apply(evaluation.active);
      await this.saveLastGood(evaluation.active);
    } else {
      const fallback = await this.pickFallback(evaluation);
      this.problem = this.toProblem(evaluation.rejection);
      this.problemContact = contactView(evaluation.rejection.contact ?? null);
      this.state = fallback ? 'fallback' : 'invalid';
      this.apply(fallback);
      this.log.warn(`profile from ${evaluation.rejection.source} refused (${evaluation.rejection.code}${evaluation.rejection.detail ? `: ${evaluation.rejection.detail}` : ''}); ${fallback ? `keeping ${fallback.source} profile ${fallback.sha256.slice(0, 12)}` : 'no good profile to keep: defaults'}`);
    }
    const status = this.status();
    this.log.info(`profile ${reason}: ${status.state}${status.source ? ` from ${status.source}` : ''}`);
    this.emit('status', status);
    return status;
  }

  private async evaluate(): Promise<Evaluation> {
    const loc = this.options.location;
    const dirKeys = (await loadTrustedKeysDir(loc.trustedKeysDir)).keys;
    this.trustedKeyCount = dirKeys.length;
    const managed = await readFileCapped(loc.profile, PROFILE_LIMITS.maxBytes);
    if (managed.kind === 'too_large') {
      return { kind: 'rejected', rejection: { source: 'managed', location: loc.profile, code: 'profiles.too_large', detail: `${managed.size} bytes` } };
    }
    if (managed.kind === 'ok') return this.evaluateManaged(managed.bytes, dirKeys);
    this.cancelRemoteTimer();

    const imported = await readFileCapped(this.paths.imported, PROFILE_LIMITS.maxBytes);
    if (imported.kind === 'missing') return { kind: 'none' };
    if (imported.kind === 'too_large') return { kind: 'rejected', rejection: { source: 'imported', location: this.paths.imported, code: 'profiles.too_large' } };
    const sig = await readSignatureFile(this.paths.importedSignature);
    return this.evaluateSigned('imported', this.paths.imported, imported.bytes, sig && sig.length > 0 ? sig : null, dirKeys);
  }

  private async evaluateManaged(bytes: Buffer, dirKeys: TrustedKey[]): Promise<Evaluation> {
    const loc = this.options.location;
    const validation = validateProfile(bytes, { origin: 'managed' });
    if (!validation.ok) {
      return { kind: 'rejected', rejection: { source: 'managed', location: loc.profile, code: 'profiles.invalid', params: { count: validation.issues.length }, issues: validation.issues, issueCount: validation.issues.length, contact: validation.contact } };
    }
    const profile = validation.profile;
    const sigText = await readSignatureFile(loc.signature);
    // requireSignature is sticky: an unsigned file cannot switch it off; a signed one can.
    const required = profile.managed?.requireSignature === true || (await this.lastManagedRequiredSignature());
    let signature: Active['signature'] = { state: 'unsigned', keyId: null };
    if (sigText !== null) {
      const check = verifyProfileBytes(bytes, sigText, dirKeys);
      if (check.state === 'valid') signature = { state: 'valid', keyId: check.keyId };
      else if (check.state === 'no_trusted_keys' && !required) {
        this.log.warn('managed profile has a signature but no trusted key is installed to check it: treated as unsigned');
      } else {
        return { kind: 'rejected', rejection: { source: 'managed', location: loc.profile, code: SIGNATURE_PROBLEM[check.state], detail: check.keyId ? `key ${check.keyId}` : null, contact: validation.contact } };
      }
    } else if (required) {
      return { kind: 'rejected', rejection: { source: 'managed', location: loc.profile, code: 'profiles.signature_required', contact: validation.contact } };
    }
    const managedActive: Active = {
      profile,
      bytes,
      signatureText: sigText,
      source: 'managed',
      location: loc.profile,
      sha256: validation.sha256,
      signature,
      appliedAt: new Date(this.now()).toISOString(),
    };
    const remote = profile.managed?.remoteProfile;
    if (!remote) {
      this.cancelRemoteTimer();
      return { kind: 'ok', active: managedActive };
    }

    const keys = dedupeKeys([...dirKeys, ...(profile.managed?.trustedKeys ?? []).map((pem) => parsePublicKey(pem, 'profile')).filter((k): k is TrustedKey => k !== null)]);
    this.trustedKeyCount = keys.length;
    const refreshMs = (remote.refreshMinutes ?? 60) * 60_000;
    let fetched;
    try {
      fetched = await this.fetchRemote({ url: remote.url, signatureUrl: remote.signatureUrl ?? `${remote.url}.sig` });
    } catch (e) {
      this.scheduleRemote(Math.min(refreshMs, this.options.remoteRetryMs ?? 5 * 60_000));
      const code = isServiceError(e) ? e.code : 'profiles.remote_network';
      const params = isServiceError(e) && e.params ? e.params : {};
      const detail = isServiceError(e) ? (e.detail ?? null) : String(e).slice(0, 300);
      return { kind: 'rejected', rejection: { source: 'remote', location: remote.url, code, params, detail, contact: validation.contact }, substitute: managedActive };
    }
    this.scheduleRemote(refreshMs);
    const evaluation = this.evaluateSigned('remote', remote.url, fetched.bytes, fetched.signatureText, keys);
    if (evaluation.kind === 'rejected') {
      evaluation.substitute = managedActive;
      evaluation.rejection.contact ??= validation.contact;
    }
    return evaluation;
  }

  private evaluateSigned(source: 'imported' | 'remote', location: string, bytes: Buffer, sigText: string | null, keys: TrustedKey[]): Evaluation {
    const validation = validateProfile(bytes, { origin: source as ProfileOrigin });
    if (!validation.ok) {
      return { kind: 'rejected', rejection: { source, location, code: 'profiles.invalid', params: { count: validation.issues.length }, issues: validation.issues, issueCount: validation.issues.length, contact: validation.contact } };
    }
    const check = verifyProfileBytes(bytes, sigText, keys);
    if (check.state !== 'valid') {
      return { kind: 'rejected', rejection: { source, location, code: SIGNATURE_PROBLEM[check.state], detail: check.keyId ? `key ${check.keyId}` : null, contact: validation.contact } };
    }
    return {
      kind: 'ok',
      active: { profile: validation.profile, bytes, signatureText: sigText, source, location, sha256: validation.sha256, signature: { state: 'valid', keyId: check.keyId }, appliedAt: new Date(this.now()).toISOString() },
    };
  }

  /** The profile to keep when a candidate is refused. */
  private async pickFallback(evaluation: Extract<Evaluation, { kind: 'rejected' }>): Promise<Active | null> {
    const { rejection, substitute } = evaluation;
    if (rejection.source === 'remote') {
      // Prefer the last good copy of the same online profile; else the managed file itself.
      if (this.active?.source === 'remote' && this.active.location === rejection.location) return this.active;
      const disk = await this.loadLastGood(substitute ? remoteKeys(substitute) : []);
      if (disk?.source === 'remote' && disk.location === rejection.location) return disk;
      return substitute ?? null;
    }
    if (this.active) return this.active;
    return this.loadLastGood([]);
  }

  private toProblem(r: Rejection): ProfileProblem {
    return {
      code: r.code,
      params: r.params ?? {},
      guide: 'guide:contact-it',
      source: r.source,
      location: r.location.slice(0, 4096),
      at: new Date(this.now()).toISOString(),
      issueCount: r.issueCount ?? 0,
      issues: (r.issues ?? []).slice(0, 20).map(toIssueView),
      detail: r.detail ? r.detail.slice(0, 2000) : null,
    };
  }

  private apply(candidate: Active | null): void {
    const previous = this.active;
    const sameProfile = previous?.sha256 === candidate?.sha256 && previous?.source === candidate?.source && previous?.location === candidate?.location;
    // The same bytes again (a touch, a poll): keep the object in force and its time of application.
    const next = sameProfile ? previous : candidate;
    const placement = this.computePlacement(next?.profile ?? null);
    const changed = !this.appliedOnce || !sameProfile || placement.room !== this.placement.room || placement.via !== this.placement.via;
    this.active = next;
    this.placement = placement;
    this.appliedOnce = true;
    if (!changed) return;
    for (const secret of profilePasswords(next?.profile ?? null).byId.values()) this.options.redact?.(secret);
    // One call: the settings service sees the old policy or the new one, never a mix.
    this.options.settings.setPolicy(derivePolicy(next?.profile ?? null, placement));
    this.emitChanged();
  }

  private emitChanged(): void {
    this.emit('changed', { summary: this.summary(), features: this.features(), source: this.active?.source ?? null });
  }

  // ---- Last good copy ----------------------------------------------------------------------------

  private async saveLastGood(active: Active): Promise<void> {
    try {
      const metaNow = await this.readLastGoodMeta();
      if (metaNow?.sha256 === active.sha256 && metaNow.source === active.source) return;
      await writeFileAtomic(this.paths.lastGood, active.bytes, { mode: 0o600, dirMode: 0o700 });
      if (active.signatureText !== null) await writeFileAtomic(this.paths.lastGoodSignature, active.signatureText, { mode: 0o600 });
      else await rm(this.paths.lastGoodSignature, { force: true });
      const meta: LastGoodMeta = {
        version: 1,
        source: active.source,
        location: active.location,
        sha256: active.sha256,
        signature: active.signature,
        appliedAt: active.appliedAt,
        requireSignature: active.profile.managed?.requireSignature === true,
      };
      // Written last: a copy whose bytes do not match the meta's hash is ignored.
      await writeFileAtomic(this.paths.lastGoodMeta, JSON.stringify(meta, null, 2) + '\n', { mode: 0o600 });
    } catch (e) {
      this.log.warn(`could not keep a copy of the profile: ${(e as Error).message}`);
    }
  }

  private async readLastGoodMeta(): Promise<LastGoodMeta | null> {
    try {
      const meta = JSON.parse(await readFile(this.paths.lastGoodMeta, 'utf8')) as Partial<LastGoodMeta>;
      if (meta.version !== 1 || typeof meta.sha256 !== 'string' || !['managed', 'imported', 'remote'].includes(String(meta.source))) return null;
      return meta as LastGoodMeta;
    } catch {
      return null;
    }
  }

  private async lastManagedRequiredSignature(): Promise<boolean> {
    if (this.active?.source === 'managed') return this.active.profile.managed?.requireSignature === true;
    const meta = await this.readLastGoodMeta();
    return meta?.source === 'managed' && meta.requireSignature === true;
  }

  /**
   * The copy of the last good profile, checked again: its hash must match, it must still be valid,
   * and a signed copy must still verify (keys may have been revoked since).
   */
  private async loadLastGood(extraKeys: TrustedKey[]): Promise<Active | null> {
    const meta = await this.readLastGoodMeta();
    if (!meta) return null;
    const read = await readFileCapped(this.paths.lastGood, PROFILE_LIMITS.maxBytes).catch(() => null);
    if (read?.kind !== 'ok') return null;
    const validation = validateProfile(read.bytes, { origin: meta.source });
    if (!validation.ok || validation.sha256 !== meta.sha256) {
      this.log.warn('the kept copy of the last good profile is damaged: ignored');
      return null;
    }
    const sig = await readSignatureFile(this.paths.lastGoodSignature).catch(() => null);
    let signature: Active['signature'] = { state: 'unsigned', keyId: null };
    if (meta.source !== 'managed' || meta.signature.state === 'valid') {
      const dirKeys = (await loadTrustedKeysDir(this.options.location.trustedKeysDir)).keys;
      const check = verifyProfileBytes(read.bytes, sig, dedupeKeys([...dirKeys, ...extraKeys]));
      if (check.state !== 'valid') {
        this.log.warn(`the kept copy of the last good profile no longer verifies (${check.state}): ignored`);
        return null;
      }
      signature = { state: 'valid', keyId: check.keyId };
    }
    return { profile: validation.profile, bytes: read.bytes, signatureText: sig, source: meta.source, location: meta.location, sha256: meta.sha256, signature, appliedAt: meta.appliedAt };
  }

  // ---- Watching ----------------------------------------------------------------------------------

  private ensureWatchers(): void {
    if (this.disposed || this.options.watch === false || this.watchers.length > 0) return;
    const loc = this.options.location;
    const dir = dirname(loc.profile);
    const names = new Set([basename(loc.profile), basename(loc.signature), basename(loc.trustedKeysDir)]);
    const onEvent = (filename: string | Buffer | null) => {
      if (filename !== null && !names.has(filename.toString())) return;
      this.scheduleCheck();
    };
    for (const [target, filter] of [
      [dir, true],
      [loc.trustedKeysDir, false],
    ] as const) {
      try {
        const w = watch(target, { persistent: false }, (_event, filename) => (filter ? onEvent(filename) : this.scheduleCheck()));
        w.on('error', () => {
          // The folder went away (or the watch broke): polling takes over and re-creates the watchers.
          this.closeWatchers();
        });
        this.watchers.push(w);
      } catch {
        // Folder missing or watch unsupported: polling covers it.
      }
    }
  }

  private closeWatchers(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  private scheduleCheck(): void {
    if (this.disposed) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.checkForChanges('watch');
    }, this.options.debounceMs ?? 300);
    this.debounceTimer.unref();
  }

  /** Reloads when the managed file, its signature or the trusted keys changed since the last load. */
  private async checkForChanges(trigger: 'watch' | 'poll'): Promise<void> {
    if (this.disposed) return;
    if (trigger === 'poll' && this.options.watch !== false && this.watchers.length === 0) this.ensureWatchers();
    const fp = await this.fingerprint().catch(() => null);
    if (fp !== null && fp === this.lastFingerprint) return;
    await this.reload(`change (${trigger})`).catch((e: unknown) => this.log.error(`profile reload failed: ${String(e).slice(0, 300)}`));
  }

  /** A hash of everything the managed source depends on. Small files: reading them is cheap. */
  private async fingerprint(): Promise<string> {
    const loc = this.options.location;
    const h = createHash('sha256');
    for (const file of [loc.profile, loc.signature]) {
      const st = await stat(file).catch(() => null);
      h.update(`${file}\0${st ? `${st.size}:${st.mtimeMs}` : '-'}\0`);
      if (st && st.size <= PROFILE_LIMITS.maxBytes) h.update(await readFile(file).catch(() => Buffer.alloc(0)));
    }
    const names = await readdir(loc.trustedKeysDir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const st = await stat(join(loc.trustedKeysDir, name)).catch(() => null);
      h.update(`${name}\0${st ? `${st.size}:${st.mtimeMs}` : '-'}\0`);
    }
    return h.digest('hex');
  }

  private scheduleRemote(ms: number): void {
    this.cancelRemoteTimer();
    if (this.disposed) return;
    this.remoteTimer = setTimeout(() => {
      this.remoteTimer = null;
      this.reload('remote refresh').catch((e: unknown) => this.log.error(`profile refresh failed: ${String(e).slice(0, 300)}`));
    }, ms);
    this.remoteTimer.unref();
  }

  private cancelRemoteTimer(): void {
    if (this.remoteTimer) clearTimeout(this.remoteTimer);
    this.remoteTimer = null;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    // Anything but "not there" (e.g. permission denied) counts as present: the computer is managed.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

function contactFields(profile: Profile): Omit<ContactHint, 'organisation'> {
  const c = profile.organisation.contact;
  return { name: c.name ?? null, phone: c.phone ?? null, email: c.email ?? null, helpUrl: c.helpUrl ?? null, hours: c.hours ?? null };
}

function remoteKeys(managed: Active): TrustedKey[] {
  return (managed.profile.managed?.trustedKeys ?? []).map((pem) => parsePublicKey(pem, 'profile')).filter((k): k is TrustedKey => k !== null);
}
