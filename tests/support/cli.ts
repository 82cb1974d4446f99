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

export async function classe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: { LANG: 'fr_FR.UTF-8', CLASSE_USER_DATA: mkdtempSync(join(tmpdir(), 'classe-cli-')), ...env },
  });
  return { code, stdout, stderr };
}
