import { z } from 'zod';
import { GuideIdSchema, GuideLang } from '../../../preload/contract/guide-document';
import { readGuideFolder } from './content-source';
import { MAX_GUIDE_BYTES, type GuideProblem, type RawGuide } from './parse-guide';

/**
 * IT packs: guides the school's IT service adds (their own cabling, their own procedure) or that
 * replace ours (same id). They come from the IT profile, either inline or as a folder path (a share
 * the managed profile points to). Both give Markdown files in exactly our format; they are parsed by
 * the same code, with the same safety rules, and marked `origin: 'it'` so the UI can say
 * « Guide de votre service informatique ».
 */
export const ItPackEntry = z.strictObject({
  id: GuideIdSchema,
  lang: GuideLang,
  markdown: z.string().min(1).max(MAX_GUIDE_BYTES),
});
export type ItPackEntry = z.infer<typeof ItPackEntry>;

export const ItPack = z.strictObject({
  /** Guides written in the profile itself. */
  guides: z.array(ItPackEntry).max(200).default([]),
  /** A folder with `<lang>/<id>.md` or `<id>.<lang>.md` files. */
  folder: z.string().min(1).max(4096).nullable().default(null),
});
export type ItPack = z.input<typeof ItPack>;

/** Reads an IT pack into raw guides; a folder that cannot be read is a problem, not an exception. */
export async function readItPack(input: ItPack): Promise<{ guides: RawGuide[]; problems: GuideProblem[] }> {
  const parsed = ItPack.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { guides: [], problems: [{ severity: 'error', code: 'pack-invalid', location: 'it-pack', line: null, message }] };
  }
  const pack = parsed.data;
  const guides: RawGuide[] = pack.guides.map((g, i) => ({
    id: g.id,
    lang: g.lang,
    markdown: g.markdown,
    origin: 'it',
    location: `it-pack:guides[${i}] (${g.lang}/${g.id})`,
  }));
  const problems: GuideProblem[] = [];
  if (pack.folder) {
    try {
      guides.push(...(await readGuideFolder(pack.folder, 'it')));
    } catch (e) {
      const reason = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'unreadable';
      problems.push({ severity: 'error', code: 'pack-unreadable', location: `it-pack:${pack.folder}`, line: null, message: `folder cannot be read (${reason})` });
    }
  }
  return { guides, problems };
}
