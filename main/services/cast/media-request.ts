/**
 * Pure request logic of the media server: which URL paths exist, and which bytes a Range header asks
 * for. Kept apart from the socket code so every edge case is unit-tested without a server.
 */
import { randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, unguessable, and safe in a URL path without escaping. */
export const TOKEN_LENGTH = 43;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newCastToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isCastToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The only URL prefix the media server answers. */
export const CAST_PATH_PREFIX = '/cast/';

/**
 * The URL path of a shared file: `/cast/<token>/<name>`. The name is only there for receivers that
 * look at the URL's extension and for people reading logs; it is percent-encoded (quotes, spaces,
 * emoji…) and checked on every request, but the token alone designates the file.
 */
export function castPath(token: string, name: string): string {
  return `${CAST_PATH_PREFIX}${token}/${encodeURIComponent(name)}`;
}

export type CastPathMatch =
  | { ok: true; token: string; name: string }
  | { ok: false; status: 400 | 404 };

/**
 * Parses a request target (path + optional query). Anything but exactly `/cast/<token>/<one segment>`
 * is refused: other paths, a missing token, extra segments, dot segments, encoded slashes or
 * backslashes, NUL, malformed percent-encoding. The file system is never consulted with anything
 * taken from the URL: the token is looked up in memory.
 */
export function matchCastPath(target: string | undefined): CastPathMatch {
  if (!target || target.length > 4096 || !target.startsWith('/')) return { ok: false, status: 400 };
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  if (!path.startsWith(CAST_PATH_PREFIX)) return { ok: false, status: 404 };
  const rest = path.slice(CAST_PATH_PREFIX.length).split('/');
  if (rest.length !== 2) return { ok: false, status: 404 };
  const [token, rawName] = rest as [string, string];
  if (!isCastToken(token) || rawName === '') return { ok: false, status: 404 };
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return { ok: false, status: 400 };
  }
  if (name === '.' || name === '..' || /[/\\\u0000]/.test(name)) return { ok: false, status: 404 };
  return { ok: true, token, name };
}

export type RangeDecision =
  /** Serve the whole representation with 200 (no Range, or a Range we ignore as RFC 9110 allows). */
  | { kind: 'full' }
  /** Serve bytes start..end (inclusive) with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i;

/**
 * Decides what a `Range` header asks for, for a representation of `size` bytes. Supports one range
 * (`a-b`, `a-`, `-n`); multiple ranges, other units and malformed headers are ignored (full 200),
 * which RFC 9110 §14.2 allows and every media player handles.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const m = SINGLE_RANGE.exec(header);
  if (!m) return { kind: 'full' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // Suffix range: the last n bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const end = Number(last);
  if (end < start) return { kind: 'full' }; // invalid range-spec: ignore the header
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/**
 * The validator a player sends back in If-Range when it resumes: size and modification time, like
 * nginx's. Strong, because the bytes of a shared file do not change without its mtime changing.
 */
export function entityTag(size: number, mtimeMs: number): string {
  return `"${Math.floor(mtimeMs).toString(16)}-${size.toString(16)}"`;
}

/**
 * If-Range: the range applies only when the validator still matches; otherwise the whole file is
 * sent (RFC 9110 §13.1.5). Dates are not accepted as validators here (we do not send Last-Modified).
 */
export function rangeAppliesAfterIfRange(ifRange: string | undefined, etag: string): boolean {
  if (ifRange === undefined) return true;
  return ifRange.trim() === etag;
}

/** `Content-Disposition` value for any file name (quotes, emoji…): RFC 6266 + RFC 8187 encoding. */
export function contentDisposition(name: string): string {
  // One '_' per character (code point, not UTF-16 unit) outside printable ASCII, and for quote/backslash.
  const asciiFallback = name.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
