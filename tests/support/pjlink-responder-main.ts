/**
 * TEST ONLY — runs the minimal PJLink responder as a process (for lab namespaces):
 *   node --import tsx tests/support/pjlink-responder-main.ts '<ResponderOptions as JSON>'
 * Prints "pjlink-responder ready" once listening; stops on SIGTERM.
 */
import { startPjlinkResponder, type ResponderOptions } from './pjlink-responder';

const options = JSON.parse(process.argv[2] ?? '{}') as ResponderOptions;
const responder = await startPjlinkResponder(options);
process.stdout.write(`pjlink-responder ready udp=${responder.udpPort} tcp=${responder.tcpPort}\n`);
const stop = () => {
  void responder.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
