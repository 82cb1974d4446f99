/**
 * Runs `classe scan --json` (the same runScanCommand the CLI calls) inside a lab namespace and prints
 * its JSON lines on stdout. Projector details are read with the app's PJLink client (one connection per
 * projector, released after reading), as the devices module does: NAME/INF1/INF2/CLSS, then the inputs.
 *   node --import tsx tests/lab/support/discovery-runner.ts --interface ct1a2b3c [--timeout 0] [--probe]
 * --timeout 0 runs until SIGTERM/SIGINT, then prints the summary and exits 0.
 */
import { parseArgs } from 'node:util';
import { runScanCommand } from '../../../main/cli/scan-runner';
import { LogBook } from '../../../main/services/core/logger';
import { createProjectorServices } from '../../../main/services/actions/projector-services';
import { toErrorInfo } from '../../../main/services/core/errors';
import type { ProjectorInfo, ProjectorInfoReader } from '../../../main/services/discovery/projector-info';

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
const readProjectorInfo: ProjectorInfoReader = async (host, port) => {
  const client = pjlink.manager.client({ host, port });
  try {
    const info = await client.info({ priority: 'background' });
    const result: ProjectorInfo = { name: info.name, maker: info.manufacturer, model: info.model, pjlinkClass: info.pjlinkClass, authRequired: false };
    try {
      result.inputs = (await client.inputs({ priority: 'background' })).map((i) => ({ code: i.code, name: i.name }));
    } catch {
      /* names only */
    }
    return result;
  } catch (e) {
    const code = toErrorInfo(e).code;
    if (code === 'pjlink.auth_failed' || code === 'pjlink.password_required') return { name: null, maker: null, model: null, pjlinkClass: null, authRequired: true };
    throw e;
  } finally {
    void pjlink.manager.release({ host, port });
  }
};

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
