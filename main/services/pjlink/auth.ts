/**
 * PJLink authentication: when the greeting is `PJLINK 1 <random>`, the first command of the connection
 * is prefixed with md5hex(random + password) (32 lower-case hex digits). There is no separate login
 * line; a wrong digest gets `PJLINK ERRA`. The password is only ever used here and never logged.
 */
import { createHash } from 'node:crypto';

export function authDigest(random: string, password: string): string {
  return createHash('md5').update(random + password, 'utf8').digest('hex');
}

/** Whether a line starts with a digest prefix (used by the simulator to check the first command). */
export function splitDigest(line: string): { digest: string | null; rest: string } {
  const m = /^([0-9a-fA-F]{32})(%.*)$/s.exec(line);
  if (!m) return { digest: null, rest: line };
  return { digest: m[1]!.toLowerCase(), rest: m[2]! };
}
