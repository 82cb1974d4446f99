/**
 * Runs `classe scan --json` (the same runScanCommand the CLI calls) inside a lab namespace and prints
 * its JSON lines on stdout. Projector details are read with the app's reader (createProjectorInfoReader:
 * one connection per projector, released after reading), as the devices module and `classe scan` do.
 *   node --import tsx tests/lab/support/discovery-runner.ts --interface ct1a2b3c [--timeout 0] [--probe]
 * --timeout 0 runs until SIGTERM/SIGINT, then prints the summary and exits 0.
 */
import { parseArgs } from 'node:util';
import { runScanCommand } from '../../../main/cli/scan-runner';
import { LogBook } from '../../../main/services/core/logger';
import { createProjectorServices } from '../../../main/services/actions/projector-services';
import { createProjectorInfoReader } from '../../../main/services/pjlink/info-reader';

const { values } = parseArgs({
  options: {
    interface: { type: 'string', multiple: true },
    timeout: { type: 'string', default: '0' },
    probe: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const controller = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => controller.abort());
const logBook = new LogBook(200, values.verbose ? (l) => process.stderr.write(`[${l.level}] ${l.scope}: ${l.message}\n`) : null, 'debug');

const pjlink = createProjectorServices({ notifications: false, logger: logBook.logger('pjlink') });
const readProjectorInfo = createProjectorInfoReader(pjlink.manager);

const code = await runScanCommand(
  { json: true, timeout: values.timeout, probe: values.probe, interfaces: values.interface },
  {
    out: (line) => process.stdout.write(`${line}\n`),
    readProjectorInfo,
    logger: logBook.logger('scan'),
    signal: controller.signal,
  },
);
await pjlink.dispose();
process.exit(code);
