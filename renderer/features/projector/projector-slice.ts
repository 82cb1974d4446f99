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
  receiveStatus(status: ProjectorStatus): void;
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

export const createProjectorSlice: StateCreator<RootState, [], [], ProjectorSlice> = (set, get) => ({
  ...projectorInitialState,
  receiveStatus(status) {
    set({ projectorStatus: { ...get().projectorStatus, [status.deviceId]: status } });
  },
  async loadProjectorStatus(deviceId, refresh = false) {
    const r = refresh ? await api().projector.refresh({ deviceId }) : await api().projector.status({ deviceId });
    if (r.ok && r.value) get().receiveStatus(r.value);
  },
  async startAction(request) {
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
});

/** Seconds left in a countdown step, ticking down locally between two progress events. */
export function remainingSeconds(run: RunState, now: number): number | null {
  const r = run.params.remainingSeconds;
  if (typeof r !== 'number') return null;
  return Math.max(0, Math.round(r - (now - run.progressAt) / 1000));
}
