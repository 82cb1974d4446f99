/**
 * The logic of `classe profile validate|keygen|sign|verify`, as functions that return what to print
 * and the exit code; main/cli only parses arguments and prints `text` (or `JSON.stringify(json)` with
 * --json). The JSON objects are stable: IT scripts read them. Exit codes:
 *
 *   0 ok · 1 profile invalid · 2 usage or file error · 3 signature: file changed after signing ·
 *   4 signature: signed by an untrusted key · 5 signature missing · 6 signature malformed or matching
 *   no key · 7 no trusted key to verify with
 */
import { access } from 'node:fs/promises';
import { formatIssue, issueMessage, translator, type Lang } from './messages';
import { readFileCapped, writeFileAtomic } from './files';
import { PROFILE_LIMITS } from './schema';
import {
  generateSigningKeyPair,
  loadTrustedKeysDir,
  parsePrivateKey,
  parsePublicKey,
  readSignatureFile,
  signProfileBytes,
  verifyProfileBytes,
  type SignatureState,
  type TrustedKey,
} from './signatures';
import { validateProfile, type ProfileIssue, type ProfileOrigin } from './validate';

export const EXIT = {
  ok: 0,
  invalid: 1,
  usage: 2,
  tampered: 3,
  wrongKey: 4,
  missingSignature: 5,
  badSignature: 6,
  noTrustedKeys: 7,
} as const;

export interface CliResult<J extends object = Record<string, unknown>> {
  exitCode: number;
  /** Print with JSON.stringify(json, null, 2) for --json. */
  json: J;
  /** Human text (French or English), ending with a newline. */
  text: string;
}

export interface IssueJson extends ProfileIssue {
  message: string;
}

export interface ValidateJson {
  command: 'profile.validate';
  ok: boolean;
  exitCode: number;
  file: string;
  sha256: string | null;
  errors: IssueJson[];
  truncated: boolean;
  summary: { schools: number; rooms: number; devices: number } | null;
  /** Set when the file could not be read at all. */
  failure?: { code: 'unreadable'; reason: string };
}

function lines(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n') + '\n';
}

function ioReason(e: unknown): string {
  return String((e as NodeJS.ErrnoException).code ?? (e as Error).message ?? e).slice(0, 200);
}

export async function validateCommand(input: { file: string; lang: Lang; origin?: ProfileOrigin }): Promise<CliResult<ValidateJson>> {
  const tr = translator(input.lang);
  let read;
  try {
    read = await readFileCapped(input.file, PROFILE_LIMITS.maxBytes);
  } catch (e) {
    read = { kind: 'error' as const, reason: ioReason(e) };
  }
  if (read.kind === 'missing' || read.kind === 'error') {
    const reason = read.kind === 'missing' ? 'ENOENT' : read.reason;
    return {
      exitCode: EXIT.usage,
      json: { command: 'profile.validate', ok: false, exitCode: EXIT.usage, file: input.file, sha256: null, errors: [], truncated: false, summary: null, failure: { code: 'unreadable', reason } },
      text: lines(tr.t('profiles', 'cli_unreadable', { file: input.file, reason })),
    };
  }
  const issues: ProfileIssue[] = [];
  let sha256: string | null = null;
  let truncated = false;
  let summary: ValidateJson['summary'] = null;
  if (read.kind === 'too_large') {
    issues.push({ code: 'file_too_large', path: [], pathText: '', line: 1, column: 1, params: { size: read.size, maximum: PROFILE_LIMITS.maxBytes } });
  } else {
    const result = validateProfile(read.bytes, { origin: input.origin ?? 'managed' });
    sha256 = result.sha256;
    if (result.ok) {
      const rooms = (result.profile.schools ?? []).flatMap((s) => s.rooms);
      summary = { schools: result.profile.schools?.length ?? 0, rooms: rooms.length, devices: rooms.reduce((n, r) => n + r.devices.length, 0) };
    } else {
      issues.push(...result.issues);
      truncated = result.truncated;
    }
  }
  const ok = issues.length === 0;
  const exitCode = ok ? EXIT.ok : EXIT.invalid;
  const errors = issues.map((i) => ({ ...i, message: issueMessage(i, input.lang) }));
  const text = ok
    ? lines(tr.t('profiles', 'cli_valid', { file: input.file, ...summary }))
    : lines(
        ...issues.map((i) => `${input.file}:${i.line}:${i.column}  ${formatIssue(i, input.lang)}`),
        truncated ? tr.t('profiles', 'cli_truncated') : '',
        tr.t('profiles', 'cli_invalid', { file: input.file, count: issues.length }),
      );
  return { exitCode, json: { command: 'profile.validate', ok, exitCode, file: input.file, sha256, errors, truncated, summary }, text };
}

