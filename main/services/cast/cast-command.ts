/**
 * What `classe cast <file> --to <device|host> [--json]` and `classe cast stop --to …` do, as functions
 * the CLI calls (main/cli only parses arguments and maps the exit code). The cast command stays alive
 * while the screen plays: the receiver fetches the file from this process's media server.
 *
 * Output: with --json, one JSON object per line (`{"type":"status",…}` for each state change, then
 * `{"type":"result",…}`); otherwise short human lines from `describe` (the CLI passes its i18n).
 */
import type { Device } from '../../../preload/contract/devices';
import { isServiceError, toErrorInfo, type ErrorInfo } from '../core/errors';
import { castError } from './cast-errors';
import type { CastService, CastStatus } from './cast-service';
import { resolveCastTarget, type CastProtocol, type CastTarget } from './cast-target';

export interface CastCommandContext {
  service: CastService;
  /** The devices known now (registry snapshot after discovery). */
  devices: () => readonly Device[];
  /** Writes one line to stdout. */
  write: (line: string) => void;
  /** Human text for a status or an error (the CLI's i18n); default: codes. */
  describe?: (item: { status?: CastStatus; error?: ErrorInfo }) => string;
}

export interface CastCommandOptions {
  file: string;
  to: string;
  json?: boolean;
  takeOver?: boolean;
  /** PDF: first page (1-based, as people count). */
  page?: number;
  prefer?: CastProtocol;
  /** Ctrl+C: stop the cast and return. */
  signal?: AbortSignal;
  /** Return as soon as the screen accepted the file instead of waiting for the end (scripts, tests). */
  detach?: boolean;
}

/** Exit codes: 0 ok, 1 the cast failed, 2 bad target or file (nothing was sent). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function defaultDescribe({ status, error }: { status?: CastStatus; error?: ErrorInfo }): string {
  if (error) return `${error.code}${error.guide ? ` (${error.guide})` : ''}${error.detail ? `: ${error.detail}` : ''}`;
  if (!status) return '';
  const page = status.page ? ` page ${status.page.index + 1}/${status.page.count}` : '';
  return `${status.targetName}: ${status.state}${page} — ${status.file.name}`;
}

/** Resolves `--to` against the devices, as a ServiceError when it designates nothing castable. */
export function targetFor(to: string, devices: readonly Device[], prefer?: CastProtocol): CastTarget {
  const r = resolveCastTarget(to, devices, prefer);
  if (r.ok) return r.target;
  if (r.reason === 'unsupported') throw castError('cast.target_unsupported', { params: { name: to }, detail: `device ${r.candidates[0]} has no Cast or DLNA endpoint` });
  throw castError('cast.target_unknown', {
    params: { name: to },
    detail: r.reason === 'ambiguous' ? `several devices match: ${r.candidates.join(', ')}` : 'no known device matches',
  });
}

/** `classe cast <file> --to …`. Resolves with the exit code. */
export async function castCommand(ctx: CastCommandContext, options: CastCommandOptions): Promise<number> {
  const describe = ctx.describe ?? defaultDescribe;
  const out = (payload: Record<string, unknown>, human: string) => ctx.write(options.json ? JSON.stringify(payload) : human);
  let target: CastTarget;
  try {
    target = targetFor(options.to, ctx.devices(), options.prefer);
  } catch (e) {
    const error = toErrorInfo(e);
    out({ type: 'result', ok: false, error }, describe({ error }));
    return EXIT.usage;
  }

  let last: CastStatus | null = null;
  let resolveEnd: (s: CastStatus) => void = () => {};
  const ended = new Promise<CastStatus>((r) => (resolveEnd = r));
  const off = ctx.service.on('status', (s) => {
    // Only our session: the first event for this target after cast() is ours (a session it replaced
    // ends with endReason 'replaced' before).
    if (s.targetKey !== target.key || s.endReason === 'replaced' || (last && s.castId !== last.castId)) return;
    last = s;
    out({ type: 'status', status: s }, describe({ status: s }));
    if (s.endReason) resolveEnd(s);
  });
  const onAbort = () => void ctx.service.stop(target.key).catch(() => undefined);
  try {
    try {
      const first = await ctx.service.cast({ file: options.file, target, takeOver: options.takeOver, page: options.page ? options.page - 1 : undefined });
      last = first;
      if (options.detach || first.endReason) {
        out({ type: 'result', ok: first.state !== 'error', status: first }, describe({ status: first }));
        return first.state === 'error' ? EXIT.failed : EXIT.ok;
      }
    } catch (e) {
      const error = toErrorInfo(e);
      out({ type: 'result', ok: false, error }, describe({ error }));
      return isServiceError(e) && (e.code === 'cast.not_media' || e.code === 'cast.file_unreadable') ? EXIT.usage : EXIT.failed;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const end = await ended;
    out({ type: 'result', ok: end.state !== 'error', status: end }, describe({ status: end }));
    return end.state === 'error' ? EXIT.failed : EXIT.ok;
  } finally {
    off();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** `classe cast stop --to …`: stops our session there, or whatever our app plays on that screen. */
export async function castStopCommand(ctx: CastCommandContext, options: { to: string; json?: boolean; prefer?: CastProtocol }): Promise<number> {
  const describe = ctx.describe ?? defaultDescribe;
  const out = (payload: Record<string, unknown>, human: string) => ctx.write(options.json ? JSON.stringify(payload) : human);
  try {
    const target = targetFor(options.to, ctx.devices(), options.prefer);
    await ctx.service.stopOnReceiver(target);
    out({ type: 'result', ok: true, target: { key: target.key, name: target.name, protocol: target.protocol } }, `${target.name}: stopped`);
    return EXIT.ok;
  } catch (e) {
    const error = toErrorInfo(e);
    out({ type: 'result', ok: false, error }, describe({ error }));
    return isServiceError(e) && (e.code === 'cast.target_unknown' || e.code === 'cast.target_unsupported') ? EXIT.usage : EXIT.failed;
  }
}
