/**
 * Text that comes from the network (device names, TXT records, PJLink replies) or from files is
 * untrusted. It is shown as text (React never interprets it as HTML), and before that it is made
 * boring: Unicode-normalised, control and bidi-override characters removed, whitespace collapsed,
 * length capped.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates, zero-width characters, BOM: they can disguise a name.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

export const MAX_NAME_LENGTH = 80;
export const MAX_TEXT_LENGTH = 256;

export function sanitizeText(input: unknown, maxLength = MAX_TEXT_LENGTH): string {
  if (typeof input !== 'string') {
    if (input === null || input === undefined) return '';
    if (typeof input === 'number' || typeof input === 'boolean') input = String(input);
    else return '';
  }
  let s = (input as string).normalize('NFC').replace(CONTROL, ' ').replace(INVISIBLE, '');
  s = s.replace(/\s+/g, ' ').trim();
  if (s.length > maxLength) {
    // Cut on a code point boundary and mark the cut.
    s = Array.from(s).slice(0, maxLength - 1).join('') + '…';
  }
  return s;
}

export function sanitizeName(input: unknown): string {
  return sanitizeText(input, MAX_NAME_LENGTH);
}
