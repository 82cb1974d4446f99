/**
 * TCP probing for PJLink: connect to port 4352 and wait for the `PJLINK ` greeting every projector
 * sends on connect. Used for the opt-in sweep of the local /24 ("Chercher plus loin"), for inventory
 * entries and for hosts typed by a teacher.
 *
 * Politeness: one connection per host at a time, closed as soon as the greeting is in (or the time is
 * up), a bounded number of hosts in flight, short timeouts: the sweep of a /24 takes a few seconds and
 * never more than one connection to a host.
 */
import { Socket } from 'node:net';

export type ProbeResult =
  | { status: 'pjlink'; authRequired: boolean }
  /** Connected but the greeting was not PJLink. */
  | { status: 'other' }
  /** Connected and nothing was said in time (a host that accepts and never speaks). */
  | { status: 'silent' }
  /** The host answered with a reset: it is there, nothing listens on the port. */
  | { status: 'refused' }
  | { status: 'timeout' }
  | { status: 'unreachable'; code: string };

export interface ProbeOptions {
  connectTimeoutMs?: number;
  greetingTimeoutMs?: number;
  signal?: AbortSignal;
  /** For tests: how to make a socket. */
  createSocket?: () => Socket;
}

/** Connects to host:port and reads at most one line. Never rejects. */
export function probePjlink(host: string, port: number, options: ProbeOptions = {}): Promise<ProbeResult> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
  const greetingTimeoutMs = options.greetingTimeoutMs ?? 1_500;
  return new Promise((resolve) => {
    const socket = options.createSocket ? options.createSocket() : new Socket();
    let settled = false;
    let buffer = '';
    let timer: NodeJS.Timeout | null = null;
    const done = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data');
      socket.on('error', () => {});
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => done({ status: 'timeout' });
    if (options.signal?.aborted) return done({ status: 'timeout' });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => done({ status: 'timeout' }), connectTimeoutMs);
    socket.setNoDelay(true);
    socket.once('connect', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => done({ status: 'silent' }), greetingTimeoutMs);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = (buffer + chunk.toString('latin1')).slice(0, 256);
      const head = buffer.toUpperCase();
      // Decide as soon as the first bytes can no longer be a PJLink greeting, or say which one it is.
      if (!'PJLINK '.startsWith(head.slice(0, 7))) done({ status: 'other' });
      else if (head.startsWith('PJLINK 1')) done({ status: 'pjlink', authRequired: true });
      else if (head.startsWith('PJLINK 0')) done({ status: 'pjlink', authRequired: false });
      else if (head.includes('\r') || head.length >= 64) done({ status: 'other' });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'EUNKNOWN';
      if (code === 'ECONNREFUSED') done({ status: 'refused' });
      else done({ status: 'unreachable', code });
    });
    socket.on('close', () => done(buffer ? { status: 'other' } : { status: 'silent' }));
    try {
      socket.connect({ host, port });
    } catch (e) {
      done({ status: 'unreachable', code: (e as NodeJS.ErrnoException).code ?? 'EINVAL' });
    }
  });
}

export interface SweepOptions extends ProbeOptions {
  /** Hosts probed at the same time. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  onHit?: (host: string, result: Extract<ProbeResult, { status: 'pjlink' }>) => void;
}

/** Probes every host with bounded concurrency; resolves with the PJLink hosts. */
export async function sweepPjlink(hosts: string[], port: number, options: SweepOptions = {}): Promise<{ host: string; authRequired: boolean }[]> {
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 64, 256));
  const unique = [...new Set(hosts)];
  const hits: { host: string; authRequired: boolean }[] = [];
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < unique.length && !options.signal?.aborted) {
      const host = unique[next++]!;
      const result = await probePjlink(host, port, options);
      finished++;
      if (result.status === 'pjlink') {
        hits.push({ host, authRequired: result.authRequired });
        options.onHit?.(host, result);
      }
      options.onProgress?.(finished, unique.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, worker));
  return hits;
}
