/**
 * The one ProjectorInfoReader of the app (devices module, `classe scan`, the lab runner, benchmarks):
 * discovery's "who is this PJLink host?" answered with the projector manager, so a projector is never
 * talked to over two connections at once (many accept a single controller) and passwords come from
 * the manager's secret lookup.
 *
 * It asks CLSS, NAME, INF1, INF2, then INST and, on class 2, INNM of each input,
 * all at background priority (a teacher's click overtakes them). A projector that asks for a password
 * we do not have (or refuses ours) is not an error for discovery: it resolves with `authRequired` and
 * nothing else. Afterwards the connection is released, unless the device is watched (the poller of
 * the current room keeps using it).
 */
import type { ProjectorInfo, ProjectorInfoReader } from '../discovery/projector-info';
import type { PjlinkTarget } from './connection';
import { hasCode, pjlinkError } from './errors';
import { normalizeTarget, type ProjectorManager } from './manager';

export interface ProjectorInfoReaderOptions {
  /** True when this projector's connection is in use elsewhere (polled room device): keep it open. */
  isWatched?: (target: PjlinkTarget) => boolean;
  /**
   * The whole read (connect, greeting, every command) must finish within this time, else it rejects
   * with `pjlink.timeout` and the connection is released (default 5 s, under discovery's 6 s so the
   * reader, not discovery's race, is the one that gives up and frees the projector).
   */
  timeoutMs?: number;
}

export function createProjectorInfoReader(manager: ProjectorManager, options: ProjectorInfoReaderOptions = {}): ProjectorInfoReader {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (host, port) => {
    const target = normalizeTarget({ host, port });
    const client = manager.client(target);
    const watched = options.isWatched?.(target) ?? false;
    // Queued commands are dropped on abort; one already on the wire is ended by the release below.
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        deadline.abort();
        reject(pjlinkError('pjlink.timeout', { detail: `projector info not read within ${timeoutMs} ms` }));
      }, timeoutMs);
    });
    const command = { priority: 'background' as const, signal: deadline.signal };
    const read = async (): Promise<ProjectorInfo> => {
      // Only what discovery uses: client.info() would add INFO, SNUM, SVER, RLMP and RFIL, five more
      // round trips per projector (they double the time to name a room full of them).
      const pjlinkClass = await client.detectClass(command);
      const result: ProjectorInfo = {
        name: await client.name(command),
        maker: await client.manufacturer(command),
        model: await client.model(command),
        pjlinkClass,
        // Known from the greeting: true when we got in with the password from the lookup.
        authRequired: client.connection.requiresAuth ?? false,
      };
      try {
        result.inputs = (await client.inputs(command)).map((i) => ({ code: i.code, name: i.name }));
      } catch {
        // Inputs only help to guess the kind; the identity read above is what discovery needs.
      }
      return result;
    };
    const reading = read();
    // The loser of the race must not become an unhandled rejection.
    reading.catch(() => {});
    try {
      return await Promise.race([reading, expired]);
    } catch (e) {
      if (hasCode(e, 'pjlink.auth_failed', 'pjlink.password_required')) return { name: null, maker: null, model: null, pjlinkClass: null, authRequired: true };
      throw e;
    } finally {
      clearTimeout(timer);
      // Many projectors accept one controller at a time: do not hold one nobody is looking at. Awaited,
      // so that once the read settles the projector is free for the next controller.
      if (!watched) await manager.release(target);
    }
  };
}
