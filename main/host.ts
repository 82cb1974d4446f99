/**
 * The composition root. Builds every service once and returns the one handler set (bound to the
 * contract through the dispatcher) plus the event stream. The Electron app (main/app), the web preview
 * (main/web) and the CLI (main/cli) all start from here, so they behave the same.
 */
import { join } from 'node:path';
import { platform } from 'node:process';
import { EVENT_NAMES, type EventName, type EventPayload } from '../preload/contract';
import type { Device } from '../preload/contract/devices';
import type { DiagnosticReport } from '../preload/contract/report';
import { createDispatcher, type Dispatcher, type Handlers, type Runtime } from './rpc/dispatcher';
import { APP_NAME } from './services/core/app-meta';
import { TypedEmitter } from './services/core/emitter';
import { LogBook } from './services/core/logger';
import { SettingsService } from './services/settings/settings-service';
import type { SettingsStore } from './services/settings/store';
import { resolveManagedLocation } from './services/profiles/managed-paths';
import { ProfileService, type ProfileServiceOptions } from './services/profiles/profile-service';
import { exportProfileDraft, type ExportedDraft } from './services/profiles/export';
import type { Lang } from './services/profiles/messages';
import { FileSecretStore } from './services/secrets/file-secret-store';
import { collectKnownSecrets, createPjlinkPasswordLookup, type PjlinkPasswordLookup } from './services/secrets/pjlink-passwords';
import type { SecretStore } from './services/secrets/secret-store';
import { reportCommand } from './services/report/report-command';
import { appHandlers } from './handlers/app';
import type { DesktopShell } from './services/core/desktop';
import { settingsHandlers } from './handlers/settings';
import { profileHandlers, profileOverview } from './handlers/profiles';
import { reportHandlers } from './handlers/report';
import { createDevicesModule, type DevicesModule, type DevicesModuleOptions } from './modules/devices/devices-module';
import { guidesHandlers } from './handlers/guides';
import { ServiceError } from './services/core/errors';
import { bundledGuides, type GuideContent } from './services/guides/content-source';
import { DiagnosticsEngine, type CheckRegistry, type FixRegistry } from './services/guides/diagnostics';
import type { ItPack } from './services/guides/it-pack';
import { GuideLibrary } from './services/guides/library';
import { DiagnosticsRegistry, type RoomSource } from './services/guides/registry';
import { runtimeChecks } from './services/guides/runtime-checks';
import { createFilesModule, type FilesModule, type FilesModuleOptions } from './modules/files/files-module';
import { createCastModule, type CastModule, type CastModuleOptions } from './modules/cast/cast-module';
import { createDisplayModule, darwinMajor, type DisplayModule, type DisplayModuleOptions } from './modules/display/display-module';

export type HostEvents = { [E in EventName]: EventPayload<E> };

