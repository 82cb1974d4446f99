/** Runs the `classe` command in-process and captures its output. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../main/cli/run';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Each run gets its own user-data folder and, unless the test gives one, a managed profile location in
 * an empty temporary folder: the machine's own /etc/classe-numerique is never read.
 */
export async function classe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const scratch = mkdtempSync(join(tmpdir(), 'classe-cli-'));
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: { LANG: 'fr_FR.UTF-8', CLASSE_USER_DATA: join(scratch, 'user-data'), CLASSE_PROFILE: join(scratch, 'managed', 'profile.json'), ...env },
  });
  return { code, stdout, stderr };
}
