/** Entry of the `classe` command (bin/classe.mjs loads the built copy of this file). */
import { runCli } from './run';

const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
