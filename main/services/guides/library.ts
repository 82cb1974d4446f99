import {
  GUIDE_LANGS,
  GUIDE_LINK_PATTERN,
  type Block,
  type GuideDocument,
  type GuideLang,
  type GuideSummary,
  type Inline,
  type SearchHit,
} from '../../../preload/contract/guide-document';
import { TypedEmitter } from '../core/emitter';
import { ServiceError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { isFixAllowed } from './checks';
import type { GuideContent } from './content-source';
import { readItPack, type ItPack } from './it-pack';
import { parseGuide, type GuideProblem, type ParsedGuide, type RawGuide } from './parse-guide';
import { GuideSearchIndex } from './search';

export interface GuideLibraryOptions {
  logger?: Logger;
  /**
   * Throw on any problem in the bundled guides instead of skipping the faulty part. Tests and the
   * content lint use it; the app logs and carries on (a typo must not take the help away).
   */
  strict?: boolean;
}

export type GuideLibraryEvents = {
  /** The set of guides changed (an IT pack was applied or removed): reload lists and searches. */
  changed: { itGuides: number; problems: number };
};

type Key = `${GuideLang}/${string}`;
const key = (lang: GuideLang, id: string): Key => `${lang}/${id}`;

/**
 * The guides of the app: ours, merged with the IT pack of the profile, parsed once, searchable.
 * Everything it returns is ready for the contract (GuideDocument, GuideSummary, SearchHit).
 */
export class GuideLibrary extends TypedEmitter<GuideLibraryEvents> {
  private readonly log: Logger;
  private bundled = new Map<Key, ParsedGuide>();
  private merged = new Map<Key, ParsedGuide>();
  private indexes = new Map<GuideLang, GuideSearchIndex>();
  private bundledProblems: GuideProblem[] = [];
  private itProblems: GuideProblem[] = [];
  private itCount = 0;

  /**
   * Parses the guides a few at a time, yielding to the event loop in between: parsing all 38 files
   * takes a noticeable fraction of a second on a school laptop, and main must keep answering IPC
   * meanwhile. The app uses this; tests may use the synchronous constructor.
   */
  static async load(content: GuideContent, options: GuideLibraryOptions = {}): Promise<GuideLibrary> {
    const parsed = new Map<Key, ParsedGuide>();
    const problems: GuideProblem[] = [];
    for (const raw of content.guides) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const { guide, problems: p } = parseGuide(raw, content.images);
      problems.push(...p);
      if (guide) parsed.set(key(raw.lang, raw.id), guide);
    }
    return new GuideLibrary(content, options, { parsed, problems });
  }

  constructor(
    private readonly content: GuideContent,
    private readonly options: GuideLibraryOptions = {},
    preParsed?: { parsed: Map<Key, ParsedGuide>; problems: GuideProblem[] },
  ) {
    super();
    this.log = options.logger ?? silentLogger;
    const { parsed, problems } = preParsed ?? this.parseAll(content.guides);
    this.bundled = parsed;
    this.bundledProblems = problems;
    this.rebuild(new Map());
    this.bundledProblems.push(...this.checkReferences(this.merged, 'bundled'));
    // Keep the repaired versions (broken links made text) for later merges with IT packs.
    this.bundled = new Map(this.merged);
    if (this.bundledProblems.length > 0) {
      const first = this.bundledProblems.slice(0, 10).map(formatProblem).join('\n');
      if (options.strict) throw new Error(`bundled guides have ${this.bundledProblems.length} problem(s):\n${first}`);
      this.log.warn(`bundled guides have ${this.bundledProblems.length} problem(s):\n${first}`);
    }
  }

  /**
   * Applies the IT profile's pack, or its packs (a profile may have several: later ones win on the
   * same id); null or [] removes them. Returns the packs' problems, for IT.
   */
  async setItPack(pack: ItPack | readonly ItPack[] | null): Promise<GuideProblem[]> {
    const packs = pack === null ? [] : Array.isArray(pack) ? (pack as readonly ItPack[]) : [pack as ItPack];
    const raw: RawGuide[] = [];
    const problems: GuideProblem[] = [];
    for (const p of packs) {
      const read = await readItPack(p);
      raw.push(...read.guides);
      problems.push(...read.problems);
    }
    const { parsed, problems: parseProblems } = this.parseAll(raw);
    problems.push(...parseProblems);
    this.rebuild(parsed);
    problems.push(...this.checkReferences(this.merged, 'it'));
    this.itProblems = problems;
    this.itCount = parsed.size;
    for (const p of problems) this.log.warn(`IT guide pack: ${formatProblem(p)}`);
    this.emit('changed', { itGuides: this.itCount, problems: problems.length });
    return problems;
  }

  /** Problems of the bundled guides and of the current IT pack (shown to IT in the report). */
  problems(): GuideProblem[] {
    return [...this.bundledProblems, ...this.itProblems];
  }

  /** Every guide id, in any language. */
  ids(): string[] {
    return [...new Set([...this.merged.values()].map((g) => g.doc.id))].sort();
  }

  /** The guides shown in `lang` (falling back to the other language for an IT guide written in one). */
  list(lang: GuideLang): GuideSummary[] {
    return this.ids()
      .map((id) => this.get(id, lang))
      .filter((d): d is GuideDocument => d !== null)
      .map(toSummary)
      .sort((a, b) => a.title.localeCompare(b.title, lang));
  }

  get(id: string, lang: GuideLang): GuideDocument | null {
    const own = this.merged.get(key(lang, id));
    if (own) return own.doc;
    for (const other of GUIDE_LANGS) {
      const g = this.merged.get(key(other, id));
      if (g) return { ...g.doc, fallback: true };
    }
    return null;
  }

  /** Like get(), for handlers: an unknown id is a ServiceError the renderer can show. */
  require(id: string, lang: GuideLang): GuideDocument {
    const doc = this.get(id, lang);
    if (!doc) throw new ServiceError('guides.not_found', { params: { id }, guide: 'guide:contact-it' });
    return doc;
  }

  search(query: string, lang: GuideLang, limit = 8): SearchHit[] {
    return this.indexes.get(lang)?.search(query, limit) ?? [];
  }

  suggest(query: string, lang: GuideLang, limit = 5): string[] {
    return this.indexes.get(lang)?.suggest(query, limit) ?? [];
  }

  /** `guide:no-signal#input` → { id, anchor } when the guide (and the anchor) exist. */
  resolveLink(href: string, lang: GuideLang): { id: string; anchor: string | null } | null {
    const m = GUIDE_LINK_PATTERN.exec(href);
    if (!m) return null;
    const doc = this.get(m[1]!, lang);
    if (!doc) return null;
    const anchor = m[2] ?? null;
    if (anchor && !doc.anchors.includes(anchor)) return { id: doc.id, anchor: null };
    return { id: doc.id, anchor };
  }

  private parseAll(raws: RawGuide[]): { parsed: Map<Key, ParsedGuide>; problems: GuideProblem[] } {
    const parsed = new Map<Key, ParsedGuide>();
    const problems: GuideProblem[] = [];
    for (const raw of raws) {
      const { guide, problems: p } = parseGuide(raw, this.content.images);
      problems.push(...p);
      if (guide) parsed.set(key(raw.lang, raw.id), guide);
    }
    return { parsed, problems };
  }

  private rebuild(it: Map<Key, ParsedGuide>): void {
    const merged = new Map<Key, ParsedGuide>(this.bundled);
    const bundledIds = new Set([...this.bundled.values()].map((g) => g.doc.id));
    for (const [k, g] of it) {
      merged.set(k, { ...g, doc: { ...g.doc, overrides: bundledIds.has(g.doc.id) } });
    }
    this.merged = merged;
    this.indexes = new Map(
      GUIDE_LANGS.map((lang) => {
        const docs = this.ids()
          .map((id) => this.merged.get(key(lang, id)) ?? GUIDE_LANGS.map((l) => this.merged.get(key(l, id))).find(Boolean))
          .filter((g): g is ParsedGuide => g !== undefined);
        return [lang, new GuideSearchIndex(docs)];
      }),
    );
  }

  /**
   * Cross-guide checks once every guide is known: `guide:` links and related ids must exist, fixes
   * must suit their checks. In IT guides (and bundled ones outside strict mode) the offending part is
   * removed: a broken link becomes its text.
   */
  private checkReferences(guides: Map<Key, ParsedGuide>, origin: 'bundled' | 'it'): GuideProblem[] {
    const problems: GuideProblem[] = [];
    for (const [k, g] of guides) {
      if (g.doc.origin !== origin) continue;
      const location = origin === 'it' ? `it-pack:${k}` : `assets/guides/${k}.md`;
      const lang = g.doc.lang;
      const broken = new Set<string>();
      for (const link of g.links) {
        const m = GUIDE_LINK_PATTERN.exec(link.href)!;
        const target = this.get(m[1]!, lang);
        if (!target) {
          broken.add(link.href);
          problems.push({ severity: 'warning', code: 'broken-link', location, line: link.line, message: `link to unknown guide "${m[1]}"` });
        } else if (m[2] && !target.anchors.includes(m[2])) {
          broken.add(link.href);
          problems.push({ severity: 'warning', code: 'broken-link', location, line: link.line, message: `guide "${m[1]}" has no anchor "${m[2]}"` });
        }
      }
      const related = g.doc.related.filter((id) => {
        const ok = this.get(id, lang) !== null;
        if (!ok) problems.push({ severity: 'warning', code: 'unknown-related', location, line: 1, message: `related guide "${id}" does not exist` });
        return ok;
      });
      const diagnostics = g.doc.diagnostics.map((d) => {
        if (d.fix && !isFixAllowed(d.check, d.fix)) {
          problems.push({ severity: 'warning', code: 'bad-fix', location, line: 1, message: `fix "${d.fix}" does not repair check "${d.check}"` });
          return { ...d, fix: null };
        }
        return d;
      });
      if (broken.size > 0 || related.length !== g.doc.related.length || diagnostics.some((d, i) => d !== g.doc.diagnostics[i])) {
        const body = broken.size > 0 ? unlinkBlocks(g.doc.body, broken) : g.doc.body;
        guides.set(k, { ...g, doc: { ...g.doc, related, diagnostics, body } });
      }
    }
    return problems;
  }
}

