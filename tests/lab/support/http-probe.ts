/**
 * Sends raw HTTP requests from wherever it runs (the lab's ROOM namespace: a screen, or an intruder on
 * the classroom network) and prints what came back, as JSON. Paths are sent exactly as given (no
 * normalisation of `..`), which is what an attacker would do.
 *
 * Usage: http-probe.ts '<json array of {method?, url?, host?, port?, path?, headers?, maxBytes?}>'
 */
import { request } from 'node:http';

interface Probe {
  method?: string;
  url?: string;
  host?: string;
  port?: number;
  path?: string;
  headers?: Record<string, string>;
  maxBytes?: number;
}

interface ProbeResult {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  bytes: number;
  head: string;
  error: string | null;
}

function probe(p: Probe): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const target = p.url ? new URL(p.url) : null;
    const result: ProbeResult = { status: null, headers: {}, bytes: 0, head: '', error: null };
    const req = request({
      host: target?.hostname ?? p.host,
      port: target ? Number(target.port) : p.port,
      // The raw path, not URL-normalised.
      path: p.path ?? (target ? target.pathname + target.search : '/'),
      method: p.method ?? 'GET',
      headers: p.headers ?? {},
      agent: false,
      timeout: 10_000,
    });
    req.on('response', (res) => {
      result.status = res.statusCode ?? null;
      result.headers = res.headers;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        result.bytes += c.length;
        if (chunks.reduce((n, b) => n + b.length, 0) < 256) chunks.push(c);
        if (p.maxBytes !== undefined && result.bytes >= p.maxBytes) res.destroy();
      });
      const done = () => {
        result.head = Buffer.concat(chunks).subarray(0, 256).toString('latin1');
        resolve(result);
      };
      res.on('end', done);
      res.on('close', done);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      result.error = (e as NodeJS.ErrnoException).code ?? e.message;
      resolve(result);
    });
    req.end();
  });
}

const probes = JSON.parse(process.argv[2] ?? '[]') as Probe[];
const results: ProbeResult[] = [];
for (const p of probes) results.push(await probe(p));
process.stdout.write(JSON.stringify(results));
