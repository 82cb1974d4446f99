/**
 * Content lint, as a test: the bundled guides, their diagrams and catalogs are checked here so that a
 * typo in a Markdown file fails CI instead of showing a broken guide to a teacher.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import enDiagnostics from '../../../assets/i18n/en/diagnostics.json';
import enGuidesErrors from '../../../assets/i18n/en/errors/guides.json';
import enGuidesUi from '../../../assets/i18n/en/guides.json';
import frDiagnostics from '../../../assets/i18n/fr/diagnostics.json';
import frGuidesErrors from '../../../assets/i18n/fr/errors/guides.json';
import frGuidesUi from '../../../assets/i18n/fr/guides.json';
import {
  CHECK_IDS,
  FIX_IDS,
  GUIDE_LINK_PATTERN,
  GuideDocument,
  type Block,
  type GuideLang,
  type Inline,
} from '../../../preload/contract/guide-document';
import { CHECKS, ENGINE_REASONS, isFixAllowed } from '../../../main/services/guides/checks';
import { bundledGuides } from '../../../main/services/guides/content-source';
import { DOMAIN_GUIDES, ERROR_GUIDES, FALLBACK_GUIDE } from '../../../main/services/guides/error-guides';
import { GuideLibrary } from '../../../main/services/guides/library';
import { typographyIssues } from '../../../main/services/guides/typography';

const ROOT = join(import.meta.dirname, '../../..');
const GUIDES_DIR = join(ROOT, 'assets/guides');
const LANGS: GuideLang[] = ['fr', 'en'];

/** The ids every other part of the product refers to (BRIEF: shared ids). */
const EXPECTED_IDS = [
  'no-signal',
  'choose-source',
  'display-mode',
  'blurry-image',
  'resolution',
  'hdmi-sound',
  'vpi-cables',
  'vpi-pen',
  'vpi-calibrate',
  'power-lamp',
  'lamp-filter',
  'shuts-down',
  'wifi-off',
  'prepare-lesson',
  'wireless',
  'contact-it',
  'pjlink-password',
  'standby-network',
  'cast-failed',
].sort();

let library: GuideLibrary;
const content = bundledGuides();

beforeAll(() => {
  // strict: any problem in a bundled guide (raw HTML, broken link, unknown image, bad front matter,
  // fix that does not suit its check…) throws with the list of problems.
  library = new GuideLibrary(content, { strict: true });
});

function doc(id: string, lang: GuideLang): GuideDocument {
  const d = library.get(id, lang);
  if (!d || d.fallback) throw new Error(`missing ${lang}/${id}`);
  return d;
}

function* inlines(nodes: readonly Inline[]): Generator<Inline> {
  for (const n of nodes) {
    yield n;
    if (n.type === 'strong' || n.type === 'emphasis' || n.type === 'link') yield* inlines(n.children);
  }
}

function* blocks(nodes: readonly Block[]): Generator<Block> {
  for (const b of nodes) {
    yield b;
    if (b.type === 'list') for (const item of b.items) yield* blocks(item);
    if (b.type === 'steps') for (const s of b.items) yield* blocks(s.children);
    if (b.type === 'note') yield* blocks(b.children);
  }
}

function allInlines(d: GuideDocument): Inline[] {
  const out: Inline[] = [];
  for (const b of blocks(d.body)) if (b.type === 'heading' || b.type === 'paragraph') out.push(...inlines(b.children));
  return out;
}

function steps(d: GuideDocument) {
  return [...blocks(d.body)].flatMap((b) => (b.type === 'steps' ? b.items : []));
}

