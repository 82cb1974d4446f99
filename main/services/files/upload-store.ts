/**
 * Where the web preview keeps the files a page uploads: one private folder per run under the user data
 * folder (`<userData>/uploads/run-<pid>-<random>/`), one sub-folder per file, removed when the preview
 * stops (and, at the next start, leftovers of a run that crashed). A body is streamed to disk and
 * counted as it comes: a 4 GB video never sits in memory, and more than `maxBytes` is cut and deleted.
 *
 * The name the page gives is only a label: it is reduced to one safe path segment (no separators, no
 * dot segments, no control characters), and the file always lands in a folder the store created.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { silentLogger, type Logger } from '../core/logger';
import { sanitizeText } from '../core/sanitize';
import { filesError } from './file-registry';

/** Default cap of one upload: a long lesson video. */
export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * One safe file name from whatever a page sent: no slash or backslash, no NUL or control character, not
 * "." or "..", no leading dot, at most 120 characters (extension kept). Pure.
 */
export function safeUploadName(raw: string): string {
  const cleaned = sanitizeText(raw, 1000)
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+/, '')
    .trim();
  const fallback = 'fichier';
  if (!cleaned || cleaned === '.' || cleaned === '..') return fallback;
  const chars = Array.from(cleaned);
  if (chars.length <= 120) return cleaned;
  const ext = extname(cleaned).slice(0, 12);
  return `${chars.slice(0, 120 - Array.from(ext).length).join('')}${ext}`;
}

export interface UploadStoreOptions {
  /** The parent folder (`<userData>/uploads`). */
  root: string;
  maxBytes?: number;
  logger?: Logger;
  /** Is this process id still running? (stale folders of dead runs are removed) */
  isAlive?: (pid: number) => boolean;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class UploadStore {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly log: Logger;
  private ready: Promise<void> | null = null;

  constructor(private readonly options: UploadStoreOptions) {
    this.dir = join(options.root, `run-${process.pid}-${randomBytes(6).toString('hex')}`);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    this.log = options.logger ?? silentLogger;
  }

  /** Creates this run's folder (user-only) and removes the folders of runs that are gone. */
  init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const alive = this.options.isAlive ?? processAlive;
      for (const entry of await readdir(this.options.root).catch(() => [] as string[])) {
        const m = /^run-(\d+)-[0-9a-f]+$/.exec(entry);
        if (!m || join(this.options.root, entry) === this.dir) continue;
        if (!alive(Number(m[1]))) await rm(join(this.options.root, entry), { recursive: true, force: true }).catch(() => undefined);
      }
    })();
    return this.ready;
  }

  /**
   * Streams a body to a new private folder. Resolves with the file's path and its safe name; rejects
   * with files.too_large (and deletes what was written) past `maxBytes`.
   */
  async receive(body: Readable, rawName: string): Promise<{ path: string; name: string }> {
    await this.init();
    const name = safeUploadName(rawName);
    const folder = join(this.dir, randomBytes(12).toString('base64url'));
    await mkdir(folder, { mode: 0o700 });
    const path = join(folder, name);
    let received = 0;
    const max = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > max) return callback(filesError('files.too_large', { name, max: Math.round(max / 1024 / 1024) }));
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (e) {
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      throw e;
    }
    this.log.info(`upload received (${received} bytes)`);
    return { path, name };
  }

  /** Removes one received file (its private folder); paths outside this run's folder are ignored. */
  async remove(path: string): Promise<void> {
    const folder = dirname(path);
    if (dirname(folder) !== this.dir) return;
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Removes this run's folder and everything in it. */
  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
