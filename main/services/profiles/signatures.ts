/**
 * Detached Ed25519 signatures over the exact bytes of a profile, with Node's crypto only.
 *
 * Signature file ("profile.json.sig"): first line = base64 of the 64-byte Ed25519 signature, so
 * `openssl pkeyutl -sign -rawin -inkey key.pem -in profile.json | base64 -w0` produces a valid one.
 * `classe profile sign` adds an optional second line "key-id <16 hex>": Ed25519 cannot tell "the file
 * changed" from "another key signed it"; with the signer's key id we can, and IT gets the right advice.
 * The key id is a hint only: verification always tries every trusted key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileCapped } from './files';

export interface TrustedKey {
  /** First 16 hex digits of SHA-256 over the key's DER (SPKI) encoding. */
  id: string;
  key: KeyObject;
  /** Where it came from: a file path, or "profile" for keys listed in the managed file. */
  origin: string;
}

export type SignatureState = 'valid' | 'missing' | 'malformed' | 'tampered' | 'wrong_key' | 'invalid' | 'no_trusted_keys';

export interface SignatureCheck {
  state: SignatureState;
  /** valid: the key that verified; tampered/wrong_key: the key id the .sig names. */
  keyId: string | null;
}

const SIGNATURE_BYTES = 64;
const MAX_SIG_FILE = 4096;

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Parses an Ed25519 public key (PEM, SPKI). Returns null for anything else. */
export function parsePublicKey(pem: string, origin: string): TrustedKey | null {
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519') return null;
    return { id: keyIdOf(key), key, origin };
  } catch {
    return null;
  }
}

/** Parses an Ed25519 private key (PEM, PKCS#8). Returns null for anything else. */
export function parsePrivateKey(pem: string): KeyObject | null {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export interface KeyDirProblem {
  file: string;
  reason: 'unreadable' | 'not_ed25519_public_key';
}

/** Every "*.pem" of a folder that is an Ed25519 public key. A missing folder means no key. */
export async function loadTrustedKeysDir(dir: string): Promise<{ keys: TrustedKey[]; problems: KeyDirProblem[] }> {
  const keys: TrustedKey[] = [];
  const problems: KeyDirProblem[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.pem')).sort();
  } catch {
    return { keys, problems };
  }
  for (const name of names.slice(0, 100)) {
    const file = join(dir, name);
    let pem: string;
    try {
      pem = await readFile(file, 'utf8');
    } catch {
      problems.push({ file, reason: 'unreadable' });
      continue;
    }
    const key = parsePublicKey(pem.slice(0, 10_000), file);
    if (key) keys.push(key);
    else problems.push({ file, reason: 'not_ed25519_public_key' });
  }
  return { keys, problems };
}

export function dedupeKeys(keys: readonly TrustedKey[]): TrustedKey[] {
  const byId = new Map<string, TrustedKey>();
  for (const k of keys) if (!byId.has(k.id)) byId.set(k.id, k);
  return [...byId.values()];
}

export interface GeneratedKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
  keyId: string;
}

export function generateSigningKeyPair(): GeneratedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** The text of a ".sig" file for these bytes. */
export function signProfileBytes(bytes: Uint8Array, privateKey: KeyObject): { text: string; keyId: string } {
  const signature = sign(null, bytes, privateKey);
  const keyId = keyIdOf(privateKey);
  return { text: `${signature.toString('base64')}\nkey-id ${keyId}\n`, keyId };
}

interface ParsedSignature {
  signature: Buffer;
  keyIdHint: string | null;
}

export function parseSignatureFile(text: string): ParsedSignature | null {
  if (text.length > MAX_SIG_FILE) return null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const first = lines[0];
  if (!first || !/^[A-Za-z0-9+/]+={0,2}$/.test(first)) return null;
  const signature = Buffer.from(first, 'base64');
  if (signature.length !== SIGNATURE_BYTES) return null;
  const hint = lines.slice(1).map((l) => /^key-id\s+([0-9a-f]{16})$/i.exec(l)).find((m) => m !== null);
  return { signature, keyIdHint: hint?.[1]?.toLowerCase() ?? null };
}

/**
 * Verifies detached-signature text over bytes against trusted keys.
 * `signatureText` null means there is no .sig file.
 */
export function verifyProfileBytes(bytes: Uint8Array, signatureText: string | null, keys: readonly TrustedKey[]): SignatureCheck {
  if (signatureText === null) return { state: 'missing', keyId: null };
  const parsed = parseSignatureFile(signatureText);
  if (!parsed) return { state: 'malformed', keyId: null };
  if (keys.length === 0) return { state: 'no_trusted_keys', keyId: parsed.keyIdHint };
  for (const k of keys) {
    try {
      if (verify(null, bytes, k.key, parsed.signature)) return { state: 'valid', keyId: k.id };
    } catch {
      // A key that cannot verify (wrong type) is simply not the right one.
    }
  }
  if (parsed.keyIdHint === null) return { state: 'invalid', keyId: null };
  const named = keys.some((k) => k.id === parsed.keyIdHint);
  return { state: named ? 'tampered' : 'wrong_key', keyId: parsed.keyIdHint };
}

/** Reads "<file>.sig" (or the given path); null when it does not exist. */
export async function readSignatureFile(path: string): Promise<string | null> {
  const read = await readFileCapped(path, MAX_SIG_FILE);
  if (read.kind === 'missing') return null;
  // An oversized .sig is not a signature: return something parseSignatureFile rejects.
  if (read.kind === 'too_large') return '!';
  return read.bytes.toString('utf8');
}
