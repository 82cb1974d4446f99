import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Anchor, CheckId, FixId, GuideAudience, GuideIdSchema } from '../../../preload/contract/guide-document';

/**
 * The front matter of a guide (YAML between two `---` lines). Authors write it by hand and IT packs
 * come from outside, so it is validated strictly: unknown keys are errors (a typo such as `sumary`
 * must not silently drop the summary).
 */
const Line = z.string().trim().min(1).max(200);

export const FrontMatterSchema = z.strictObject({
  id: GuideIdSchema,
  title: Line,
  /** One line: shown under the title and in search results. */
  summary: z.string().trim().min(1).max(300).refine((s) => !s.includes('\n'), 'one line'),
  /** Symptoms and words a teacher types ("pas d'image", "écran noir", "projo"). */
  keywords: z.array(Line).min(1).max(60),
  audience: GuideAudience.default('teacher'),
  related: z.array(GuideIdSchema).max(12).default([]),
  diagnostics: z
    .array(
      z.strictObject({
        check: CheckId,
        fix: FixId.optional(),
        /** The step (anchor) of this guide that explains what the check looks at. */
        step: Anchor.optional(),
      }),
    )
    .max(12)
    .default([]),
  sources: z
    .array(
      z.strictObject({
        title: Line,
        url: z.url({ protocol: /^https$/ }).max(2000),
        note: Line.optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type FrontMatter = z.output<typeof FrontMatterSchema>;

export interface SplitResult {
  data: unknown;
  body: string;
  /** Line number (1-based) of the first body line, so Markdown issues point at the file's lines. */
  bodyStartLine: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `---\n<yaml>\n---\n<markdown>`; throws when there is no front matter or the YAML is invalid. */
export function splitFrontMatter(source: string): SplitResult {
  const text = source.replace(/^\ufeff/, '');
  const match = FENCE.exec(text);
  if (!match) throw new Error('missing front matter (--- … --- at the top of the file)');
  const yaml = match[1] ?? '';
  // maxAliasCount bounds "billion laughs" documents from IT packs; uniqueKeys rejects duplicated keys.
  const data: unknown = parseYaml(yaml, { uniqueKeys: true, maxAliasCount: 20, prettyErrors: true });
  const bodyStartLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) + 1;
  return { data, body: text.slice(match[0].length), bodyStartLine };
}

export function parseFrontMatter(data: unknown): { ok: true; value: FrontMatter } | { ok: false; message: string } {
  const result = FrontMatterSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const message = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, message };
}
