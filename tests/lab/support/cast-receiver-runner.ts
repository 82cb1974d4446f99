/**
 * The Cast receiver simulator as a process in the lab's ROOM namespace (a screen on the classroom
 * network). Prints JSON lines: {"event":"ready",port} then every message, fetch and media change it
 * sees; reads commands: {"op":"fail-next-load"} | {"op":"fail-loads"} | {"op":"foreign-app"}.
 *
 * Usage: cast-receiver-runner.ts <room IPv4> <port>
 */
import { createInterface } from 'node:readline';
import { CastReceiverSimulator } from '../../../main/services/simulator/cast-receiver';

const [host, port] = [process.argv[2], Number(process.argv[3] ?? 8009)];
if (!host) throw new Error('usage: cast-receiver-runner.ts <room IPv4> <port>');
const send = (payload: unknown) => process.stdout.write(`${JSON.stringify(payload)}\n`);

const receiver = await CastReceiverSimulator.start({ host, port, name: 'Écran salle 12' });
receiver.on('message', (m) => send({ event: 'message', message: { namespace: m.namespace, type: m.type, data: m.data } }));
receiver.on('fetch', (f) => send({ event: 'fetch', fetch: f }));
receiver.on('media', (m) => send({ event: 'media', media: m }));

createInterface({ input: process.stdin }).on('line', (line) => {
  let cmd: { op?: string };
  try {
    cmd = JSON.parse(line) as { op?: string };
  } catch {
    return;
  }
  if (cmd.op === 'fail-next-load') receiver.setLoadFailure('next');
  else if (cmd.op === 'fail-loads') receiver.setLoadFailure('always');
  else if (cmd.op === 'foreign-app') receiver.runForeignApp();
  send({ event: 'ack', op: cmd.op });
});
send({ event: 'ready', port: receiver.port, castId: receiver.castId });
