import { describe, expect, it } from 'vitest';
import { authDigest, splitDigest } from '../../../main/services/pjlink/auth';

describe('PJLink authentication digest', () => {
  it('matches the public vector (random 498e4a67, password JBMIAProjectorLink)', () => {
    expect(authDigest('498e4a67', 'JBMIAProjectorLink')).toBe('5d8409bc1c3fa39749434aa3a5c38682');
  });

  it('matches the public vector (random a572f60c, password "password")', () => {
    expect(authDigest('a572f60c', 'password')).toBe('e3d97429adffa11bce1f7275813d4bde');
  });

  it('is 32 lower-case hex digits and depends on both random and password', () => {
    const d = authDigest('00000000', 'x');
    expect(d).toMatch(/^[0-9a-f]{32}$/);
    expect(authDigest('00000001', 'x')).not.toBe(d);
    expect(authDigest('00000000', 'y')).not.toBe(d);
  });

  it('splits a digest-prefixed first command (as a projector does)', () => {
    expect(splitDigest('5d8409bc1c3fa39749434aa3a5c38682%1POWR ?')).toEqual({ digest: '5d8409bc1c3fa39749434aa3a5c38682', rest: '%1POWR ?' });
    expect(splitDigest('%1POWR ?')).toEqual({ digest: null, rest: '%1POWR ?' });
    expect(splitDigest('5D8409BC1C3FA39749434AA3A5C38682%1POWR ?').digest).toBe('5d8409bc1c3fa39749434aa3a5c38682');
  });
});
