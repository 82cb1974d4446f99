/**
 * Fetches the profile named by the managed file's `managed.remoteProfile.url`, and its signature.
 *
 * Node's https module rather than fetch(): it takes a `ca` option directly (the commune's own CA, or a
 * test's self-signed certificate) and lets us cap the body while it streams. Only HTTPS, a bounded
 * number of redirects (HTTPS only), one deadline per request, a size cap, and content checks: a
 * captive portal or a login page answers HTML with status 200, which must read as "wrong answer",
 * not as a broken profile.
 */
import { request, type RequestOptions } from 'node:https';
import { rootCertificates } from 'node:tls';
import { ServiceError } from '../core/errors';
import { PROFILE_LIMITS } from './schema';

export interface RemoteFetchRequest {
  url: string;
  signatureUrl: string;
}

export interface RemoteFetchResult {
  bytes: Buffer;
  /** null when the server has no signature (404/410). */
  signatureText: string | null;
}

/** Fetches a remote profile; throws ServiceError("profiles.remote_*") on failure. */
export type RemoteFetcher = (req: RemoteFetchRequest) => Promise<RemoteFetchResult>;

export interface HttpsFetcherOptions {
  /** Per request, from connection to last byte. Default 15 s. */
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Extra CA certificates (PEM) to trust in addition to Node's bundled roots, e.g. a commune's internal
   * CA or a test's self-signed certificate.
   */
  ca?: string | Buffer | (string | Buffer)[];
  maxRedirects?: number;
  userAgent?: string;
}

const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|UNABLE_TO_GET_ISSUER/;
const JSON_TYPES = /^(application\/(json|[\w.+-]+\+json|octet-stream)|text\/(json|plain))$/i;
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/i;
const MAX_SIG_BYTES = 4096;

interface GetResult {
  status: number;
  contentType: string | null;
  body: Buffer;
}

function httpsGet(url: URL, opts: Required<Pick<HttpsFetcherOptions, 'timeoutMs' | 'maxRedirects'>> & HttpsFetcherOptions, maxBytes: number, redirects = 0): Promise<GetResult> {
  if (url.protocol !== 'https:') return Promise.reject(new ServiceError('profiles.remote_not_https', { detail: url.protocol }));
  return new Promise<GetResult>((resolve, reject) => {
    const options: RequestOptions = {
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': opts.userAgent ?? 'classe-numerique' },
      // Node's `ca` replaces the default roots: keep them and add the extra ones.
      ...(opts.ca !== undefined ? { ca: [...rootCertificates, ...(Array.isArray(opts.ca) ? opts.ca : [opts.ca])] } : {}),
    };
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      fn();
    };
    const req = request(url, options, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        if (redirects >= opts.maxRedirects) return finish(() => reject(new ServiceError('profiles.remote_redirects', { detail: `${redirects} redirects` })));
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return finish(() => reject(new ServiceError('profiles.remote_network', { detail: 'bad redirect' })));
        }
        return finish(() => httpsGet(next, opts, maxBytes, redirects + 1).then(resolve, reject));
      }
      const contentType = (res.headers['content-type'] ?? '').split(';')[0]?.trim() || null;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        return finish(() => reject(new ServiceError('profiles.remote_too_large', { detail: `${declared} bytes` })));
      }
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > maxBytes) {
          res.destroy();
          finish(() => reject(new ServiceError('profiles.remote_too_large', { detail: `more than ${maxBytes} bytes` })));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(() => resolve({ status, contentType, body: Buffer.concat(chunks) })));
      res.on('error', (e) => finish(() => reject(networkError(e))));
    });
    const deadline = setTimeout(() => {
      finish(() => reject(new ServiceError('profiles.remote_timeout', { detail: `${opts.timeoutMs} ms` })));
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (e) => finish(() => reject(networkError(e))));
    req.end();
  });
}

function networkError(e: unknown): ServiceError {
  if (e instanceof ServiceError) return e;
  const code = String((e as NodeJS.ErrnoException).code ?? (e as Error).message ?? 'error').slice(0, 100);
  if (TLS_ERRORS.test(code)) return new ServiceError('profiles.remote_tls', { detail: code, cause: e });
  return new ServiceError('profiles.remote_network', { detail: code, cause: e });
}

function looksLikeHtml(body: Buffer): boolean {
  const head = body.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<');
}

export function createHttpsFetcher(options: HttpsFetcherOptions = {}): RemoteFetcher {
  const opts = { timeoutMs: 15_000, maxRedirects: 3, ...options };
  const maxBytes = options.maxBytes ?? PROFILE_LIMITS.maxBytes;
  return async ({ url, signatureUrl }) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new ServiceError('profiles.remote_not_https', { detail: 'invalid URL' });
    }
    const res = await httpsGet(target, opts, maxBytes);
    if (res.status !== 200) throw new ServiceError('profiles.remote_http_status', { params: { status: res.status }, detail: `HTTP ${res.status}` });
    if (res.contentType && HTML_TYPES.test(res.contentType)) throw new ServiceError('profiles.remote_html', { detail: res.contentType });
    if (res.contentType && !JSON_TYPES.test(res.contentType)) {
      throw new ServiceError('profiles.remote_content_type', { params: { contentType: res.contentType.slice(0, 100) }, detail: res.contentType.slice(0, 100) });
    }
    if (looksLikeHtml(res.body)) throw new ServiceError('profiles.remote_html', { detail: `HTML body labelled ${res.contentType ?? 'without type'}` });

    const sig = await httpsGet(new URL(signatureUrl), opts, MAX_SIG_BYTES);
    if (sig.status === 404 || sig.status === 410) return { bytes: res.body, signatureText: null };
    if (sig.status !== 200) throw new ServiceError('profiles.remote_http_status', { params: { status: sig.status }, detail: `signature: HTTP ${sig.status}` });
    return { bytes: res.body, signatureText: sig.body.toString('utf8') };
  };
}
