import { describe, expect, it } from 'vitest';
import {
  generateSigningKeyPair,
  keyIdOf,
  parsePrivateKey,
  parsePublicKey,
  parseSignatureFile,
  signProfileBytes,
  verifyProfileBytes,
  type TrustedKey,
} from '../../../main/services/profiles/signatures';
import { SAMPLE_PROFILE_TEXT } from './fixtures';

function keyPair() {
  const pair = generateSigningKeyPair();
  const privateKey = parsePrivateKey(pair.privateKeyPem);
  const publicKey = parsePublicKey(pair.publicKeyPem, 'test') as TrustedKey;
  if (!privateKey) throw new Error('no private key');
  return { ...pair, privateKey, publicKey };
}

const bytes = Buffer.from(SAMPLE_PROFILE_TEXT);

describe('Ed25519 detached signatures', () => {
  const it1 = keyPair();
  const other = keyPair();

  it('generates PEM keys whose id is the same from either half', () => {
    expect(it1.privateKeyPem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(it1.publicKeyPem).toContain('-----BEGIN PUBLIC KEY-----');
    expect(it1.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(it1.privateKey)).toBe(it1.keyId);
    expect(it1.publicKey.id).toBe(it1.keyId);
    expect(other.keyId).not.toBe(it1.keyId);
  });

  it('verifies a good signature and names the key', () => {
    const sig = signProfileBytes(bytes, it1.privateKey);
    expect(sig.text.split('\n')[0]).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(verifyProfileBytes(bytes, sig.text, [other.publicKey, it1.publicKey])).toEqual({ state: 'valid', keyId: it1.keyId });
  });

  it('says "tampered" when one byte changed after signing with a trusted key', () => {
    const sig = signProfileBytes(bytes, it1.privateKey);
    const changed = Buffer.from(bytes);
    changed[100] = (changed[100] as number) ^ 1;
    expect(verifyProfileBytes(changed, sig.text, [it1.publicKey])).toEqual({ state: 'tampered', keyId: it1.keyId });
  });

  it('says "wrong_key" when signed by a key that is not trusted', () => {
    const sig = signProfileBytes(bytes, other.privateKey);
    expect(verifyProfileBytes(bytes, sig.text, [it1.publicKey])).toEqual({ state: 'wrong_key', keyId: other.keyId });
  });

  it('says "missing" without a signature file', () => {
    expect(verifyProfileBytes(bytes, null, [it1.publicKey]).state).toBe('missing');
  });

  it('says "malformed" for a signature file that is not 64 bytes of base64', () => {
    for (const text of ['', 'not base64!', Buffer.alloc(63).toString('base64'), 'x'.repeat(5000)]) {
      expect(verifyProfileBytes(bytes, text, [it1.publicKey]).state, JSON.stringify(text.slice(0, 20))).toBe('malformed');
    }
  });

  it('says "no_trusted_keys" when there is nothing to verify with', () => {
    const sig = signProfileBytes(bytes, it1.privateKey);
    expect(verifyProfileBytes(bytes, sig.text, []).state).toBe('no_trusted_keys');
  });

  it('accepts a bare base64 signature (openssl-style) and says "invalid" when it matches no key', () => {
    const bare = signProfileBytes(bytes, it1.privateKey).text.split('\n')[0] as string;
    expect(verifyProfileBytes(bytes, `${bare}\n`, [it1.publicKey])).toEqual({ state: 'valid', keyId: it1.keyId });
    expect(verifyProfileBytes(bytes, bare, [other.publicKey])).toEqual({ state: 'invalid', keyId: null });
  });

  it('does not let the key-id hint make a bad signature valid', () => {
    const sig = signProfileBytes(bytes, other.privateKey).text.replace(/key-id [0-9a-f]+/, `key-id ${it1.keyId}`);
    expect(verifyProfileBytes(bytes, sig, [it1.publicKey]).state).toBe('tampered');
  });

  it('tolerates CRLF line ends and a BOM in the signature file', () => {
    const sig = signProfileBytes(bytes, it1.privateKey).text.replace(/\n/g, '\r\n');
    expect(parseSignatureFile(`\uFEFF${sig}`)?.keyIdHint).toBe(it1.keyId);
    expect(verifyProfileBytes(bytes, `\uFEFF${sig}`, [it1.publicKey]).state).toBe('valid');
  });

  it('rejects keys that are not Ed25519', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(parsePublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'x')).toBeNull();
    expect(parsePrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toBeNull();
    expect(parsePublicKey('garbage', 'x')).toBeNull();
  });
});
