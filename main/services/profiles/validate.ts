/**
 * Profile text → validated Profile, or every problem with its JSON path and line:column.
 *
 * Order of checks, each one protecting the next:
 *  1. size (a 10 MB file is refused before it is decoded),
 *  2. UTF-8 (a BOM is tolerated: Windows Notepad writes one),
 *  3. nesting depth by a linear scan (the JSON parsers recurse; 100 000 "[" would overflow the stack),
 *  4. strict JSON with positions (jsonc-parser with comments and trailing commas disallowed), plus
 *     duplicate keys (two parsers may keep different values: refused),
 *  5. JSON.parse as the final authority on strict JSON (and the value we use: it defines "__proto__"
 *     as a plain key instead of changing the object's prototype),
 *  6. the zod schema, whose issues are mapped back to positions in the text.
 * The issues are language-neutral (code + params); messages.ts renders them in French or English.
 */
import { createHash } from 'node:crypto';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { sanitizeText } from '../core/sanitize';
import { Organisation, Profile, PROFILE_LIMITS, type Contact } from './schema';

export type PathSegment = string | number;

/** Where a profile comes from; decides which sections it may contain. */
export type ProfileOrigin = 'managed' | 'imported' | 'remote';

/** A value as shown in a message: never the raw value of a password, never more than 60 characters. */
export interface ReceivedValue {
  type: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
  value?: string;
}

export interface ProfileIssue {
  /** Catalog key in assets/i18n/<lang>/profiles.json, e.g. "expected_host". Stable: IT scripts read it. */
  code: string;
  path: PathSegment[];
  /** "schools[0].rooms[2].devices[0].host"; "" for the whole file. */
  pathText: string;
  /** 1-based, in the text as given (after a BOM). */
  line: number;
  column: number;
  params: Record<string, string | number>;
  received?: ReceivedValue;
}

/** Whom to call, read from a profile even when the rest of it is invalid (the banner needs it most then). */
export interface ContactHint {
  organisation: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  helpUrl: string | null;
  hours: string | null;
}

export type ProfileValidation =
  | { ok: true; profile: Profile; sha256: string; contact: ContactHint }
  | { ok: false; issues: ProfileIssue[]; truncated: boolean; sha256: string; contact: ContactHint | null };

export interface ValidateOptions {
  origin?: ProfileOrigin;
  /** Stop listing after this many issues (the rest is counted as `truncated`). */
  maxIssues?: number;
}

const SECRET_KEY = /password|secret|private/i;
const RECEIVED_MAX = 60;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Line starts, so that an offset becomes line:column in O(log n). */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

function describeReceived(value: unknown, path: readonly PathSegment[]): ReceivedValue | null {
  // A password is never echoed, not even masked: the message says what is expected, that is enough.
  if (path.some((seg) => typeof seg === 'string' && SECRET_KEY.test(seg))) return null;
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array' };
  switch (typeof value) {
    case 'string':
      return { type: 'string', value: sanitizeText(value, RECEIVED_MAX) };
    case 'number':
      return { type: 'number', value: String(value).slice(0, RECEIVED_MAX) };
    case 'boolean':
      return { type: 'boolean', value: String(value) };
    default:
      return { type: 'object' };
  }
}

/** Depth of {/[ nesting, found by a linear scan that skips strings. Returns the offset where the limit is crossed. */
export function findExcessiveNesting(text: string, maxDepth: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth = Math.max(0, depth - 1);
  }
  return null;
}

const JSON_ERROR_CODES: Record<string, string> = {
  InvalidSymbol: 'json_invalid_symbol',
  InvalidNumberFormat: 'json_invalid_number',
  PropertyNameExpected: 'json_property_name_expected',
  ValueExpected: 'json_value_expected',
  ColonExpected: 'json_colon_expected',
  CommaExpected: 'json_comma_expected',
  CloseBraceExpected: 'json_close_brace_expected',
  CloseBracketExpected: 'json_close_bracket_expected',
  EndOfFileExpected: 'json_end_of_file_expected',
  InvalidCommentToken: 'json_comment',
  UnexpectedEndOfComment: 'json_comment',
  UnexpectedEndOfString: 'json_unterminated_string',
  UnexpectedEndOfNumber: 'json_invalid_number',
  InvalidUnicode: 'json_invalid_escape',
  InvalidEscapeCharacter: 'json_invalid_escape',
  InvalidCharacter: 'json_invalid_character',
};