export interface KeygenJson {
  command: 'profile.keygen';
  ok: boolean;
  exitCode: number;
  privateKey: string;
  publicKey: string;
  keyId: string | null;
  failure?: { code: 'exists' | 'unwritable'; file: string; reason?: string };
}

async function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Writes "<out>.key" (private, mode 0600) and "<out>.pub.pem" (public). Refuses to overwrite unless force.
 */
export async function keygenCommand(input: { out: string; lang: Lang; force?: boolean }): Promise<CliResult<KeygenJson>> {
  const tr = translator(input.lang);
  const privateKey = `${input.out}.key`;
  const publicKey = `${input.out}.pub.pem`;
  const fail = (failure: NonNullable<KeygenJson['failure']>, text: string): CliResult<KeygenJson> => ({
    exitCode: EXIT.usage,
    json: { command: 'profile.keygen', ok: false, exitCode: EXIT.usage, privateKey, publicKey, keyId: null, failure },
    text: lines(text),
  });
  if (!input.force) {
    for (const file of [privateKey, publicKey]) if (await fileExists(file)) return fail({ code: 'exists', file }, tr.t('profiles', 'cli_keygen_exists', { file }));
  }
  const pair = generateSigningKeyPair();
  try {
    await writeFileAtomic(privateKey, pair.privateKeyPem, { mode: 0o600, dirMode: 0o700 });
    await writeFileAtomic(publicKey, pair.publicKeyPem, { mode: 0o644 });
  } catch (e) {
    return fail({ code: 'unwritable', file: privateKey, reason: ioReason(e) }, tr.t('profiles', 'cli_unreadable', { file: privateKey, reason: ioReason(e) }));
  }
  return {
    exitCode: EXIT.ok,
    json: { command: 'profile.keygen', ok: true, exitCode: EXIT.ok, privateKey, publicKey, keyId: pair.keyId },
    text: lines(tr.t('profiles', 'cli_keygen_done', { privateKey, publicKey, keyId: pair.keyId })),
  };
}

export interface SignJson {
  command: 'profile.sign';
  ok: boolean;
  exitCode: number;
  file: string;
  signature: string;
  keyId: string | null;
  sha256: string | null;
  errors: IssueJson[];
  failure?: { code: 'unreadable' | 'bad_private_key' | 'invalid_profile' | 'unwritable'; file: string; reason?: string };
}

/** Validates FILE, then writes FILE.sig (or `out`) signed with the private key. An invalid profile is not signed. */
export async function signCommand(input: { file: string; key: string; lang: Lang; out?: string; origin?: ProfileOrigin }): Promise<CliResult<SignJson>> {
  const tr = translator(input.lang);
  const signature = input.out ?? `${input.file}.sig`;
  const base = { command: 'profile.sign' as const, file: input.file, signature, keyId: null, sha256: null, errors: [] as IssueJson[] };
  const fail = (exitCode: number, failure: NonNullable<SignJson['failure']>, text: string, extra: Partial<SignJson> = {}): CliResult<SignJson> => ({
    exitCode,
    json: { ...base, ok: false, exitCode, failure, ...extra },
    text,
  });

  const keyRead = await readFileCapped(input.key, 64 * 1024).catch((e: unknown) => ({ kind: 'error' as const, reason: ioReason(e) }));
  if (keyRead.kind !== 'ok') return fail(EXIT.usage, { code: 'unreadable', file: input.key }, lines(tr.t('profiles', 'cli_unreadable', { file: input.key, reason: keyRead.kind === 'error' ? keyRead.reason : keyRead.kind })));
  const privateKey = parsePrivateKey(keyRead.bytes.toString('utf8'));
  if (!privateKey) return fail(EXIT.usage, { code: 'bad_private_key', file: input.key }, lines(tr.t('profiles', 'cli_bad_private_key', { file: input.key })));

  const validation = await validateCommand({ file: input.file, lang: input.lang, origin: input.origin ?? 'managed' });
  if (validation.json.failure) return fail(EXIT.usage, { code: 'unreadable', file: input.file, reason: validation.json.failure.reason }, validation.text);
  if (!validation.json.ok) {
    return fail(EXIT.invalid, { code: 'invalid_profile', file: input.file }, validation.text + lines(tr.t('profiles', 'cli_sign_refused', { file: input.file })), { errors: validation.json.errors, sha256: validation.json.sha256 });
  }
  const bytes = await readFileCapped(input.file, PROFILE_LIMITS.maxBytes);
  if (bytes.kind !== 'ok') return fail(EXIT.usage, { code: 'unreadable', file: input.file }, lines(tr.t('profiles', 'cli_unreadable', { file: input.file, reason: bytes.kind })));
  const signed = signProfileBytes(bytes.bytes, privateKey);
  try {
    await writeFileAtomic(signature, signed.text, { mode: 0o644 });
  } catch (e) {
    return fail(EXIT.usage, { code: 'unwritable', file: signature, reason: ioReason(e) }, lines(tr.t('profiles', 'cli_unreadable', { file: signature, reason: ioReason(e) })));
  }
  return {
    exitCode: EXIT.ok,
    json: { ...base, ok: true, exitCode: EXIT.ok, keyId: signed.keyId, sha256: validation.json.sha256 },
    text: lines(tr.t('profiles', 'cli_sign_done', { signature, keyId: signed.keyId })),
  };
}

