/**
 * Runs `classe scan --json` (the same runScanCommand the CLI calls) inside a lab namespace and prints
 * its JSON lines on stdout. The PJLink reader is the test one until the real client is merged.
 *   node --import tsx tests/lab/support/discovery-runner.ts --interface ct1a2b3c [--timeout 0] [--probe]
 * --timeout 0 runs until SIGTERM/SIGINT, then prints the summary and exits 0.
 */
import { parseArgs } from 'node:util';
import { runScanCommand } from '../../../main/cli/scan-runner';
import { LogBook } from '../../../main/services/core/logger';
import { createTestInfoReader } from '../../support/pjlink-info-reader';

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

const code = await runScanCommand(
  { json: true, timeout: values.timeout, probe: values.probe, interfaces: values.interface },
  {
    out: (line) => process.stdout.write(`${line}\n`),
    readProjectorInfo: createTestInfoReader(),
    logger: logBook.logger('scan'),
    signal: controller.signal,
  },
);
process.exit(code);