function previousSignificant(text: string, offset: number): string | null {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i] as string;
    if (!/\s/.test(ch)) return ch;
  }
  return null;
}

function jsonErrorCode(text: string, error: ParseError, root: JsonNode | undefined): string {
  const name = printParseErrorCode(error.error);
  if (root && error.offset >= root.offset + root.length && root.length > 0) return 'json_end_of_file_expected';
  const here = text[error.offset];
  // A trailing comma shows up as "value/property expected" right before a closing bracket.
  if ((name === 'ValueExpected' || name === 'PropertyNameExpected') && (here === '}' || here === ']') && previousSignificant(text, error.offset) === ',') {
    return 'json_trailing_comma';
  }
  if (name === 'InvalidSymbol' && here === "'") return 'json_single_quotes';
  // A key without quotes ({ schemaVersion: 1 }), as in JavaScript.
  if (name === 'InvalidSymbol' && /^[A-Za-z_$][\w$-]*\s*:/.test(text.slice(error.offset, error.offset + 200))) return 'json_property_name_expected';
  if (name === 'InvalidSymbol' && text.startsWith('//', error.offset)) return 'json_comment';
  if (name === 'InvalidSymbol' && text.startsWith('/*', error.offset)) return 'json_comment';
  return JSON_ERROR_CODES[name] ?? 'json_invalid';
}

function findDuplicateKeys(node: JsonNode, path: PathSegment[], out: { node: JsonNode; path: PathSegment[] }[], limit: number): void {
  if (out.length >= limit) return;
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const keyNode = prop.children?.[0];
      const valueNode = prop.children?.[1];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) out.push({ node: keyNode, path: [...path, key] });
      seen.add(key);
      if (valueNode) findDuplicateKeys(valueNode, [...path, key], out, limit);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => findDuplicateKeys(child, [...path, i], out, limit));
  }
}

// ---- "Did you mean …?" for unknown keys -----------------------------------------------------------

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else break;
  }
  return s;
}

function allowedKeysAt(path: readonly PathSegment[]): string[] {
  let s: z.ZodType = unwrap(Profile);
  for (const seg of path) {
    if (typeof seg === 'number' && s instanceof z.ZodArray) s = unwrap(s.element as z.ZodType);
    else if (typeof seg === 'string' && s instanceof z.ZodObject) {
      const next = (s.shape as Record<string, z.ZodType>)[seg];
      if (!next) return [];
      s = unwrap(next);
    } else return [];
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape as object) : [];
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] as number;
      prev[j] = Math.min(above + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return prev[b.length] as number;
}

export function suggestKey(key: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    if (candidate === '$comment') continue;
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

// ---- zod issues → profile issues -----------------------------------------------------------------

const EXPECTED: Record<string, string> = {
  string: 'expected_string',
  number: 'expected_number',
  int: 'expected_integer',
  boolean: 'expected_boolean',
  object: 'expected_object',
  array: 'expected_array',
};

interface Doc {
  text: string;
  root: JsonNode | undefined;
  value: unknown;
  lines: LineIndex;
}

function nodeAt(doc: Doc, path: readonly PathSegment[]): JsonNode | undefined {
  if (!doc.root) return undefined;
  return path.length === 0 ? doc.root : findNodeAtLocation(doc.root, [...path]);
}

/** The value at a path in the parsed value (not in the tree, whose numbers and strings are equal anyway). */
function valueAt(value: unknown, path: readonly PathSegment[]): { found: boolean; value: unknown } {
  let cur: unknown = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return { found: false, value: undefined };
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return { found: true, value: cur };
}

function locate(doc: Doc, path: readonly PathSegment[], atKey: boolean): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(doc, path.slice(0, n));
    if (!node) continue;
    const target = atKey && n === path.length && node.parent?.type === 'property' ? node.parent : node;
    return doc.lines.position(target.offset);
  }
  return { line: 1, column: 1 };
}