export function toSummary(doc: GuideDocument): GuideSummary {
  return {
    id: doc.id,
    lang: doc.lang,
    title: doc.title,
    summary: doc.summary,
    audience: doc.audience,
    origin: doc.origin,
    overrides: doc.overrides,
    fallback: doc.fallback,
    hasDiagnostics: doc.hasDiagnostics,
  };
}

export function formatProblem(p: GuideProblem): string {
  return `${p.severity} ${p.location}${p.line ? `:${p.line}` : ''} [${p.code}] ${p.message}`;
}

function unlinkInlines(nodes: Inline[], broken: ReadonlySet<string>): Inline[] {
  return nodes.flatMap((n): Inline[] => {
    if (n.type === 'link') return broken.has(n.href) ? unlinkInlines(n.children, broken) : [{ ...n, children: unlinkInlines(n.children, broken) }];
    if (n.type === 'strong' || n.type === 'emphasis') return [{ ...n, children: unlinkInlines(n.children, broken) }];
    return [n];
  });
}

function unlinkBlocks(blocks: Block[], broken: ReadonlySet<string>): Block[] {
  return blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return { ...b, children: unlinkInlines(b.children, broken) };
      case 'list':
        return { ...b, items: b.items.map((item) => unlinkBlocks(item, broken)) };
      case 'steps':
        return { ...b, items: b.items.map((s) => ({ ...s, children: unlinkBlocks(s.children, broken) })) };
      case 'note':
        return { ...b, children: unlinkBlocks(b.children, broken) };
      case 'figure':
        return b;
    }
  });
}
