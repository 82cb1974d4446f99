/**
 * French typography for guide text, applied once when a guide is loaded (never in the renderer):
 * a narrow no-break space (U+202F) before « : ; ! ? » and inside « guillemets », so a line never
 * starts with a lone « ? » on a projected slide, and a typographic apostrophe.
 *
 * Applied to text nodes only: inline code (keys), link targets and image paths never pass through
 * here, and a colon inside a token ("10:30", "https://") is left alone.
 */
export const NNBSP = '\u202f';

// Spaces (or none) before a high punctuation mark: "Wi-Fi ?" / "Wi-Fi?" → "Wi-Fi ?". The mark must be
// followed by a space, the end, a closing bracket/quote or another mark, so that "10:30", "https://"
// and "?raw" stay as they are; nothing is added right after an opening bracket or guillemet.
const BEFORE_HIGH_PUNCT = /(?<![(«[])[ \u00a0\u202f]*([;:!?]+)(?=$|[\s)\]»"'’.,…])/gu;
const AFTER_OPENING_GUILLEMET = /«[ \u00a0\u202f]*/g;
const BEFORE_CLOSING_GUILLEMET = /[ \u00a0\u202f]*»/g;
// An apostrophe between two letters: l'image → l’image.
const STRAIGHT_APOSTROPHE = /(\p{L})'(?=\p{L})/gu;

export function frenchTypography(input: string): string {
  let s = input.replace(STRAIGHT_APOSTROPHE, '$1’');
  // Also at the start of a text node: after **Source** the next node begins with " :".
  s = s.replace(BEFORE_HIGH_PUNCT, (_m: string, marks: string) => `${NNBSP}${marks}`);
  s = s.replace(AFTER_OPENING_GUILLEMET, `«${NNBSP}`).replace(BEFORE_CLOSING_GUILLEMET, `${NNBSP}»`);
  return s;
}

/** Problems the content lint reports in French text after normalisation (should be none). */
export function typographyIssues(text: string): string[] {
  const issues: string[] = [];
  if (/[^\s\u202f\u00a0][;!?](?=\s|$)/u.test(text)) issues.push('missing no-break space before ; ! ?');
  if (/[^\s\u202f\u00a0]:(?=\s|$)/u.test(text)) issues.push('missing no-break space before :');
  if (/ [;:!?]/.test(text)) issues.push('ordinary space before high punctuation');
  if (/«(?!\u202f)|(?<!\u202f)»/u.test(text)) issues.push('guillemet without a no-break space');
  return issues;
}
