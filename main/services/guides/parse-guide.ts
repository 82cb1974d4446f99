import type { GuideDocument, GuideLang, GuideOrigin } from '../../../preload/contract/guide-document';
import { parseFrontMatter, splitFrontMatter } from './front-matter';
import { parseGuideMarkdown, type MarkdownIssue } from './markdown';
import { frenchTypography } from './typography';

/** One guide file before parsing: bundled (`assets/guides/fr/no-signal.md`) or from an IT pack. */
export interface RawGuide {
  id: string;
  lang: GuideLang;
  markdown: string;
  origin: GuideOrigin;
  /** Where it came from, for messages (`assets/guides/fr/no-signal.md`, `it-pack:/srv/guides/fr/x.md`). */
  location: string;
}

export interface GuideProblem {
  /** `error`: the guide was not loaded. `warning`: it was loaded without the offending part. */
  severity: 'error' | 'warning';
  code:
    | MarkdownIssue['code']
    | 'front-matter'
    | 'id-mismatch'
    | 'too-large'
    | 'broken-link'
    | 'unknown-related'
    | 'bad-fix'
    | 'unknown-step'
    | 'pack-invalid'
    | 'pack-unreadable';
  location: string;
  line: number | null;
  message: string;
}

export interface ParsedGuide {
  doc: GuideDocument;
  /** Plain text of the steps, for the search index. */
  stepsText: string;
  /** Every `guide:` link in the body, checked once all guides are known. */
  links: { href: string; line: number | null }[];
}

/** IT packs are read from outside: a guide is a page of text, not megabytes. */
export const MAX_GUIDE_BYTES = 100_000;

export function parseGuide(raw: RawGuide, images: ReadonlySet<string>): { guide: ParsedGuide | null; problems: GuideProblem[] } {
  const problems: GuideProblem[] = [];
  const fail = (code: GuideProblem['code'], message: string, line: number | null = null) => {
    problems.push({ severity: 'error', code, location: raw.location, line, message });
    return { guide: null, problems };
  };
  if (raw.markdown.length > MAX_GUIDE_BYTES) return fail('too-large', `larger than ${MAX_GUIDE_BYTES} characters`);

  let split;
  try {
    split = splitFrontMatter(raw.markdown);
  } catch (e) {
    return fail('front-matter', e instanceof Error ? e.message.split('\n')[0]! : String(e), 1);
  }
  const fm = parseFrontMatter(split.data);
  if (!fm.ok) return fail('front-matter', fm.message, 1);
  const meta = fm.value;
  if (meta.id !== raw.id) return fail('id-mismatch', `front matter id "${meta.id}" differs from the file name "${raw.id}"`, 1);

  const md = parseGuideMarkdown(split.body, { lang: raw.lang, images, lineOffset: split.bodyStartLine - 1 });
  for (const issue of md.issues) {
    problems.push({ severity: 'warning', code: issue.code, location: raw.location, line: issue.line, message: issue.message });
  }

  const typo = raw.lang === 'fr' ? frenchTypography : (s: string) => s;
  const diagnostics = meta.diagnostics.map((d) => ({ check: d.check, fix: d.fix ?? null, step: d.step ?? null }));
  for (const d of diagnostics) {
    if (d.step && !md.anchors.includes(d.step)) {
      problems.push({ severity: 'warning', code: 'unknown-step', location: raw.location, line: 1, message: `diagnostics: step "${d.step}" is not an anchor of this guide` });
      d.step = null;
    }
  }

  const doc: GuideDocument = {
    id: meta.id,
    lang: raw.lang,
    title: typo(meta.title),
    summary: typo(meta.summary),
    audience: meta.audience,
    origin: raw.origin,
    overrides: false,
    fallback: false,
    hasDiagnostics: diagnostics.length > 0,
    keywords: meta.keywords,
    related: meta.related.filter((r) => r !== meta.id),
    diagnostics,
    sources: meta.sources.map((s) => ({ title: typo(s.title), url: s.url, note: s.note ? typo(s.note) : null })),
    anchors: md.anchors,
    body: md.body,
  };
  return { guide: { doc, stepsText: md.stepsText, links: md.links }, problems };
}
