/**
 * The media server alone in its own process (as nginx is), sharing one file, for the benchmarks.
 * Prints {"url": …} once listening; exits when stdin closes or on SIGTERM.
 *
 * Usage: media-server-process.ts <bind IPv4> <file>
 */
import { MediaServer } from '../../../main/services/cast/media-server';

const [host, file] = process.argv.slice(2);
if (!host || !file) throw new Error('usage: media-server-process.ts <bind IPv4> <file>');
// CLASSE_BENCH_CHUNK_MIB: try another read size (tuning runs); default: the server's own.
const chunkMib = Number(process.env.CLASSE_BENCH_CHUNK_MIB ?? '');
const server = await MediaServer.start({ host, ...(chunkMib > 0 ? { chunkSize: Math.round(chunkMib * 1024 * 1024) } : {}) });
const shared = await server.shareFile(file);
process.stdout.write(`${JSON.stringify({ url: shared.url })}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