export interface VerifyJson {
  command: 'profile.verify';
  ok: boolean;
  exitCode: number;
  file: string;
  signature: string;
  state: SignatureState | null;
  keyId: string | null;
  /** Ids of the keys tried. */
  trustedKeys: string[];
  failure?: { code: 'unreadable' | 'bad_public_key'; file: string; reason?: string };
}

const VERIFY_EXIT: Record<SignatureState, number> = {
  valid: EXIT.ok,
  tampered: EXIT.tampered,
  wrong_key: EXIT.wrongKey,
  missing: EXIT.missingSignature,
  malformed: EXIT.badSignature,
  invalid: EXIT.badSignature,
  no_trusted_keys: EXIT.noTrustedKeys,
};

/**
 * Checks FILE against FILE.sig (or `signature`) with the given public keys (`keys`: PEM files), or
 * else every key of `keysDir` (the CLI passes the managed location's trusted-keys folder).
 */
export async function verifyCommand(input: { file: string; lang: Lang; signature?: string; keys?: readonly string[]; keysDir: string }): Promise<CliResult<VerifyJson>> {
  const tr = translator(input.lang);
  const signature = input.signature ?? `${input.file}.sig`;
  const base = { command: 'profile.verify' as const, file: input.file, signature, state: null, keyId: null, trustedKeys: [] as string[] };
  const fail = (failure: NonNullable<VerifyJson['failure']>, text: string): CliResult<VerifyJson> => ({
    exitCode: EXIT.usage,
    json: { ...base, ok: false, exitCode: EXIT.usage, failure },
    text: lines(text),
  });

  let keys: TrustedKey[] = [];
  if (input.keys && input.keys.length > 0) {
    for (const file of input.keys) {
      const read = await readFileCapped(file, 64 * 1024).catch((e: unknown) => ({ kind: 'error' as const, reason: ioReason(e) }));
      if (read.kind !== 'ok') return fail({ code: 'unreadable', file }, tr.t('profiles', 'cli_unreadable', { file, reason: read.kind === 'error' ? read.reason : read.kind }));
      const key = parsePublicKey(read.bytes.toString('utf8'), file);
      if (!key) return fail({ code: 'bad_public_key', file }, tr.t('profiles', 'cli_bad_public_key', { file }));
      keys.push(key);
    }
  } else {
    keys = (await loadTrustedKeysDir(input.keysDir)).keys;
  }

  const bytes = await readFileCapped(input.file, PROFILE_LIMITS.maxBytes).catch((e: unknown) => ({ kind: 'error' as const, reason: ioReason(e) }));
  if (bytes.kind !== 'ok') {
    const reason = bytes.kind === 'error' ? bytes.reason : bytes.kind === 'missing' ? 'ENOENT' : 'too large';
    return fail({ code: 'unreadable', file: input.file, reason }, tr.t('profiles', 'cli_unreadable', { file: input.file, reason }));
  }
  const sigText = await readSignatureFile(signature).catch(() => null);
  const check = verifyProfileBytes(bytes.bytes, sigText, keys);
  const exitCode = VERIFY_EXIT[check.state];
  const params = { file: input.file, signature, keyId: check.keyId ?? '?', dir: input.keysDir };
  const keyList = keys.map((k) => k.id);
  return {
    exitCode,
    json: { ...base, ok: check.state === 'valid', exitCode, state: check.state, keyId: check.keyId, trustedKeys: keyList },
    text: lines(
      tr.t('profiles', check.state === 'no_trusted_keys' ? 'verify_no_keys' : `verify_${check.state}`, params),
      check.state !== 'valid' && keyList.length > 0 ? tr.t('profiles', 'verify_keys_used', { keys: keyList.join(', ') }) : '',
    ),
  };
}
