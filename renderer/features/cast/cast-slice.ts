import type { StateCreator } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract';
import type { CastCommand, CastStatusView, CastTargets, WirelessOpened } from '../../../preload/contract/cast';
import type { DisplayMode, DisplayModeOutcome, DisplayStatus, PresentCommand, PresentationEvent, PresentationView } from '../../../preload/contract/display';
import type { FileRef } from '../../../preload/contract/files';
import { api } from '../../store/api';
import { fileBridge } from '../../bridge/files';
import type { RootState } from '../../store';

/** The projector by cable (« Présenter sur le vidéoprojecteur »), as a target next to the screens. */
export const WIRED_TARGET = 'wired';

export interface ChosenFileState {
  status: 'idle' | 'sending' | 'ready' | 'error';
  file: FileRef | null;
  /** Upload progress 0–1 (web preview), null otherwise. */
  progress: number | null;
  error: ErrorInfo | null;
}

export interface CastSlice {
  castTargets: CastTargets | null;
  /** The latest status of the cast on each screen (by device id), ended ones included until replaced. */
  casts: Record<string, CastStatusView>;
  chosen: ChosenFileState;
  /** Selected target: a device id, or WIRED_TARGET. */
  castTarget: string | null;
  /** A cast being started (before main answers), per screen. */
  castStarting: Record<string, boolean>;
  /** Why the last start failed, per screen (cast.busy offers « Prendre la main »). */
  castStartError: Record<string, ErrorInfo | null>;
  display: DisplayStatus | null;
  displaySwitching: DisplayMode | null;
  displayOutcome: DisplayModeOutcome | null;
  displayError: ErrorInfo | null;
  presentation: PresentationView | null;
  presentationEnded: PresentationEvent['ended'];
  presentationError: ErrorInfo | null;
  /** « Présenter une page web »: a page being opened, and why the last one was refused (shown by the field). */
  webPageStarting: boolean;
  webPageError: ErrorInfo | null;
  wireless: WirelessOpened | null;
  loadCastTargets(): Promise<void>;
  loadCasts(): Promise<void>;
  chooseFile(file: File): Promise<void>;
  pickFile(): Promise<void>;
  clearFile(): void;
  selectCastTarget(target: string | null): void;
  startCast(deviceId: string, options?: { takeOver?: boolean }): Promise<void>;
  controlCast(castId: string, command: CastCommand, seconds?: number): Promise<void>;
  dismissCastError(deviceId: string): void;
  receiveCastStatus(status: CastStatusView): void;
  loadDisplay(): Promise<void>;
  receiveDisplay(status: DisplayStatus): void;
  setDisplayMode(mode: DisplayMode): Promise<void>;
  startPresentation(): Promise<void>;
  presentWebPage(address: string): Promise<void>;
  dismissWebPageError(): void;
  presentCommand(command: PresentCommand): Promise<void>;
  stopPresentation(): Promise<void>;
  receivePresentation(event: PresentationEvent): void;
  openWireless(deviceId: string): Promise<void>;
  closeWireless(): void;
}

export const castInitialState = {
  castTargets: null as CastTargets | null,
  casts: {} as Record<string, CastStatusView>,
  chosen: { status: 'idle', file: null, progress: null, error: null } as ChosenFileState,
  castTarget: null as string | null,
  castStarting: {} as Record<string, boolean>,
  castStartError: {} as Record<string, ErrorInfo | null>,
  display: null as DisplayStatus | null,
  displaySwitching: null as DisplayMode | null,
  displayOutcome: null as DisplayModeOutcome | null,
  displayError: null as ErrorInfo | null,
  presentation: null as PresentationView | null,
  presentationEnded: null as PresentationEvent['ended'],
  presentationError: null as ErrorInfo | null,
  webPageStarting: false,
  webPageError: null as ErrorInfo | null,
  wireless: null as WirelessOpened | null,
};

/**
 * The address typed for « Présenter une page web », as main expects it: "www.lumni.fr/video" gets
 * "https://" (teachers often copy an address without it); one with another scheme ("http://…") is
 * left alone so main refuses it with display.presentation_url_invalid.
 */
export function webPageUrl(address: string): string {
  const text = address.trim();
  return /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^/:]+:\d/.test(text) ? text : `https://${text}`;
}

/** A cast still running (not ended). */
export function isLive(status: CastStatusView | undefined): status is CastStatusView {
  return status !== undefined && status.endReason === null;
}

