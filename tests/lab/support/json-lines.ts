/**
 * Talks to a lab process that speaks JSON lines (cast-runner.ts, cast-receiver-runner.ts): requests
 * with ids, and events kept in order so a test can wait for one.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type JsonEvent = { event: string } & Record<string, unknown>;

/** Calls `onLine` with each JSON line a lab process prints (lines that are not JSON go to `onOther`). */
export function onJsonLines<T>(stream: NodeJS.ReadableStream, onLine: (value: T) => void, onOther: (line: string) => void = () => {}): void {
  createInterface({ input: stream }).on('line', (line) => {
    let value: T;
    try {
      value = JSON.parse(line) as T;
    } catch {
      onOther(line);
      return;
    }
    onLine(value);
  });
}

export class JsonLinesProcess {
  readonly events: JsonEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly waiters = new Set<() => void>();
  private stderr = '';
  private exited: string | null = null;

  constructor(
    readonly child: ChildProcess,
    private readonly what: string,
  ) {
    if (!child.stdout || !child.stdin) throw new Error(`${what}: stdio must be pipes`);
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-20_000);
    });
    child.on('exit', (code, signal) => {
      this.exited = `${what} exited (${code ?? signal})`;
      for (const p of this.pending.values()) p.reject(new Error(`${this.exited}\n${this.stderr.slice(-3000)}`));
      this.pending.clear();
      for (const w of this.waiters) w();
    });
  }

  get log(): string {
    return this.stderr;
  }

  private onLine(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.stderr += `[stdout] ${line}\n`;
      return;
    }
    if (typeof msg['id'] === 'number') {
      const p = this.pending.get(msg['id']);
      if (!p) return;
      this.pending.delete(msg['id']);
      if (msg['ok']) p.resolve(msg['value']);
      else p.reject(Object.assign(new Error(`${this.what}: ${JSON.stringify(msg['error'])}`), { info: msg['error'] }));
      return;
    }
    if (typeof msg['event'] === 'string') {
      this.events.push(msg as JsonEvent);
      for (const w of [...this.waiters]) w();
    }
  }

  /** Sends a command; resolves with its value, rejects with its error (`.info` holds the ErrorInfo). */
  request<T = unknown>(op: string, args: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.what}: ${op} did not answer within ${timeoutMs} ms\n${this.stderr.slice(-3000)}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(t);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      });
      this.child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  /** Writes a raw command line (processes that only acknowledge with events). */
  write(payload: Record<string, unknown>): void {
    this.child.stdin!.write(`${JSON.stringify(payload)}\n`);
  }

  /** Waits for an event (already received after index `from`, or future). */
  waitForEvent(predicate: (e: JsonEvent) => boolean, timeoutMs = 15_000, from = 0): Promise<JsonEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.events.slice(from).find(predicate);
        if (hit) {
          cleanup();
          resolve(hit);
          return true;
        }
        if (this.exited) {
          cleanup();
          reject(new Error(`${this.exited} while waiting for an event\n${this.stderr.slice(-3000)}`));
          return true;
        }
        return false;
      };
      const t = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.what}: expected event not seen within ${timeoutMs} ms; last events:\n${JSON.stringify(this.events.slice(-8), null, 1).slice(-4000)}\n${this.stderr.slice(-3000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(t);
        this.waiters.delete(waiter);
      };
      const waiter = () => void check();
      if (check()) return;
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.child.stdin?.end();
  }
}
