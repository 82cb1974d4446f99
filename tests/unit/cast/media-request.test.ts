import { describe, expect, it } from 'vitest';
import {
  castPath,
  contentDisposition,
  decideRange,
  entityTag,
  isCastToken,
  matchCastPath,
  newCastToken,
  rangeAppliesAfterIfRange,
} from '../../../main/services/cast/media-request';

describe('decideRange', () => {
  const size = 1000;
  it('serves everything without a Range header', () => {
    expect(decideRange(undefined, size)).toEqual({ kind: 'full' });
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, 999],
    ['bytes=-100', 900, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=999-999', 999, 999],
    ['bytes=-5000', 0, 999],
    ['BYTES= 10-19 ', 10, 19],
  ])('%s → %i-%i', (header, start, end) => {
    expect(decideRange(header, size)).toEqual({ kind: 'partial', start, end });
  });

  it.each(['bytes=1000-', 'bytes=1000-1001', 'bytes=-0', 'bytes=99999999999999999999-'])('%s is unsatisfiable', (header) => {
    expect(decideRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });

  it('any range of an empty file is unsatisfiable', () => {
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each(['bytes=5-1', 'bytes=0-1,5-9', 'items=0-5', 'bytes=abc', 'bytes=-', '', 'bytes=1-2-3'])('ignores %j (full 200)', (header) => {
    expect(decideRange(header, size)).toEqual({ kind: 'full' });
  });

  it('works beyond 4 GiB', () => {
    const big = 4 * 1024 ** 3 + 17;
    expect(decideRange(`bytes=${big - 1}-`, big)).toEqual({ kind: 'partial', start: big - 1, end: big - 1 });
    expect(decideRange('bytes=4294967296-4294967305', big)).toEqual({ kind: 'partial', start: 4294967296, end: 4294967305 });
    expect(decideRange('bytes=4294967296-', big)).toEqual({ kind: 'partial', start: 4294967296, end: big - 1 });
  });
});

describe('If-Range', () => {
  it('applies the range only when the validator is the current one', () => {
    const tag = entityTag(1234, 1_700_000_000_123);
    expect(rangeAppliesAfterIfRange(undefined, tag)).toBe(true);
    expect(rangeAppliesAfterIfRange(tag, tag)).toBe(true);
    expect(rangeAppliesAfterIfRange(entityTag(1235, 1_700_000_000_123), tag)).toBe(false);
    expect(rangeAppliesAfterIfRange('Sat, 28 Nov 2026 10:00:00 GMT', tag)).toBe(false);
  });
});

describe('tokens and paths', () => {
  it('makes 256-bit URL-safe tokens that differ each time', () => {
    const a = newCastToken();
    const b = newCastToken();
    expect(a).toHaveLength(43);
    expect(isCastToken(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('puts the name percent-encoded after the token, and matches it back', () => {
    const token = newCastToken();
    const name = `La "mare" d'Hérault 🦆 #1?.webm`;
    const path = castPath(token, name);
    expect(path).toBe(`/cast/${token}/La%20%22mare%22%20d'H%C3%A9rault%20%F0%9F%A6%86%20%231%3F.webm`);
    expect(matchCastPath(path)).toEqual({ ok: true, token, name });
    expect(matchCastPath(`${path}?t=1`)).toEqual({ ok: true, token, name });
  });

  const token = 'A'.repeat(43);
  it.each([
    ['/', 404],
    ['/cast/', 404],
    ['/cast', 404],
    [`/cast/${token}`, 404],
    [`/cast/${token}/`, 404],
    [`/cast/${token}/a/b`, 404],
    [`/cast/${token}/../../etc/passwd`, 404],
    [`/cast/${token}/..`, 404],
    [`/cast/${token}/%2e%2e`, 404],
    [`/cast/${token}/..%2f..%2fetc%2fpasswd`, 404],
    [`/cast/${token}/x%5c..%5cwin.ini`, 404],
    [`/cast/${token}/a%00.png`, 404],
    [`/cast/${token}/%E0%A4%A`, 400],
    [`/cast/${'A'.repeat(42)}/a.png`, 404],
    [`/cast/${'A'.repeat(42)}!/a.png`, 404],
    [`/cast/../cast/${token}/a.png`, 404],
    ['/etc/passwd', 404],
    ['http://evil/cast/x', 400],
    ['*', 400],
    ['', 400],
  ])('refuses %j with %i', (target, status) => {
    expect(matchCastPath(target)).toEqual({ ok: false, status });
  });

  it('refuses over-long targets', () => {
    expect(matchCastPath(`/cast/${token}/${'a'.repeat(5000)}`)).toEqual({ ok: false, status: 400 });
  });
});

describe('contentDisposition', () => {
  it('is a valid latin-1 header for any name, with the exact name in filename*', () => {
    const value = contentDisposition(`Leçon "quotes" 🎬 (1).mp4`);
    expect(value).toBe(`inline; filename="Le_on _quotes_ _ (1).mp4"; filename*=UTF-8''Le%C3%A7on%20%22quotes%22%20%F0%9F%8E%AC%20%281%29.mp4`);
    expect(/^[\x20-\x7e]*$/.test(value)).toBe(true);
  });
});
