/** A raw HTTP client for the cast integration tests: fresh connection, path sent as given, capped body. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Bytes received (may exceed body.length when capped). */
  bytes: number;
  /** The server closed before the announced length arrived. */
  truncated: boolean;
}

export function rawRequest(
  target: { host: string; port: number; path: string },
  options: { method?: string; headers?: Record<string, string>; keepBytes?: number; stopAfter?: number; onData?: (received: number) => void } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: target.host, port: target.port, path: target.path, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let bytes = 0;
      let settled = false;
      const expected = Number(res.headers['content-length'] ?? NaN);
      const done = () => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), bytes, truncated: Number.isFinite(expected) && bytes < expected });
      };
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (kept < (options.keepBytes ?? 64 * 1024 * 1024)) {
          chunks.push(c);
          kept += c.length;
        }
        options.onData?.(bytes);
        if (options.stopAfter !== undefined && bytes >= options.stopAfter) {
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('error', reject);
    req.end();
  });
}
