/**
 * The laptop's screens, for the host: its display mode (DisplayModeService), which display is the
 * projector (the app feeds a ProjectorDisplayTracker from Electron's `screen`), the « Afficher mon
 * écran » hook, the guides' `display.external` check and `display.duplicate` fix, and « Présenter sur
 * le vidéoprojecteur » through the app's PresentationController.
 *
 * The web preview (see docs/development.md, « Aperçu web et affichage »): by default it has NO display
 * service. It runs on a developer's or trainer's computer, in CI and in the end-to-end tests, next to a
 * simulated classroom: clicking « Afficher mon écran » on a demo projector there must not rearrange
 * that computer's real monitors. `classe-web --display-mode` (host option `display.system: true`)
 * turns the real service on for someone demoing on the very laptop that is cabled to a projector.
 * Without it, display.status says `web-preview`, display.setMode answers display.web_preview and the
 * guides keep their « non vérifié dans l'aperçu web » explanation.
 */
import { release } from 'node:os';
import type { DisplayModeOutcome, DisplayStatus, PresentationEvent, PresentationView } from '../../../preload/contract/display';
import type { HostEvents } from '../../host';
import type { Handlers, Runtime } from '../../rpc/dispatcher';
import type { TypedEmitter } from '../../services/core/emitter';
import { ServiceError } from '../../services/core/errors';
import type { LogBook } from '../../services/core/logger';
import { createSystemDisplayModeService, displayModeError, type DisplayModeService, type DisplayModeState } from '../../services/display/display-mode-service';
import type { DisplayMode } from '../../services/display/display-types';
import type { ProjectorDisplayTracker } from '../../services/display/projector-tracker';
import type { PresentationPort } from '../../services/display/presentation-port';
import type { PresentationCommand, PresentationState } from '../../services/display/presentation-state';
import type { CheckRegistry, FixRegistry } from '../../services/guides/diagnostics';
import type { FileRegistry } from '../../services/files/file-registry';
import type { SettingsService } from '../../services/settings/settings-service';

export interface DisplayModuleOptions {
  runtime: Runtime;
  logBook: LogBook;
  events: TypedEmitter<HostEvents>;
  settings: SettingsService;
  files: FileRegistry;
  /**
   * The display-mode service. Default: the system's in the app and the CLI; none in the web preview
   * unless `system: true`. Tests pass one built on a fake CommandRunner.
   */
  service?: DisplayModeService | null;
  /** Web preview: use the real display service anyway (`--display-mode`). */
  system?: boolean;
  /** The app: the projector display, followed from Electron's `screen`. */
  tracker?: ProjectorDisplayTracker | null;
  /** The app: the presentation window. */
  presentation?: PresentationPort | null;
}

export interface DisplayModule {
  readonly service: DisplayModeService | null;
  readonly handlers: Pick<Handlers, 'display.status' | 'display.setMode' | 'present.start' | 'present.command' | 'present.stop' | 'present.current'>;
  /** For the devices module's « Afficher mon écran » (null: no display service here). */
  readonly displayHook: ((context: { mode: 'duplicate' | 'extend'; signal: AbortSignal }) => Promise<void>) | null;
  /** `display.external` and `display.duplicate` for the guides (empty without a display service). */
  diagnostics(): { checks: CheckRegistry; fixes: FixRegistry };
  status(): Promise<DisplayStatus>;
  dispose(): void;
}

/** The state of the presentation → what crosses the contract (the display id stays in main). */
export function toPresentationView(state: PresentationState): PresentationView {
  return {
    id: state.id,
    kind: state.kind,
    title: state.title,
    placement: state.placement,
    status: state.status,
    page: state.page,
    pageCount: state.pageCount,
    playing: state.playing,
    blackedOut: state.blackedOut,
    capabilities: { ...state.capabilities },
    notice: state.notice,
  };
}

/** A contract command → the presentation's command. Pure. */
export function toPresentationCommand(command: string, page?: number): PresentationCommand {
  switch (command) {
    case 'goto':
      return { type: 'goto', page: page ?? 1 };
    case 'black':
      return { type: 'black', on: true };
    case 'unblack':
      return { type: 'black', on: false };
    case 'next':
    case 'previous':
    case 'first':
    case 'last':
    case 'play':
    case 'pause':
    case 'toggle-play':
    case 'toggle-black':
    case 'close':
      return { type: command };
    default:
      throw new RangeError(`unknown presentation command ${command}`);
  }
}

/** The guides' check and fix over a display service. */
export function displayDiagnostics(service: Pick<DisplayModeService, 'query' | 'ensureDisplayMode'>): { checks: CheckRegistry; fixes: FixRegistry } {
  return {
    checks: {
      'display.external': {
        async run() {
          const q = await service.query();
          if (!q.canApply) return { status: 'skipped', reason: 'unsupported', detail: q.environment };
          if (q.externalConnected === false || q.topology === 'single') return { status: 'fail', reason: 'none', fixable: false };
          switch (q.topology) {
            case 'duplicate':
              return { status: 'pass', reason: 'duplicate' };
            case 'extend':
              return { status: 'fail', reason: 'extend' };
            case 'external':
              return { status: 'warn', reason: 'external_only', fixable: true };
            case 'internal':
              return { status: 'fail', reason: 'internal_only' };
            default:
              return { status: 'skipped', reason: 'unsupported', detail: 'topology unknown' };
          }
        },
      },
    },
    fixes: {
      'display.duplicate': {
        async run() {
          const result = await service.ensureDisplayMode('duplicate', { openSettings: true });
          const error = displayModeError(result);
          if (error) throw error;
        },
      },
    },
  };
}

function unavailable(): ServiceError {
  return new ServiceError('display.presentation_unavailable', { guide: 'guide:display-mode' });
}

