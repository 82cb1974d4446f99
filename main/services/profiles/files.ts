/**
 * Small file helpers shared by the profile service, the secret store and the CLI operations:
 * bounded reads (a profile, a key or a signature is never read whole when it is absurdly large)
 * and atomic writes (temporary file, fsync, rename: a crash leaves the old file or the new one).
 */
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type CappedRead = { kind: 'ok'; bytes: Buffer } | { kind: 'missing' } | { kind: 'too_large'; size: number };

/** Reads at most `max` bytes; reports `too_large` (with the size) instead of reading more. */
export async function readFileCapped(path: string, max: number): Promise<CappedRead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  try {
    const { size } = await handle.stat();
    if (size > max) return { kind: 'too_large', size };
    // Read up to max+1 bytes: the file may have grown since stat().
    const buf = Buffer.alloc(Math.min(max + 1, Math.max(size, 0) + 65_536));
    let length = 0;
    for (;;) {
      if (length === buf.length) break;
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > max) return { kind: 'too_large', size: length };
    return { kind: 'ok', bytes: buf.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

/** Temporary files are named "<name>.<pid>.<time>.tmp" next to their target (see removeStaleTempFiles). */
export function tempPathFor(file: string): string {
  return join(dirname(file), `${basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

export interface AtomicWriteOptions {
  /** File mode for the new file (e.g. 0o600 for secrets). */
  mode?: number;
  /** Mode for the folders created on the way (e.g. 0o700 for secrets). */
  dirMode?: number;
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, ...(options.dirMode !== undefined ? { mode: options.dirMode } : {}) });
  const tmp = tempPathFor(file);
  const mode = options.mode ?? 0o644;
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(data);
      // fsync before rename so that a power cut leaves the old file or the new one, never an empty one.
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask may have narrowed or (on some systems) the mode argument been ignored.
    await chmod(tmp, mode).catch(() => {});
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