export const createCastSlice: StateCreator<RootState, [], [], CastSlice> = (set, get) => ({
  ...castInitialState,
  async loadCastTargets() {
    const r = await api().cast.targets();
    if (r.ok) set({ castTargets: r.value });
  },
  async loadCasts() {
    const r = await api().cast.list();
    if (!r.ok) return;
    const casts = { ...get().casts };
    for (const s of r.value) casts[s.deviceId] = s;
    set({ casts });
  },
  async chooseFile(file) {
    set({ chosen: { status: 'sending', file: null, progress: 0, error: null } });
    const r = await fileBridge().register(file, (progress) => {
      if (get().chosen.status === 'sending') set({ chosen: { ...get().chosen, progress } });
    });
    const previous = get().chosen;
    if (previous.status !== 'sending') return;
    set({ chosen: r.ok ? { status: 'ready', file: r.value, progress: null, error: null } : { status: 'error', file: null, progress: null, error: r.error } });
  },
  async pickFile() {
    const pick = fileBridge().pick;
    if (!pick) return;
    const before = get().chosen;
    set({ chosen: { ...before, status: 'sending', progress: null, error: null } });
    const r = await pick();
    if (r.ok && r.value === null) return set({ chosen: before.status === 'sending' ? { status: 'idle', file: null, progress: null, error: null } : before });
    set({ chosen: r.ok ? { status: 'ready', file: r.value, progress: null, error: null } : { status: 'error', file: null, progress: null, error: r.error } });
  },
  clearFile() {
    const file = get().chosen.file;
    set({ chosen: castInitialState.chosen });
    // An uploaded copy is deleted in main; a picked file is only forgotten.
    if (file) void api().files.forget({ fileId: file.fileId });
  },
  selectCastTarget(castTarget) {
    set({ castTarget });
  },
  async startCast(deviceId, options = {}) {
    const file = get().chosen.file;
    if (!file) return;
    set({ castStarting: { ...get().castStarting, [deviceId]: true }, castStartError: { ...get().castStartError, [deviceId]: null } });
    const r = await api().cast.start({ fileId: file.fileId, deviceId, ...(options.takeOver ? { takeOver: true } : {}) });
    set({ castStarting: { ...get().castStarting, [deviceId]: false } });
    if (r.ok) get().receiveCastStatus(r.value);
    else set({ castStartError: { ...get().castStartError, [deviceId]: r.error } });
  },
  async controlCast(castId, command, seconds) {
    const r = await api().cast.control({ castId, command, ...(seconds !== undefined ? { seconds } : {}) });
    if (r.ok) get().receiveCastStatus(r.value);
    else get().pushError(r.error);
  },
  dismissCastError(deviceId) {
    set({ castStartError: { ...get().castStartError, [deviceId]: null } });
  },
  receiveCastStatus(status) {
    const current = get().casts[status.deviceId];
    // An older cast's late event must not replace the newer one shown for that screen.
    if (current && current.castId !== status.castId && current.updatedAt > status.updatedAt) return;
    if (current && current.castId === status.castId && current.updatedAt > status.updatedAt) return;
    set({ casts: { ...get().casts, [status.deviceId]: status } });
  },
  async loadDisplay() {
    const r = await api().display.status();
    if (r.ok) set({ display: r.value });
  },
  receiveDisplay(display) {
    set({ display });
  },
  async setDisplayMode(mode) {
    set({ displaySwitching: mode, displayError: null, displayOutcome: null });
    const r = await api().display.setMode({ mode });
    if (r.ok) set({ displaySwitching: null, displayOutcome: r.value, display: r.value.status, displayError: r.value.error });
    else set({ displaySwitching: null, displayError: r.error });
  },
  async startPresentation() {
    const file = get().chosen.file;
    if (!file) return;
    set({ presentationError: null, presentationEnded: null });
    const r = await api().present.start({ fileId: file.fileId });
    if (r.ok) set({ presentation: r.value });
    else set({ presentationError: r.error });
  },
  async presentWebPage(address) {
    if (!address.trim() || get().webPageStarting) return;
    set({ webPageStarting: true, webPageError: null, presentationError: null, presentationEnded: null });
    const r = await api().present.start({ url: webPageUrl(address) });
    if (r.ok) set({ webPageStarting: false, presentation: r.value });
    else set({ webPageStarting: false, webPageError: r.error });
  },
  dismissWebPageError() {
    set({ webPageError: null });
  },
  async presentCommand(command) {
    const r = await api().present.command({ command });
    if (r.ok) set({ presentation: r.value });
    else set({ presentationError: r.error });
  },
  async stopPresentation() {
    const r = await api().present.stop();
    if (!r.ok) set({ presentationError: r.error });
    else set({ presentation: null });
  },
  receivePresentation(event) {
    if (event.ended) set({ presentation: null, presentationEnded: event.ended, presentationError: event.ended.error });
    else set({ presentation: event.state, presentationEnded: null });
  },
  async openWireless(deviceId) {
    const r = await api().wireless.open({ deviceId });
    if (r.ok) set({ wireless: r.value });
    else get().pushError(r.error);
  },
  closeWireless() {
    set({ wireless: null });
  },
});
