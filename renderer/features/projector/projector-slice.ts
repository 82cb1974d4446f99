import type { StateCreator } from 'zustand';
import type { ActionDone, ActionKind, ActionProgress, ActionStart, ProjectorInput, ProjectorStatus } from '../../../preload/contract/projector';
import type { ErrorInfo } from '../../../preload/contract';
import { api } from '../../store/api';
import type { RootState } from '../../store';

/** The one-click action running (or just finished) on a device, as the card shows it. */
export interface RunState {
  /** null until main has answered (the card already shows "Connexion…": within 100 ms of the click). */
  actionId: string | null;
  kind: ActionKind;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  step: string;
  stepKey: string;
  params: Record<string, string | number>;
  progress: number | null;
  /** `needs_input`: the inputs to choose from. */
  choices: ProjectorInput[] | null;
  error: ErrorInfo | null;
  warnings: ErrorInfo[];
  startedAt: number;
  /** When the last progress arrived: the countdown keeps ticking in between. */
  progressAt: number;
}

export interface ProjectorSlice {
  projectorStatus: Record<string, ProjectorStatus>;
  runs: Record<string, RunState>;
  /** Applies a status at once. */
  receiveStatus(status: ProjectorStatus): void;
  /**
   * Takes a status from main's events: applied with the others of the same animation frame (see
   * `flushStatuses`). Hundreds of projectors report together (window shown again, network back);
   * one store update per frame instead of one per projector keeps the list smooth.
   */
  queueStatus(status: ProjectorStatus): void;
  /** Applies the queued statuses now (before anything that reads or changes a status), or the first `limit`. */
  flushStatuses(limit?: number): void;
  loadProjectorStatus(deviceId: string, refresh?: boolean): Promise<void>;
  startAction(request: ActionStart): Promise<void>;
  receiveProgress(progress: ActionProgress): void;
  receiveDone(done: ActionDone): void;
  cancelAction(deviceId: string): Promise<void>;
  provideInput(deviceId: string, input: string): Promise<void>;
  dismissRun(deviceId: string): void;
}

export const projectorInitialState = {
  projectorStatus: {} as Record<string, ProjectorStatus>,
  runs: {} as Record<string, RunState>,
};

/** What a click changes in the status at once, before the projector confirms (optimistic, corrected by the next status). */
function optimisticStatus(status: ProjectorStatus | undefined, kind: ActionKind): ProjectorStatus | undefined {
  if (!status) return status;
  switch (kind) {
    case 'blank':
      return { ...status, mute: { video: true, audio: true } };
    case 'unblank':
      return { ...status, mute: { video: false, audio: false } };
    case 'freeze':
      return { ...status, freeze: true };
    case 'unfreeze':
      return { ...status, freeze: false };
    default:
      return status;
  }
}

/**
 * At most this many cards change per frame: React renders a store update in one go (an external store
 * cannot be time-sliced), so a burst of 500 statuses is spread over frames rather than freezing one.
 */
const STATUSES_PER_FRAME = 40;

/**
 * Runs `flush` once, at the next animation frame, or after 100 ms when frames do not come (a hidden
 * window gets none; the statuses must still land).
 */
function nextFrame(flush: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
}