export function createDisplayModule(options: DisplayModuleOptions): DisplayModule {
  const log = options.logBook.logger('display');
  const useSystem = options.runtime !== 'web' || options.system === true;
  const service = options.service !== undefined ? options.service : useSystem ? createSystemDisplayModeService(log) : null;
  const tracker = options.tracker ?? null;
  const presentation = options.presentation ?? null;
  const disposers: (() => void)[] = [];
  const preferredMode = (): 'duplicate' | 'extend' => options.settings.get('displayMode');

  function projectorView(): DisplayStatus['projector'] {
    const p = tracker?.current()?.projector;
    if (!p) return null;
    const d = p.display;
    const scale = d.scaleFactor > 0 ? d.scaleFactor : 1;
    const size = d.nativeSize ?? { width: Math.round((d.size?.width ?? d.bounds.width) * scale), height: Math.round((d.size?.height ?? d.bounds.height) * scale) };
    return { label: (d.edidName || d.label || '').slice(0, 200), width: size.width, height: size.height, confidence: p.confidence };
  }

  function viewOf(q: DisplayModeState | null): DisplayStatus {
    const decision = tracker?.current() ?? null;
    return {
      environment: q ? q.environment : 'web-preview',
      canApply: q?.canApply ?? false,
      topology: q?.topology ?? 'unknown',
      externalConnected: q?.externalConnected ?? (decision ? decision.externalCount > 0 : null),
      projector: projectorView(),
      presentationAvailable: presentation !== null,
      preferredMode: preferredMode(),
    };
  }

  // One query at a time: the status panel, a plug event and a mode switch may ask together, and on
  // Windows each query is a PowerShell run.
  let inFlight: Promise<DisplayStatus> | null = null;
  const status = (): Promise<DisplayStatus> =>
    (inFlight ??= (async () => {
      try {
        return viewOf(service ? await service.query() : null);
      } finally {
        inFlight = null;
      }
    })());

  const emitChanged = () =>
    void status().then(
      (s) => options.events.emit('display.changed', s),
      (e: unknown) => log.warn(`display status failed: ${e instanceof Error ? e.message : String(e)}`),
    );

  if (tracker) {
    // Windows sends bursts while it switches modes: one update after things settle.
    let timer: ReturnType<typeof setTimeout> | null = null;
    disposers.push(
      tracker.on('changed', () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          emitChanged();
        }, 400);
        timer.unref?.();
      }),
      () => {
        if (timer) clearTimeout(timer);
      },
    );
  }

  if (presentation) {
    let last: PresentationState | null = null;
    disposers.push(
      presentation.on('state', (state) => {
        last = state;
        if (state.status !== 'ended') options.events.emit('present.state', { state: toPresentationView(state), ended: null } satisfies PresentationEvent);
      }),
      presentation.on('ended', (ended) => {
        const state: PresentationState | null = last && last.id === ended.id ? { ...last, status: 'ended' } : null;
        if (state) options.events.emit('present.state', { state: toPresentationView(state), ended: { reason: ended.reason, error: ended.error } });
      }),
    );
  }

  const ensure = async (mode: DisplayMode) => {
    if (!service) throw new ServiceError('display.web_preview', { guide: 'guide:display-mode' });
    const result = await service.ensureDisplayMode(mode, { openSettings: true });
    const error = displayModeError(result)?.toInfo() ?? null;
    const now = await status();
    options.events.emit('display.changed', now);
    const outcome: DisplayModeOutcome = {
      mode,
      applied: result.applied,
      changed: result.applied ? result.changed : false,
      openedSettings: result.applied ? false : result.openedSettings,
      error,
      status: now,
    };
    return outcome;
  };

  const handlers: DisplayModule['handlers'] = {
    'display.status': () => status(),
    'display.setMode': ({ mode }) => ensure(mode),
    'present.start': async (input) => {
      if (!presentation) throw unavailable();
      let source: { type: 'file'; path: string } | { type: 'url'; url: string };
      if ('fileId' in input) {
        const file = options.files.get(input.fileId);
        if (!file.presentable) throw new ServiceError('display.presentation_unsupported_file', { params: { name: file.name } });
        source = { type: 'file', path: file.path };
      } else {
        source = { type: 'url', url: input.url };
      }
      return toPresentationView(await presentation.start({ source, displayId: input.displayId ?? null }));
    },
    'present.command': async ({ command, page }) => {
      if (!presentation) throw unavailable();
      return toPresentationView(await presentation.command(toPresentationCommand(command, page)));
    },
    'present.stop': async () => {
      if (!presentation) throw unavailable();
      const running = presentation.current() !== null;
      await presentation.stop();
      return { stopped: running };
    },
    'present.current': () => {
      const current = presentation?.current() ?? null;
      return current ? toPresentationView(current) : null;
    },
  };

  const displayHook = service
    ? async ({ mode }: { mode: 'duplicate' | 'extend'; signal: AbortSignal }) => {
        const result = await service.ensureDisplayMode(mode, { openSettings: true });
        if (result.applied && result.changed) emitChanged();
        const error = displayModeError(result);
        // A warning on « Afficher mon écran » (the projector part still succeeds), with its guide.
        if (error) throw error;
      }
    : null;

  return {
    service,
    handlers,
    displayHook,
    diagnostics: () => (service ? displayDiagnostics(service) : { checks: {}, fixes: {} }),
    status,
    dispose() {
      for (const d of disposers.splice(0)) d();
    },
  };
}

/** Darwin major version for the macOS settings URL (the cast module's mirroring pane too). */
export function darwinMajor(): number | null {
  if (process.platform !== 'darwin') return null;
  const m = /^(\d+)\./.exec(release());
  return m ? Number(m[1]) : null;
}