export interface HostOptions {
  runtime: Runtime;
  version: string;
  /** Electron's version when running in Electron. */
  electronVersion?: string | null;
  /** The OS locale, e.g. "fr-FR" (Electron: app.getLocale(); Node: from LANG/Intl). */
  locale: string;
  settingsStore: SettingsStore;
  logBook?: LogBook;
  /** The per-user data folder: profile copies (profiles/) and, by default, secrets.json. */
  userDataDir: string;
  /**
   * `--profile FILE`: where to read the machine-wide managed profile (tests, the CLI, trying a profile).
   * Else CLASSE_PROFILE from `env`, else the OS location (see main/services/profiles/managed-paths.ts).
   */
  profilePath?: string | null;
  /** Environment read for CLASSE_PROFILE and ProgramData (default process.env). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /**
   * Where passwords typed in the app are kept. Default: FileSecretStore in <userDataDir>/secrets.json
   * without a cipher (readable by the OS user only): the web preview and the CLI. The Electron app
   * passes one with its safeStorage cipher (main/app/secret-cipher.ts).
   */
  secretStore?: SecretStore;
  /** Overrides for the profile service (the CLI turns watching off; tests pass network interfaces). */
  profileService?: Partial<Omit<ProfileServiceOptions, 'location' | 'userDataDir' | 'settings' | 'logger' | 'redact'>>;
  /**
   * How long createHost waits for the first profile load before going on (the load then finishes in
   * the background and its events update the UI). A local file takes milliseconds; an online profile
   * may take up to its 15 s timeout, and the window should not wait that long. null: wait until it is
   * loaded (the CLI, whose commands report the final state). Default 3000 ms.
   */
  profileWaitMs?: number | null;
  /**
   * Devices and projector control. Started at once in the app and the web preview; the CLI builds it
   * without starting it (its commands open only what they need). Overrides are for tests.
   */
  /** What only the desktop app can do (Electron passes it; the web preview and the CLI do not). */
  desktop?: DesktopShell | null;
  devices?: Partial<Pick<DevicesModuleOptions, 'discovery' | 'dlna' | 'networkDiscovery' | 'notifications' | 'demoTimeScale' | 'displayHook' | 'reminderClock'>> & { start?: boolean };
  /**
   * The guides and their diagnostics. Everything is optional: by default the bundled guides, the
   * checks this runtime can do by itself (see runtimeChecks) and no room. Integrations add theirs
   * later through `host.diagnostics` (registerChecks, registerFixes, setRoomSource).
   */
  guides?: {
    content?: () => GuideContent;
    checks?: CheckRegistry;
    fixes?: FixRegistry;
    room?: RoomSource;
    /** Parse the guides in the background after start-up (default: yes, except in the CLI). */
    loadAtStart?: boolean;
    /**
     * How long after start-up (default 3 s): parsing shares main's event loop, which also serves the
     * first page (app protocol, web preview), so it waits until the window has painted.
     */
    loadDelayMs?: number;
  };
  /**
   * Chosen files: the app passes its native dialog (`pickFile`); the web preview may lower the upload
   * cap (tests).
   */
  files?: Pick<FilesModuleOptions, 'pickFile' | 'maxUploadBytes'>;
  /**
   * The laptop's screens: the app passes the projector tracker (Electron `screen`) and its presentation
   * window; `system: true` gives the web preview the real display service (`--display-mode`); tests
   * pass a service on a fake runner.
   */
  display?: Pick<DisplayModuleOptions, 'service' | 'system' | 'tracker' | 'presentation'>;
  /** Casting overrides (tests: drivers, media server pool, the mirroring-panel runner, platform). */
  cast?: Pick<CastModuleOptions, 'service' | 'runner' | 'platform' | 'env'>;
}

/** What `report.get` and `classe report` produce. */
export interface BuiltReport {
  json: DiagnosticReport;
  text: string;
}

export interface Host {
  readonly dispatcher: Dispatcher;
  readonly events: TypedEmitter<HostEvents>;
  readonly logBook: LogBook;
  readonly services: {
    settings: SettingsService;
    /** The IT profile: status, summary, features(), inventory(), rooms(), placementRoom(), guidePacks(). */
    profiles: ProfileService;
    /** Passwords typed in the app (never cross the contract). */
    secrets: SecretStore;
    /** The one function the PJLink code calls for a projector's password (typed password, then profile). */
    pjlinkPassword: PjlinkPasswordLookup;
    /** The diagnostic report, scrubbed of every known secret. */
    report(lang: Lang): Promise<BuiltReport>;
    /** The profile draft of "Exporter un profil depuis ce poste" (with passwords only for the CLI). */
    exportProfile(options: { includePasswords: boolean }): Promise<ExportedDraft>;
    /** Registry, discovery, rooms, PJLink services and the demo classroom. */
    devices: DevicesModule;
    /** The teacher's chosen files (opaque ids) and, in the web preview, the upload store. */
    files: FilesModule;
    /** Casting to Google Cast / DLNA screens, « Projeter sans fil ». */
    cast: CastModule;
    /** Display mode, projector display, presentation window. */
    display: DisplayModule;
    /** The guides, loaded in the background after start-up (resolves once loaded). */
    guides: () => Promise<GuideLibrary>;
    diagnostics: DiagnosticsEngine;
  };
  /**
   * Where integrations plug their checks, fixes and room into the diagnostics:
   * `host.diagnostics.registerChecks({ 'projector.power': … })`, `registerFixes({ 'projector.powerOn': … })`,
   * `setRoomSource(() => ({ room, devices }))`. Unregistered checks show « non disponible ».
   */
  readonly diagnostics: DiagnosticsRegistry;
  dispose(): Promise<void>;
}