export const createProjectorSlice: StateCreator<RootState, [], [], ProjectorSlice> = (set, get) => {
  // Statuses waiting for the next frame (per store: tests create their own).
  const pending = new Map<string, ProjectorStatus>();
  let scheduled = false;
  return {
    ...projectorInitialState,
    receiveStatus(status) {
      pending.delete(status.deviceId);
      set({ projectorStatus: { ...get().projectorStatus, [status.deviceId]: status } });
    },
    queueStatus(status) {
      pending.set(status.deviceId, status);
      if (scheduled) return;
      scheduled = true;
      nextFrame(() => get().flushStatuses(STATUSES_PER_FRAME));
    },
    flushStatuses(limit = Infinity) {
      scheduled = false;
      if (pending.size === 0) return;
      const batch: Record<string, ProjectorStatus> = {};
      let n = 0;
      for (const [id, status] of pending) {
        if (n++ >= limit) break;
        batch[id] = status;
        pending.delete(id);
      }
      set({ projectorStatus: { ...get().projectorStatus, ...batch } });
      if (pending.size > 0) {
        scheduled = true;
        nextFrame(() => get().flushStatuses(STATUSES_PER_FRAME));
      }
    },
    async loadProjectorStatus(deviceId, refresh = false) {
      const r = refresh ? await api().projector.refresh({ deviceId }) : await api().projector.status({ deviceId });
      // Each card asks for its status when it appears: 500 answers land in a few frames, not 500 renders.
      if (r.ok && r.value) get().queueStatus(r.value);
    },
    async startAction(request) {
      get().flushStatuses();
      const { deviceId, kind } = request;
      const now = Date.now();
      const previousStatus = get().projectorStatus[deviceId];
      const optimistic = optimisticStatus(previousStatus, kind);
      set({
        runs: {
          ...get().runs,
          [deviceId]: { actionId: null, kind, status: 'running', step: 'connecting', stepKey: 'actions:step.connecting', params: {}, progress: null, choices: null, error: null, warnings: [], startedAt: now, progressAt: now },
        },
        ...(optimistic && optimistic !== previousStatus ? { projectorStatus: { ...get().projectorStatus, [deviceId]: optimistic } } : {}),
      });
      const r = await api().actions.start(request);
      const run = get().runs[deviceId];
      if (!run || run.startedAt !== now) return;
      if (r.ok) {
        if (run.actionId === null) set({ runs: { ...get().runs, [deviceId]: { ...run, actionId: r.value.actionId } } });
      } else {
        if (previousStatus) set({ projectorStatus: { ...get().projectorStatus, [deviceId]: previousStatus } });
        set({ runs: { ...get().runs, [deviceId]: { ...run, status: 'failed', step: 'failed', stepKey: 'actions:step.failed', error: r.error } } });
      }
    },
    receiveProgress(p) {
      get().flushStatuses();
      const run = get().runs[p.deviceId];
      // Progress of another action on this device (e.g. started from the CLI) still shows.
      const base: RunState = run && (run.actionId === null || run.actionId === p.actionId) ? run : { actionId: p.actionId, kind: p.kind, status: 'running', step: p.step, stepKey: p.stepKey, params: {}, progress: null, choices: null, error: null, warnings: [], startedAt: Date.now(), progressAt: Date.now() };
      const status = get().projectorStatus[p.deviceId];
      set({
        runs: {
          ...get().runs,
          [p.deviceId]: { ...base, actionId: p.actionId, status: 'running', step: p.step, stepKey: p.stepKey, params: p.params, progress: p.progress, choices: p.choices ?? null, progressAt: Date.now() },
        },
        // The action knows the power state first (warming up, cooling): the status pill follows at once.
        ...(p.power && status && status.power !== p.power ? { projectorStatus: { ...get().projectorStatus, [p.deviceId]: { ...status, power: p.power } } } : {}),
      });
    },
    receiveDone(d) {
      const run = get().runs[d.deviceId];
      if (run && run.actionId !== null && run.actionId !== d.actionId) return;
      const base: RunState = run ?? { actionId: d.actionId, kind: d.kind, status: 'running', step: '', stepKey: '', params: {}, progress: null, choices: null, error: null, warnings: [], startedAt: Date.now(), progressAt: Date.now() };
      set({
        runs: {
          ...get().runs,
          [d.deviceId]: { ...base, actionId: d.actionId, status: d.status, step: d.status === 'succeeded' ? 'done' : d.status, stepKey: `actions:step.${d.status === 'succeeded' ? 'done' : d.status}`, progress: d.status === 'succeeded' ? 1 : base.progress, choices: null, error: d.error, warnings: d.warnings },
        },
      });
      // The status changed for sure: ask for it now rather than waiting for the next poll.
      void get().loadProjectorStatus(d.deviceId, true);
    },
    async cancelAction(deviceId) {
      const run = get().runs[deviceId];
      if (!run?.actionId) return;
      await api().actions.cancel({ actionId: run.actionId });
    },
    async provideInput(deviceId, input) {
      const run = get().runs[deviceId];
      if (!run?.actionId) return;
      set({ runs: { ...get().runs, [deviceId]: { ...run, choices: null, step: 'selecting_input', stepKey: 'actions:step.selecting_input' } } });
      const r = await api().actions.provideInput({ actionId: run.actionId, input });
      if (!r.ok) get().pushError(r.error);
    },
    dismissRun(deviceId) {
      const runs = { ...get().runs };
      delete runs[deviceId];
      set({ runs });
    },
  };
};

/** Seconds left in a countdown step, ticking down locally between two progress events. */
export function remainingSeconds(run: RunState, now: number): number | null {
  const r = run.params.remainingSeconds;
  if (typeof r !== 'number') return null;
  return Math.max(0, Math.round(r - (now - run.progressAt) / 1000));
}