function section(d: GuideDocument, id: string): Block[] {
  const start = d.body.findIndex((b) => b.type === 'heading' && b.depth === 2 && b.id === id);
  if (start < 0) return [];
  const rest = d.body.slice(start + 1);
  const end = rest.findIndex((b) => b.type === 'heading' && b.depth === 2);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('bundled guides', () => {
  it('has exactly the shared guide ids, each in French and in English', () => {
    for (const lang of LANGS) {
      const files = readdirSync(join(GUIDES_DIR, lang))
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3))
        .sort();
      expect(files, lang).toEqual(EXPECTED_IDS);
    }
    expect(library.ids()).toEqual(EXPECTED_IDS);
    expect(content.guides).toHaveLength(EXPECTED_IDS.length * 2);
  });

  it('loads every guide without a single problem (strict mode)', () => {
    expect(library.problems()).toEqual([]);
  });

  it('produces documents that match the contract schema', () => {
    for (const id of EXPECTED_IDS) for (const lang of LANGS) expect(GuideDocument.safeParse(doc(id, lang)).success, `${lang}/${id}`).toBe(true);
  });

  it('has no raw HTML in any Markdown source', () => {
    for (const g of content.guides) {
      const body = g.markdown.replace(/^---[\s\S]*?\n---\n/, '');
      // Autolinks (<https://…>) are Markdown, not HTML; anything else in angle brackets is refused.
      const tags = body.match(/<(?!https:\/\/)[a-zA-Z!/?][^>]*>/g) ?? [];
      expect(tags, g.location).toEqual([]);
    }
  });

  it('keeps French and English versions in step: same anchors, steps, checks, fixes, related guides and audience', () => {
    for (const id of EXPECTED_IDS) {
      const fr = doc(id, 'fr');
      const en = doc(id, 'en');
      expect(en.anchors, id).toEqual(fr.anchors);
      expect(steps(en).map((s) => [s.id, s.number]), id).toEqual(steps(fr).map((s) => [s.id, s.number]));
      expect(en.diagnostics, id).toEqual(fr.diagnostics);
      expect(en.related, id).toEqual(fr.related);
      expect(en.audience, id).toBe(fr.audience);
      expect(en.sources.map((s) => s.url), id).toEqual(fr.sources.map((s) => s.url));
      const figures = (d: GuideDocument) => [...blocks(d.body)].flatMap((b) => (b.type === 'figure' ? [b.src.replace('.en.svg', '.svg')] : []));
      expect(figures(en), id).toEqual(figures(fr));
    }
  });

  it('gives every guide a title, a one-line summary, keywords, steps with anchors, « Si ça ne suffit pas » and sources', () => {
    for (const id of EXPECTED_IDS) {
      for (const lang of LANGS) {
        const d = doc(id, lang);
        expect(d.title.length, `${lang}/${id} title`).toBeLessThanOrEqual(90);
        expect(d.summary.length, `${lang}/${id} summary`).toBeLessThanOrEqual(260);
        expect(d.keywords.length, `${lang}/${id} keywords`).toBeGreaterThanOrEqual(8);
        const s = steps(d);
        expect(s.length, `${lang}/${id} steps`).toBeGreaterThanOrEqual(4);
        // Every step has an anchor so links and error codes can point at it, and starts with its action.
        for (const step of s) {
          expect(step.anchored, `${lang}/${id} step ${step.id}`).toBe(true);
          expect(step.children[0]?.type, `${lang}/${id} step ${step.id}`).toBe('paragraph');
        }
        expect(d.anchors).toContain('steps');
        expect(d.anchors).toContain('escalate');
        expect(d.sources.length, `${lang}/${id} sources`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('says who to call in « Si ça ne suffit pas », with the IT contact filled in from the profile', () => {
    for (const id of EXPECTED_IDS) {
      for (const lang of LANGS) {
        const escalate = section(doc(id, lang), 'escalate');
        const nodes = [...blocks(escalate)].flatMap((b) => (b.type === 'paragraph' ? [...inlines(b.children)] : []));
        const callsIt = nodes.some((n) => n.type === 'placeholder' && n.name === 'it.contact');
        expect(callsIt, `${lang}/${id}`).toBe(true);
      }
    }
  });

  it('links only to https pages and to guides and anchors that exist', () => {
    let guideLinks = 0;
    for (const id of EXPECTED_IDS) {
      for (const lang of LANGS) {
        for (const n of allInlines(doc(id, lang))) {
          if (n.type !== 'link') continue;
          if (n.href.startsWith('https://')) continue;
          const m = GUIDE_LINK_PATTERN.exec(n.href);
          expect(m, `${lang}/${id}: ${n.href}`).not.toBeNull();
          const resolved = library.resolveLink(n.href, lang);
          expect(resolved?.id, `${lang}/${id}: ${n.href}`).toBe(m![1]);
          if (m![2]) expect(resolved?.anchor, `${lang}/${id}: ${n.href}`).toBe(m![2]);
          guideLinks += 1;
        }
        for (const r of doc(id, lang).related) expect(EXPECTED_IDS).toContain(r);
      }
    }
    expect(guideLinks).toBeGreaterThan(20);
  });

  it('uses only bundled diagrams, the English variant in English guides when there is one', () => {
    let figures = 0;
    for (const id of EXPECTED_IDS) {
      for (const lang of LANGS) {
        for (const b of blocks(doc(id, lang).body)) {
          if (b.type !== 'figure') continue;
          figures += 1;
          expect(content.images.has(b.src), `${lang}/${id}: ${b.src}`).toBe(true);
          expect(b.alt.length, `${lang}/${id}: ${b.src} alt`).toBeGreaterThan(10);
          const enVariant = b.src.replace(/(?:\.en)?\.svg$/, '.en.svg');
          if (lang === 'en' && content.images.has(enVariant)) expect(b.src, id).toBe(enVariant);
          if (lang === 'fr') expect(b.src, id).not.toMatch(/\.en\.svg$/);
        }
      }
    }
    expect(figures).toBeGreaterThanOrEqual(20);
  });

  it('declares only known checks and fixes, each fix suited to its check, each step an anchor of the guide', () => {
    for (const id of EXPECTED_IDS) {
      for (const lang of LANGS) {
        const d = doc(id, lang);
        for (const step of d.diagnostics) {
          expect(CHECK_IDS).toContain(step.check);
          if (step.fix) {
            expect(FIX_IDS).toContain(step.fix);
            expect(isFixAllowed(step.check, step.fix), `${id}: ${step.check} → ${step.fix}`).toBe(true);
          }
          if (step.step) expect(d.anchors, `${id}: ${step.step}`).toContain(step.step);
        }
      }
    }
    // The guides the issue names as diagnosable do declare diagnostics.
    for (const id of ['no-signal', 'choose-source', 'display-mode', 'power-lamp', 'prepare-lesson']) expect(doc(id, 'fr').hasDiagnostics, id).toBe(true);
  });

  it('applies French typography in French guides (no-break spaces before : ; ! ? and inside « »)', () => {
    let checked = 0;
    for (const id of EXPECTED_IDS) {
      const d = doc(id, 'fr');
      const texts = [d.title, d.summary, ...d.sources.map((s) => s.title)];
      for (const n of allInlines(d)) if (n.type === 'text') texts.push(n.value);
      for (const b of blocks(d.body)) if (b.type === 'figure') texts.push(b.alt);
      for (const t of texts) {
        expect(typographyIssues(t), `${id}: ${JSON.stringify(t)}`).toEqual([]);
        checked += 1;
      }
      expect(d.title + d.summary).not.toMatch(/'/);
    }
    expect(checked).toBeGreaterThan(300);
    // And it is really applied, not just absent: the « Pas de signal » title has both kinds.
    expect(doc('no-signal', 'fr').title).toBe('«\u202fPas de signal\u202f»\u202f: les vérifications dans l’ordre');
  });
});

describe('diagrams', () => {
  const dir = join(GUIDES_DIR, 'images');
  const files = readdirSync(dir).filter((f) => f.endsWith('.svg'));

  it('has an English variant for every French diagram', () => {
    const fr = files.filter((f) => !f.endsWith('.en.svg'));
    expect(fr.length).toBeGreaterThanOrEqual(8);
    for (const f of fr) expect(files, f).toContain(f.replace(/\.svg$/, '.en.svg'));
  });

  it('is well-formed, accessible SVG with no script, no external reference and no raster', () => {
    for (const f of files) {
      const source = readFileSync(join(dir, f), 'utf8');
      const dom = new JSDOM('');
      const xml = new dom.window.DOMParser().parseFromString(source, 'image/svg+xml');
      expect(xml.getElementsByTagName('parsererror').length, f).toBe(0);
      const svg = xml.documentElement;
      expect(svg.tagName, f).toBe('svg');
      expect(svg.getAttribute('role'), f).toBe('img');
      expect(svg.getAttribute('viewBox'), f).toMatch(/^0 0 \d+ \d+$/);
      expect(svg.getAttribute('lang'), f).toBe(f.endsWith('.en.svg') ? 'en' : 'fr');
      expect(xml.getElementsByTagName('title')[0]?.textContent?.length ?? 0, f).toBeGreaterThan(5);
      expect(xml.getElementsByTagName('desc')[0]?.textContent?.length ?? 0, f).toBeGreaterThan(30);
      for (const tag of ['script', 'image', 'foreignObject', 'use', 'a', 'style', 'iframe']) expect(xml.getElementsByTagName(tag).length, `${f} <${tag}>`).toBe(0);
      for (const el of Array.from(xml.getElementsByTagName('*'))) {
        for (const attr of Array.from(el.attributes)) {
          expect(attr.name.startsWith('on'), `${f}: ${attr.name}`).toBe(false);
          expect(/href$/i.test(attr.name), `${f}: ${attr.name}`).toBe(false);
          expect(attr.value, `${f}: ${attr.name}`).not.toMatch(/url\(|data:|javascript:|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
        }
      }
    }
  });
});

describe('catalogs', () => {
  const get = (catalog: object, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], catalog);

  it('explains every check result, engine reason, fix and status in French and English', () => {
    for (const [name, catalog] of [
      ['fr', frDiagnostics],
      ['en', enDiagnostics],
    ] as const) {
      for (const check of CHECK_IDS) {
        expect(get(catalog, `check.${check}.title`), `${name} ${check}.title`).toEqual(expect.any(String));
        for (const reason of CHECKS[check].reasons) expect(get(catalog, `check.${check}.${reason}`), `${name} ${check}.${reason}`).toEqual(expect.any(String));
      }
      for (const reason of ENGINE_REASONS) expect(get(catalog, `engine.${reason}`), `${name} engine.${reason}`).toEqual(expect.any(String));
      for (const fix of FIX_IDS) expect(get(catalog, `fix.${fix}`), `${name} fix.${fix}`).toEqual(expect.any(String));
      for (const status of ['pending', 'running', 'pass', 'warn', 'fail', 'skipped', 'error', 'fixing']) expect(get(catalog, `status.${status}`)).toEqual(expect.any(String));
    }
  });

  it('has the same keys in French and English, and French typography in the French catalogs', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' && v !== null ? values(v as object) : [String(v)]));
    for (const [fr, en] of [
      [frDiagnostics, enDiagnostics],
      [frGuidesUi, enGuidesUi],
      [frGuidesErrors, enGuidesErrors],
    ] as const) {
      expect(keys(en).sort()).toEqual(keys(fr).sort());
      for (const v of values(fr)) expect(typographyIssues(v), v).toEqual([]);
    }
  });
});

describe('error codes → guides', () => {
  it('points every mapped code and domain at a guide and step that exist in both languages', () => {
    const targets = [...Object.values(ERROR_GUIDES), ...Object.values(DOMAIN_GUIDES), FALLBACK_GUIDE];
    for (const t of targets) {
      const id = t.guide.slice('guide:'.length);
      for (const lang of LANGS) {
        const d = doc(id, lang);
        if (t.anchor) expect(d.anchors, `${t.guide}#${t.anchor} (${lang})`).toContain(t.anchor);
      }
    }
  });

  it('maps every error code raised in main/ to a guide, and every guide: reference in code exists', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(entry.name)) files.push(p);
      }
    };
    walk(join(ROOT, 'main'));
    walk(join(ROOT, 'preload'));
    const codes = new Set<string>();
    const guideRefs = new Set<string>();
    for (const f of files) {
      const source = readFileSync(f, 'utf8');
      for (const m of source.matchAll(/new ServiceError\(\s*['"`]([a-z0-9_]+\.[a-z0-9_.]+)['"`]/g)) codes.add(m[1]!);
      for (const m of source.matchAll(/['"`]guide:([a-z0-9-]+)(?:#([a-z0-9-]+))?['"`]/g)) guideRefs.add(`${relative(ROOT, f)}|${m[1]}|${m[2] ?? ''}`);
    }
    expect(codes.size).toBeGreaterThan(0);
    for (const code of codes) {
      const domain = code.split('.')[0]!;
      expect(ERROR_GUIDES[code] ?? DOMAIN_GUIDES[domain], `${code}: add it (or its domain) to main/services/guides/error-guides.ts`).toBeDefined();
    }
    for (const ref of guideRefs) {
      const [file, id, anchor] = ref.split('|') as [string, string, string];
      expect(EXPECTED_IDS, `${file}: guide:${id}`).toContain(id);
      if (anchor) expect(doc(id, 'fr').anchors, `${file}: guide:${id}#${anchor}`).toContain(anchor);
    }
  });

  it('has French and English text for every error the guides service raises', () => {
    const dir = join(ROOT, 'main/services/guides');
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/ServiceError\(\s*'guides\.([a-z_]+)'/g)) {
        expect(frGuidesErrors, m[1]).toHaveProperty(m[1]!);
        expect(enGuidesErrors, m[1]).toHaveProperty(m[1]!);
      }
    }
  });
});