function makeIssue(doc: Doc, code: string, path: PathSegment[], params: Record<string, string | number>, opts: { atKey?: boolean; withReceived?: boolean } = {}): ProfileIssue {
  const issue: ProfileIssue = { code, path, pathText: formatPath(path), ...locate(doc, path, opts.atKey ?? false), params };
  if (opts.withReceived !== false) {
    const at = valueAt(doc.value, path);
    const received = at.found ? describeReceived(at.value, path) : null;
    if (received) issue.received = received;
  }
  return issue;
}

function customKey(message: string | undefined): string | null {
  return message && message.startsWith('#') ? message.slice(1) : null;
}

function stringParams(params: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') out[k] = typeof v === 'string' ? sanitizeText(v, 200) : v;
  }
  return out;
}

function convertIssue(doc: Doc, issue: z.core.$ZodIssue): ProfileIssue[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
  const custom = customKey(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path);
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, allowed);
        return makeIssue(doc, suggestion ? 'unknown_key_suggestion' : 'unknown_key', [...path, key], { key: sanitizeText(key, RECEIVED_MAX), ...(suggestion ? { suggestion } : {}) }, { atKey: true, withReceived: false });
      });
    }
    case 'invalid_type':
    case 'invalid_value': {
      if (!valueAt(doc.value, path).found) {
        const key = path[path.length - 1];
        return [makeIssue(doc, 'missing_key', path, { key: String(key ?? '') }, { withReceived: false })];
      }
      if (custom) return [makeIssue(doc, custom, path, {})];
      if (issue.code === 'invalid_type') {
        const code = EXPECTED[issue.expected] ?? 'expected_other';
        return [makeIssue(doc, code, path, code === 'expected_other' ? { expected: String(issue.expected) } : {})];
      }
      return [makeIssue(doc, 'expected_one_of', path, { values: issue.values.map((v) => JSON.stringify(v)).join(', ') })];
    }
    case 'too_big': {
      if (custom) return [makeIssue(doc, custom, path, {})];
      const max = Number(issue.maximum);
      const at = valueAt(doc.value, path).value;
      if (issue.origin === 'string') return [makeIssue(doc, 'too_long', path, { maximum: max, length: typeof at === 'string' ? at.length : 0 }, { withReceived: false })];
      if (issue.origin === 'array') return [makeIssue(doc, 'too_many', path, { maximum: max, count: Array.isArray(at) ? at.length : 0 }, { withReceived: false })];
      return [makeIssue(doc, 'too_big_number', path, { maximum: max })];
    }
    case 'too_small': {
      if (custom) return [makeIssue(doc, custom, path, {})];
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return [makeIssue(doc, min <= 1 ? 'empty_text' : 'too_short', path, { minimum: min })];
      if (issue.origin === 'array') return [makeIssue(doc, 'too_few', path, { minimum: min }, { withReceived: false })];
      return [makeIssue(doc, 'too_small_number', path, { minimum: min })];
    }
    case 'invalid_format':
      return [makeIssue(doc, custom ?? 'invalid_format', path, custom ? {} : { format: issue.format })];
    case 'custom':
      return [makeIssue(doc, custom ?? 'invalid_value', path, stringParams(issue.params))];
    default:
      return [makeIssue(doc, custom ?? 'invalid_value', path, {})];
  }
}

/** Whom to call, from a parsed value that may be invalid elsewhere. */
export function contactHintFrom(value: unknown): ContactHint | null {
  const org = valueAt(value, ['organisation']);
  if (!org.found) return null;
  const parsed = Organisation.safeParse(org.value);
  if (parsed.success) return contactHint(parsed.data.name, parsed.data.contact);
  // Part of the organisation is wrong: keep the contact fields that are individually fine.
  const contact = valueAt(org.value, ['contact']).value as Record<string, unknown> | undefined;
  if (!contact || typeof contact !== 'object') return null;
  const pick = (k: 'name' | 'phone' | 'email' | 'helpUrl' | 'hours'): string | null => {
    const field = Organisation.shape.contact.shape[k];
    const r = field.safeParse(contact[k]);
    return r.success && typeof r.data === 'string' ? r.data : null;
  };
  const name = valueAt(org.value, ['name']).value;
  const hint: ContactHint = {
    organisation: typeof name === 'string' ? sanitizeText(name, 200) : null,
    name: pick('name'),
    phone: pick('phone'),
    email: pick('email'),
    helpUrl: pick('helpUrl'),
    hours: pick('hours'),
  };
  return hint.phone ?? hint.email ?? hint.helpUrl ? hint : null;
}