export async function createHost(options: HostOptions): Promise<Host> {
  const logBook = options.logBook ?? new LogBook();
  const log = logBook.logger('host');
  const events = new TypedEmitter<HostEvents>();
  const startedAt = Date.now();
  const disposers: (() => void | Promise<void>)[] = [];

  const settings = new SettingsService(options.settingsStore, options.locale, logBook.logger('settings'));
  await settings.init();
  disposers.push(settings.on('changed', (view) => events.emit('settings.changed', view)));
  disposers.push(
    settings.on('recovered', () =>
      events.emit('app.notice', { id: `settings-recovered-${Date.now()}`, level: 'warning', code: 'settings.recovered' }),
    ),
  );

  // ---- IT profile, secrets, report ----------------------------------------------------------------
  const env = options.env ?? process.env;
  const location = resolveManagedLocation({ platform: options.platform ?? process.platform, env, profileOption: options.profilePath ?? null });
  const secrets = options.secretStore ?? new FileSecretStore(join(options.userDataDir, 'secrets.json'), { logger: logBook.logger('secrets') });
  const redact = (secret: string) => logBook.redact(secret);
  const profiles = new ProfileService({
    location,
    userDataDir: options.userDataDir,
    settings,
    logger: logBook.logger('profiles'),
    redact,
    ...options.profileService,
  });
  const pjlinkPassword = createPjlinkPasswordLookup({ profile: profiles, secrets, logger: logBook.logger('secrets') });
  // Passwords typed earlier are masked in every log line from now on (the profile's are registered by the service).
  void collectKnownSecrets({ profile: null, secrets }).then(
    (list) => list.forEach(redact),
    () => log.warn('could not read the stored passwords to mask them in logs'),
  );
  const emitOverview = () => events.emit('profile.changed', profileOverview(profiles, secrets));
  disposers.push(profiles.on('status', emitOverview));
  disposers.push(profiles.on('changed', emitOverview));
  disposers.push(() => profiles.dispose());
  const started = profiles.start().catch((e: unknown) => log.error(`profile start failed: ${String(e).slice(0, 300)}`));
  const waitMs = options.profileWaitMs === undefined ? 3000 : options.profileWaitMs;
  if (waitMs === null) await started;
  else {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([started, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  // ---- Chosen files, the laptop's screens ----------------------------------------------------------
  const files = createFilesModule({ runtime: options.runtime, logBook, userDataDir: options.userDataDir, ...options.files });
  disposers.push(() => files.dispose());
  const display = createDisplayModule({ runtime: options.runtime, logBook, events, settings, files: files.registry, ...options.display });
  disposers.push(() => display.dispose());

  // ---- Devices, rooms, projector control, demo classroom -------------------------------------------
  const { start: startDevices, ...deviceOverrides } = options.devices ?? {};
  const displayHook = display.displayHook;
  const devices = await createDevicesModule({
    runtime: options.runtime,
    settings,
    profiles,
    pjlinkPassword,
    userDataDir: options.userDataDir,
    logBook,
    events,
    // « Afficher mon écran » also sets the laptop's display mode where this runtime may (see display-module.ts).
    displayHook: displayHook ? ({ mode, signal }) => displayHook({ mode, signal }) : null,
    ...deviceOverrides,
  });
  disposers.push(() => devices.dispose());

  // ---- Casting ---------------------------------------------------------------------------------------
  const cast = createCastModule({
    registry: devices.registry,
    files: files.registry,
    events,
    logBook,
    onScreenGone: (listener) => devices.onScreenGone(listener),
    darwinMajor: darwinMajor(),
    ...(options.platform ? { platform: options.platform } : {}),
    ...options.cast,
  });
  // Ends casts (receivers told to stop, media servers closed) before the devices go.
  disposers.push(() => cast.dispose());
  const knownDevices = (): readonly Device[] => devices.knownDevices();
  const report = async (lang: Lang): Promise<BuiltReport> => {
    const roomId = settings.get('room');
    const { json, text } = await reportCommand({
      lang,
      sources: {
        app: { name: APP_NAME, version: options.version, runtime: options.runtime, electron: options.electronVersion ?? null },
        locale: options.locale,
        profileStatus: () => profiles.status(),
        room: () => {
          if (roomId === null) return null;
          const room = profiles.rooms().find((r) => r.id === roomId);
          return { id: roomId, name: room?.name ?? roomId };
        },
        devices: knownDevices,
        recentLog: (count) => logBook.recent(count),
        secrets: () => collectKnownSecrets({ profile: profiles, secrets }),
      },
    });
    return { json, text };
  };
  const exportProfile = (opts: { includePasswords: boolean }) =>
    exportProfileDraft({ profiles, devices: knownDevices(), passwordFor: pjlinkPassword, includePasswords: opts.includePasswords });

  // Guides: parsing the 38 Markdown files takes 0.5–3 s on a school laptop, so it happens after
  // start-up and after the first paint, in the background (GuideLibrary.load yields between files);
  // a guides.* call before that starts it at once and waits for it. A failed load is retried by the
  // next call.
  let library: GuideLibrary | null = null;
  let libraryPromise: Promise<GuideLibrary> | null = null;
  let libraryFailed = false;
  // The profile's guide packs (the school's own guides, or ours adapted): applied once the guides are
  // loaded and again whenever the profile changes, one application at a time.
  let packsApplied = false;
  let packChain: Promise<void> = Promise.resolve();
  const applyGuidePacks = (lib: GuideLibrary): Promise<void> =>
    (packChain = packChain
      .then(async () => {
        const packs: ItPack[] = profiles.guidePacks().map(({ pack, folder }) => ({
          guides: (pack.entries ?? []).map((e) => ({ id: e.id, lang: e.language, markdown: e.markdown })),
          folder,
        }));
        // Nothing to add and nothing to take away: leave the library (and the renderer's caches) alone.
        if (packs.length === 0 && !packsApplied) return;
        packsApplied = packs.length > 0;
        const problems = await lib.setItPack(packs);
        log.info(`guide packs applied (${packs.length}, ${problems.length} problem(s))`);
      })
      .catch((e: unknown) => log.warn(`guide packs not applied: ${e instanceof Error ? e.message : String(e)}`)));
  disposers.push(profiles.on('changed', () => void (library ? applyGuidePacks(library) : undefined)));
  const loadLibrary = (): Promise<GuideLibrary> =>
    (libraryPromise ??= GuideLibrary.load((options.guides?.content ?? bundledGuides)(), { logger: logBook.logger('guides') }).then(
      async (loaded) => {
        library = loaded;
        await applyGuidePacks(loaded);
        libraryFailed = false;
        disposers.push(loaded.on('changed', (change) => events.emit('guides.changed', change)));
        log.info(`guides loaded (${loaded.ids().length})`);
        return loaded;
      },
      (e: unknown) => {
        libraryPromise = null;
        libraryFailed = true;
        log.error(`guides failed to load: ${e instanceof Error ? e.message : String(e)}`);
        throw new ServiceError('guides.load_failed', { guide: 'guide:contact-it' });
      },
    ));
  const diagnosticsRegistry = new DiagnosticsRegistry(logBook.logger('diagnostics'));
  const builtIn = runtimeChecks(options.runtime);
  // The room's devices come from the registry, and so do the projector checks and fixes that read them.
  // A host given another room source (tests of the diagnostics themselves) gets neither.
  const projectorDiag = options.guides?.room ? { checks: {}, fixes: {} } : devices.diagnostics();
  // display.external / display.duplicate where a display service runs (app, CLI, web preview with
  // --display-mode); like the projector checks, not for a host given its own room (diagnostics tests).
  const displayDiag = options.guides?.room ? { checks: {}, fixes: {} } : display.diagnostics();
  diagnosticsRegistry.registerChecks({ ...builtIn.checks, ...projectorDiag.checks, ...displayDiag.checks, ...options.guides?.checks });
  diagnosticsRegistry.registerFixes({ ...builtIn.fixes, ...projectorDiag.fixes, ...displayDiag.fixes, ...options.guides?.fixes });
  diagnosticsRegistry.setRoomSource(options.guides?.room ?? (() => devices.roomSnapshot()));
  const diagnostics = new DiagnosticsEngine({
    checks: diagnosticsRegistry.checks,
    fixes: diagnosticsRegistry.fixes,
    guides: { get: (id, lang) => library?.get(id, lang) ?? null },
    room: diagnosticsRegistry.room,
    logger: logBook.logger('diagnostics'),
  });
  disposers.push(diagnostics.on('updated', (run) => events.emit('diagnostics.updated', run)));
  let preload: ReturnType<typeof setTimeout> | null = null;
  if (options.guides?.loadAtStart ?? options.runtime !== 'cli') {
    preload = setTimeout(() => void loadLibrary().catch(() => {}), options.guides?.loadDelayMs ?? 3000);
    // Never the reason the process stays alive.
    preload.unref?.();
  }

  // One handler per contract channel, grouped by domain (main/handlers/<domain>.ts). The type makes a
  // missing channel a compile error.
  const handlers: Handlers = {
    ...appHandlers({
      desktop: options.desktop ?? null,
      runtime: options.runtime,
      version: options.version,
      electronVersion: options.electronVersion ?? null,
      locale: options.locale,
      startedAt,
      checks: [
        () => ({ id: 'settings', ok: true }),
        () => {
          const status = profiles.status();
          return status.problem ? { id: 'profile', ok: false, detail: status.problem.code } : { id: 'profile', ok: true };
        },
        () => ({ id: 'guides', ok: !libraryFailed, detail: library ? `${library.ids().length} guides` : libraryFailed ? 'load failed' : 'loading' }),
      ],
    }),
    ...settingsHandlers(settings),
    ...profileHandlers({
      profiles,
      secrets,
      // The UI never exports passwords: they must not cross the contract (the CLI can, into a file).
      exportDraft: () => exportProfile({ includePasswords: false }),
      redact,
      notify: (notice) => events.emit('app.notice', notice),
      logger: logBook.logger('profiles'),
    }),
    ...reportHandlers({ build: report, language: () => settings.view().resolvedLanguage }),
    ...devices.handlers,
    ...files.handlers,
    ...cast.handlers,
    ...display.handlers,
    ...guidesHandlers({
      library: loadLibrary,
      diagnostics,
      language: () => settings.view().resolvedLanguage,
      room: diagnosticsRegistry.room,
      appLabel: `${APP_NAME} ${options.version} (${options.runtime}, ${platform})`,
    }),
  };

  const dispatcher = createDispatcher(handlers, logBook.logger('rpc'));
  if (startDevices ?? options.runtime !== 'cli') await devices.start();
  log.info(`host ready (${options.runtime})`);

  return {
    dispatcher,
    events,
    logBook,
    services: { settings, profiles, secrets, pjlinkPassword, report, exportProfile, devices, files, cast, display, guides: loadLibrary, diagnostics },
    diagnostics: diagnosticsRegistry,
    async dispose() {
      if (preload) clearTimeout(preload);
      for (const d of disposers.reverse()) await d();
      events.removeAll();
    },
  };
}

export { EVENT_NAMES };
