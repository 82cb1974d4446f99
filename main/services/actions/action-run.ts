/**
 * One running action: its progress events, its outcome (a promise that never rejects) and its cancel.
 * Progress starts on the next microtask, so listeners attached right after `start()` see every event.
 */
import { TypedEmitter } from '../core/emitter';
import type { ActionKind, ActionOutcome, ActionProgress } from './types';

export interface ActionRunEvents extends Record<string, unknown> {
  progress: ActionProgress;
  done: ActionOutcome;
}

export class ActionRun extends TypedEmitter<ActionRunEvents> {
  readonly controller = new AbortController();
  readonly result: Promise<ActionOutcome>;
  private resolveResult!: (outcome: ActionOutcome) => void;
  private last: ActionProgress | null = null;
  private inputAnswer: ((code: string | null) => void) | null = null;
  private finished = false;

  constructor(
    readonly id: string,
    readonly kind: ActionKind,
    readonly deviceKey: string,
  ) {
    super();
    this.result = new Promise((resolve) => {
      this.resolveResult = resolve;
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lastProgress(): ActionProgress | null {
    return this.last;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Stops the action at the next step; nothing more is sent. Idempotent. */
  cancel(): void {
    if (!this.finished) this.controller.abort();
  }

  /** Answers a `needs_input` step; false when nothing is waiting. */
  provideInput(code: string | null): boolean {
    const answer = this.inputAnswer;
    if (!answer) return false;
    this.inputAnswer = null;
    answer(code);
    return true;
  }

  /** @internal */
  waitForInput(timeoutMs: number): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inputAnswer = null;
        resolve(null);
      }, timeoutMs);
      const onAbort = () => {
        clearTimeout(timer);
        this.inputAnswer = null;
        reject(this.signal.reason);
      };
      this.signal.addEventListener('abort', onAbort, { once: true });
      this.inputAnswer = (code) => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', onAbort);
        resolve(code);
      };
    });
  }

  /** @internal */
  report(progress: ActionProgress): void {
    if (this.finished) return;
    this.last = progress;
    this.emit('progress', progress);
  }

  /** @internal */
  finish(outcome: ActionOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.inputAnswer = null;
    this.emit('done', outcome);
    this.resolveResult(outcome);
  }
}