export function contactHint(organisation: string, contact: Contact): ContactHint {
  return {
    organisation,
    name: contact.name ?? null,
    phone: contact.phone ?? null,
    email: contact.email ?? null,
    helpUrl: contact.helpUrl ?? null,
    hours: contact.hours ?? null,
  };
}

function fail(issues: ProfileIssue[], sha256: string, maxIssues: number, contact: ContactHint | null = null): ProfileValidation {
  return { ok: false, issues: issues.slice(0, maxIssues), truncated: issues.length > maxIssues, sha256, contact };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Validates profile bytes (or text). Never throws for bad input. */
export function validateProfile(input: Uint8Array | string, options: ValidateOptions = {}): ProfileValidation {
  const maxIssues = options.maxIssues ?? 200;
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const emptyDoc = (text: string): Doc => ({ text, root: undefined, value: undefined, lines: new LineIndex(text) });
  const fileIssue = (code: string, params: Record<string, string | number> = {}, offset = 0, text = ''): ProfileIssue => ({
    code,
    path: [],
    pathText: '',
    ...new LineIndex(text).position(offset),
    params,
  });

  if (bytes.byteLength > PROFILE_LIMITS.maxBytes) {
    return fail([fileIssue('file_too_large', { size: bytes.byteLength, maximum: PROFILE_LIMITS.maxBytes })], sha256, maxIssues);
  }
  let text: string;
  try {
    // TextDecoder drops a leading BOM; positions are then relative to the text after it, like editors show.
    text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : UTF8.decode(bytes);
  } catch {
    return fail([fileIssue('not_utf8')], sha256, maxIssues);
  }
  if (text.trim() === '') return fail([fileIssue('empty_file')], sha256, maxIssues);

  const deep = findExcessiveNesting(text, PROFILE_LIMITS.maxDepth);
  if (deep !== null) return fail([fileIssue('too_deep', { maximum: PROFILE_LIMITS.maxDepth }, deep, text)], sha256, maxIssues);

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const lines = new LineIndex(text);
    // Only the first syntax error: the parser's later ones are mostly consequences of it.
    const first = errors[0] as ParseError;
    return fail([{ code: jsonErrorCode(text, first, root), path: [], pathText: '', ...lines.position(first.offset), params: {} }], sha256, maxIssues);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // jsonc-parser accepted something strict JSON does not (it is lenient on a few control characters).
    const at = /position (\d+)/.exec(String((e as Error).message));
    return fail([fileIssue('json_invalid', {}, at ? Number(at[1]) : 0, text)], sha256, maxIssues);
  }
  const doc: Doc = { ...emptyDoc(text), root, value };

  const duplicates: { node: JsonNode; path: PathSegment[] }[] = [];
  if (root) findDuplicateKeys(root, [], duplicates, maxIssues);
  if (duplicates.length > 0) {
    return fail(
      duplicates.map((d) => ({ code: 'duplicate_key', path: d.path, pathText: formatPath(d.path), ...doc.lines.position(d.node.offset), params: { key: sanitizeText(String(d.path[d.path.length - 1]), RECEIVED_MAX) } })),
      sha256,
      maxIssues,
      contactHintFrom(value),
    );
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail([makeIssue(doc, 'expected_object', [], {})], sha256, maxIssues);
  }

  const issues: ProfileIssue[] = [];
  const origin = options.origin ?? 'managed';
  if (origin !== 'managed' && Object.prototype.hasOwnProperty.call(value, 'managed')) {
    issues.push(makeIssue(doc, 'managed_only', ['managed'], {}, { atKey: true, withReceived: false }));
  }
  const parsed = Profile.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) issues.push(...convertIssue(doc, issue));
  if (issues.length > 0 || !parsed.success) {
    issues.sort((a, b) => a.line - b.line || a.column - b.column);
    return fail(issues, sha256, maxIssues, contactHintFrom(value));
  }
  return { ok: true, profile: parsed.data, sha256, contact: contactHint(parsed.data.organisation.name, parsed.data.organisation.contact) };
}
