import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuideDocument, type Block, type Inline } from '../../../preload/contract/guide-document';
import { slideIndexOf, splitIntoSlides } from '../../../preload/contract/guide-slides';
import { bundledGuides, readGuideContent } from '../../../main/services/guides/content-source';
import { GuideLibrary } from '../../../main/services/guides/library';
import { parseGuideMarkdown } from '../../../main/services/guides/markdown';
import { parseGuide, type RawGuide } from '../../../main/services/guides/parse-guide';
import { frenchTypography, NNBSP } from '../../../main/services/guides/typography';

const IMAGES = new Set(['images/remote.svg', 'images/remote.en.svg']);

function md(markdown: string, lang: 'fr' | 'en' = 'fr') {
  return parseGuideMarkdown(markdown, { lang, images: IMAGES });
}

function guideSource(id: string, extra = '', body = '## Étapes {#steps}\n\n1. Appuyez sur **Power**. {#power}\n\n## Si ça ne suffit pas {#escalate}\n\nAppelez {{it.contact}}.\n') {
  return `---\nid: ${id}\ntitle: "Titre ${id}"\nsummary: "Résumé ${id}"\nkeywords: [mot]\n${extra}---\n\n${body}`;
}

function raw(id: string, markdown: string, origin: RawGuide['origin'] = 'bundled', lang: RawGuide['lang'] = 'fr'): RawGuide {
  return { id, lang, markdown, origin, location: `${origin}:${lang}/${id}` };
}

const text = (nodes: readonly Inline[]): string =>
  nodes.map((n) => (n.type === 'text' || n.type === 'key' ? n.value : 'children' in n ? text(n.children) : '')).join('');

describe('French typography', () => {
  it('puts a narrow no-break space before : ; ! ? and inside « »', () => {
    expect(frenchTypography('Attention : le câble ; vraiment ! Pourquoi ?')).toBe(`Attention${NNBSP}: le câble${NNBSP}; vraiment${NNBSP}! Pourquoi${NNBSP}?`);
    expect(frenchTypography('Pourquoi? Parce que!')).toBe(`Pourquoi${NNBSP}? Parce que${NNBSP}!`);
    expect(frenchTypography('« Pas de signal »')).toBe(`«${NNBSP}Pas de signal${NNBSP}»`);
    expect(frenchTypography('l\'image d\'aujourd\'hui')).toBe('l’image d’aujourd’hui');
  });

  it('leaves times, addresses and already-correct text alone', () => {
    for (const s of ['à 10:30', 'https://example.org', 'Ratio 16:9', `déjà${NNBSP}: bon`]) expect(frenchTypography(s)).toBe(s);
  });

  it('is applied to French guide text only, not to keys, link targets or English', () => {
    const fr = md('Appuyez sur `Windows` + `P` : voir [la page](https://example.org/a:b?c=d) !');
    const p = fr.body[0] as Extract<Block, { type: 'paragraph' }>;
    expect(text(p.children)).toBe(`Appuyez sur Windows + P${NNBSP}: voir la page${NNBSP}!`);
    expect(p.children.find((n) => n.type === 'link')).toMatchObject({ href: 'https://example.org/a:b?c=d' });
    const en = md('Press `Windows` + `P`: see it!', 'en');
    expect(text((en.body[0] as Extract<Block, { type: 'paragraph' }>).children)).toBe('Press Windows + P: see it!');
  });
});

describe('guide Markdown → safe document', () => {
  it('refuses raw HTML, block and inline', () => {
    const r = md('<script>alert(1)</script>\n\nTexte <img src=x onerror=alert(1)> suite <b>gras</b>.\n\n<div onclick="x">bloc</div>');
    // <script> and <div> blocks, <img>, <b> and </b> inline.
    expect(r.issues.filter((i) => i.code === 'raw-html')).toHaveLength(5);
    expect(JSON.stringify(r.body)).not.toMatch(/script|onerror|onclick|<b>|<div/);
    expect(text((r.body[0] as Extract<Block, { type: 'paragraph' }>).children)).toBe('Texte  suite gras.');
  });

  it('keeps https and guide: links, drops every other scheme to plain text', () => {
    const r = md(
      '[a](https://eduscol.education.fr/) [b](guide:no-signal#input) [c](javascript:alert(1)) [d](http://example.org) [e](file:///etc/passwd) [f](mailto:x@y.fr) [g](https://user:pw@example.org/)',
    );
    const p = r.body[0] as Extract<Block, { type: 'paragraph' }>;
    const links = p.children.filter((n) => n.type === 'link');
    expect(links.map((l) => l.type === 'link' && l.href)).toEqual(['https://eduscol.education.fr/', 'guide:no-signal#input']);
    expect(r.issues.filter((i) => i.code === 'bad-link')).toHaveLength(5);
    expect(text(p.children)).toBe('a b c d e f g');
    expect(r.links).toEqual([{ href: 'guide:no-signal#input', line: 1 }]);
  });

  it('accepts only bundled diagrams, alone in their paragraph, with a description', () => {
    const r = md('![Télécommande](../images/remote.svg)\n\n![x](https://evil.example/x.png)\n\n![y](../images/absent.svg)\n\nTexte ![z](images/remote.svg) dedans.\n\n![](images/remote.svg)');
    expect(r.body[0]).toEqual({ type: 'figure', src: 'images/remote.svg', alt: 'Télécommande', title: null });
    expect(r.issues.map((i) => i.code)).toEqual(['bad-image', 'bad-image', 'inline-image', 'bad-image']);
    expect(JSON.stringify(r.body)).not.toMatch(/evil|absent/);
  });

  it('refuses code blocks, reference links, level-1 and level-4 headings', () => {
    const r = md('# Titre\n\n#### Petit\n\n```\ncode\n```\n\n[ref][1]\n\n[1]: https://example.org\n\n---\n');
    expect(r.issues.map((i) => i.code).sort()).toEqual(['bad-heading', 'bad-heading', 'unsupported-node', 'unsupported-node', 'unsupported-node', 'unsupported-node']);
  });

  it('turns ordered lists under « Étapes » into anchored steps, and others into plain lists', () => {
    const r = md(
      'Intro.\n\n## Étapes {#steps}\n\n1. Premier. {#first}\n2. Deuxième.\n\n### Sous Windows {#windows}\n\n3. Troisième. {#third}\n\n   ![Télécommande](../images/remote.svg)\n\n## Autre {#other}\n\n1. liste\n2. ordonnée\n',
    );
    expect(r.issues).toEqual([]);
    expect(r.anchors).toEqual(['steps', 'first', 'windows', 'third', 'other']);
    const steps = r.body.filter((b) => b.type === 'steps');
    expect(steps).toHaveLength(2);
    const all = steps.flatMap((b) => (b.type === 'steps' ? b.items : []));
    expect(all.map((s) => [s.id, s.anchored, s.number])).toEqual([
      ['first', true, 1],
      ['step-2', false, 2],
      ['third', true, 3],
    ]);
    expect(all[2]!.children.map((c) => c.type)).toEqual(['paragraph', 'figure']);
    expect(r.body[r.body.length - 1]).toMatchObject({ type: 'list', ordered: true });
    expect(r.stepsText).toContain('Troisième.');
  });

  it('reports malformed and duplicated anchors, and anchors in the wrong place', () => {
    const r = md('## A {#same}\n\n## B {#same}\n\n## C {#Bad_Anchor}\n\n## D {#step-3}\n\nTexte {#milieu} ici.');
    expect(r.issues.map((i) => i.code)).toEqual(['duplicate-anchor', 'bad-anchor', 'bad-anchor', 'bad-anchor']);
    expect(r.anchors).toEqual(['same']);
  });

  it('turns {{placeholders}} into nodes the renderer fills, and refuses unknown ones', () => {
    const r = md('Appelez {{it.contact}} ou {{ it.phone }} ; pas {{password}}.');
    const p = r.body[0] as Extract<Block, { type: 'paragraph' }>;
    expect(p.children.filter((n) => n.type === 'placeholder')).toEqual([
      { type: 'placeholder', name: 'it.contact' },
      { type: 'placeholder', name: 'it.phone' },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['bad-placeholder']);
    expect(JSON.stringify(p)).not.toContain('password');
  });

  it('reports problems at the line of the Markdown file', () => {
    const source = guideSource('x', '', '## Étapes {#steps}\n\n1. Un. {#one}\n\n<b>html</b>\n');
    const { problems } = parseGuide(raw('x', source), IMAGES);
    const line = source.split('\n').findIndex((l) => l.startsWith('<b>')) + 1;
    expect(line).toBeGreaterThan(8);
    // <b> and </b>: two inline HTML nodes on that line.
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['raw-html', line],
      ['raw-html', line],
    ]);
  });
});

describe('front matter', () => {
  it('rejects unknown keys, a wrong id, a bad source URL and unknown checks', () => {
    const cases: [string, string][] = [
      [guideSource('a', 'sumary: typo\n'), 'front-matter'],
      [guideSource('other'), 'id-mismatch'],
      [guideSource('a', 'sources:\n  - title: T\n    url: http://example.org\n'), 'front-matter'],
      [guideSource('a', 'diagnostics:\n  - check: projector.teleport\n'), 'front-matter'],
      ['no front matter at all', 'front-matter'],
      ['---\nid: [unclosed\n---\n', 'front-matter'],
    ];
    for (const [source, code] of cases) {
      const { guide, problems } = parseGuide(raw('a', source), IMAGES);
      expect(guide, source).toBeNull();
      expect(problems[0]?.code, source).toBe(code);
    }
  });

  it('bounds YAML aliases (no "billion laughs" from an IT pack)', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(9).fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`).join(',')}]`);
    const { guide, problems } = parseGuide(raw('a', `---\n${bomb.join('\n')}\n---\n`), IMAGES);
    expect(guide).toBeNull();
    expect(problems[0]?.code).toBe('front-matter');
  });

  it('drops a diagnostic step that names an anchor the guide does not have', () => {
    const { guide, problems } = parseGuide(raw('a', guideSource('a', 'diagnostics:\n  - check: projector.power\n    fix: projector.powerOn\n    step: nowhere\n')), IMAGES);
    expect(guide?.doc.diagnostics).toEqual([{ check: 'projector.power', fix: 'projector.powerOn', step: null }]);
    expect(problems.map((p) => p.code)).toEqual(['unknown-step']);
  });
});

describe('GuideLibrary', () => {
  const content = bundledGuides();

  it('falls back to the other language for a guide written in one language only, and says so', async () => {
    const lib = new GuideLibrary(content);
    await lib.setItPack({ guides: [{ id: 'ecole-cablage', lang: 'fr', markdown: guideSource('ecole-cablage') }] });
    expect(lib.get('ecole-cablage', 'fr')?.fallback).toBe(false);
    expect(lib.get('ecole-cablage', 'en')).toMatchObject({ lang: 'fr', fallback: true, origin: 'it' });
    expect(lib.list('en').find((g) => g.id === 'ecole-cablage')).toMatchObject({ fallback: true });
    expect(lib.search('titre ecole-cablage', 'en')[0]?.id).toBe('ecole-cablage');
    expect(() => lib.require('nope', 'fr')).toThrow(expect.objectContaining({ code: 'guides.not_found' }));
  });

  it('applies an inline IT pack: new guides and overrides marked as IT, links made safe, problems reported', async () => {
    const lib = new GuideLibrary(content);
    const events: unknown[] = [];
    lib.on('changed', (e) => events.push(e));
    const problems = await lib.setItPack({
      guides: [
        {
          id: 'no-signal',
          lang: 'fr',
          markdown: guideSource('no-signal', 'related: [choose-source, nope]\n', '## Étapes {#steps}\n\n1. Branchez la prise murale B12. {#cable}\n\n<iframe src="https://evil.example"></iframe>\n\nVoir [ici](guide:inexistant) et [là](guide:choose-source#pick).\n\n## Si ça ne suffit pas {#escalate}\n\nAppelez {{it.contact}}.\n'),
        },
        { id: 'bad', lang: 'fr', markdown: 'pas de front matter' },
      ],
    });
    const doc = lib.get('no-signal', 'fr')!;
    expect(doc).toMatchObject({ origin: 'it', overrides: true, title: 'Titre no-signal', related: ['choose-source'] });
    expect(GuideDocument.safeParse(doc).success).toBe(true);
    const body = JSON.stringify(doc.body);
    expect(body).not.toContain('iframe');
    expect(body).not.toContain('guide:inexistant');
    expect(body).toContain('guide:choose-source#pick');
    expect(problems.map((p) => p.code).sort()).toEqual(['broken-link', 'front-matter', 'raw-html', 'unknown-related']);
    // Our English version stays ours; the search finds the school's text.
    expect(lib.get('no-signal', 'en')?.origin).toBe('bundled');
    expect(lib.search('prise murale B12', 'fr')[0]?.id).toBe('no-signal');
    expect(events).toEqual([{ itGuides: 1, problems: 4 }]);
    // Removing the pack brings ours back.
    await lib.setItPack(null);
    expect(lib.get('no-signal', 'fr')?.origin).toBe('bundled');
    expect(lib.ids()).not.toContain('bad');
  });

  describe('IT pack from a folder', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'guides-pack-'));
      await mkdir(join(dir, 'fr'));
      await writeFile(join(dir, 'fr', 'salle-b12.md'), guideSource('salle-b12'));
      await writeFile(join(dir, 'salle-b12.en.md'), guideSource('salle-b12').replace('Titre', 'Title'));
      await writeFile(join(dir, 'fr', 'notes.txt'), 'ignored');
      await writeFile(join(dir, 'README.md'), 'ignored: not <id>.<lang>.md');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reads <lang>/<id>.md and <id>.<lang>.md', async () => {
      const lib = new GuideLibrary(content);
      expect(await lib.setItPack({ folder: dir })).toEqual([]);
      expect(lib.get('salle-b12', 'fr')).toMatchObject({ origin: 'it', overrides: false, title: 'Titre salle-b12' });
      expect(lib.get('salle-b12', 'en')).toMatchObject({ origin: 'it', fallback: false, title: 'Title salle-b12' });
    });

    it('reports a folder that cannot be read without losing our guides', async () => {
      const lib = new GuideLibrary(content);
      const problems = await lib.setItPack({ folder: join(dir, 'absent') });
      expect(problems).toEqual([expect.objectContaining({ severity: 'error', code: 'pack-unreadable', message: expect.stringContaining('ENOENT') })]);
      expect(lib.ids()).toHaveLength(19);
    });
  });

  it('reads the same bundled content from disk as through the bundle (plain Node path)', async () => {
    const fromDisk = await readGuideContent(join(import.meta.dirname, '../../../assets/guides'));
    expect(fromDisk.images).toEqual(content.images);
    expect(fromDisk.guides.map((g) => [g.lang, g.id, g.markdown])).toEqual(content.guides.map((g) => [g.lang, g.id, g.markdown]));
  });

  it('loads the same library asynchronously, a guide per tick (the app path)', async () => {
    const loaded = await GuideLibrary.load(content, { strict: true });
    const sync = new GuideLibrary(content, { strict: true });
    expect(loaded.list('fr')).toEqual(sync.list('fr'));
    expect(loaded.get('vpi-pen', 'en')).toEqual(sync.get('vpi-pen', 'en'));
    expect(loaded.search('stylet', 'fr')).toEqual(sync.search('stylet', 'fr'));
  });

  it('throws in strict mode when a bundled guide has a problem', () => {
    const broken = { images: IMAGES, guides: [raw('a', guideSource('a', '', '## Étapes {#steps}\n\n1. Voir [x](guide:absent).\n'))] };
    expect(() => new GuideLibrary(broken, { strict: true })).toThrow(/broken-link/);
    expect(new GuideLibrary(broken).problems()).toHaveLength(1);
  });
});

describe('workshop slides', () => {
  const lib = new GuideLibrary(bundledGuides());

  it('makes a title slide, one slide per step with its group, and one per other section', () => {
    const doc = lib.get('display-mode', 'fr')!;
    const slides = splitIntoSlides(doc);
    expect(slides[0]).toMatchObject({ kind: 'title', title: doc.title });
    const steps = slides.filter((s) => s.kind === 'step');
    expect(steps).toHaveLength(9);
    expect(steps.map((s) => s.kind === 'step' && `${s.position}/${s.totalSteps}`)).toEqual(['1/9', '2/9', '3/9', '4/9', '5/9', '6/9', '7/9', '8/9', '9/9']);
    const win = steps[0]!;
    expect(win.kind === 'step' && text(win.group ?? [])).toBe('Sous Windows');
    const mac = steps[3]!;
    expect(mac.kind === 'step' && [mac.stepId, mac.number, text(mac.group ?? [])]).toEqual(['mac-settings', 1, 'Sur un Mac']);
    // The list of the four Windows + P choices (between steps) is a slide of its own, under "Sous Windows".
    const between = slides.find((s) => s.kind === 'section' && s.children.some((b) => b.type === 'list'));
    expect(between?.kind === 'section' && text(between.heading ?? [])).toBe('Sous Windows');
    const last = slides[slides.length - 1]!;
    expect(last).toMatchObject({ kind: 'section', sectionId: 'escalate' });
    // Every block of the guide is on exactly one slide (nothing lost, nothing doubled), headings aside.
    const count = (bs: readonly Block[]) => bs.length;
    const onSlides = slides.reduce((n, s) => n + count(s.children), 0);
    const stepBlocks = doc.body.reduce((n, b) => n + (b.type === 'steps' ? b.items.reduce((m, st) => m + st.children.length, 0) : 0), 0);
    const plain = doc.body.filter((b) => b.type !== 'steps' && b.type !== 'heading').length;
    expect(onSlides).toBe(stepBlocks + plain);
  });

  it('finds the slide of an anchor, and the title slide for an unknown one', () => {
    const slides = splitIntoSlides(lib.get('no-signal', 'en')!);
    const i = slideIndexOf(slides, 'mute');
    expect(slides[i]).toMatchObject({ kind: 'step', stepId: 'mute', number: 5 });
    expect(slides[slideIndexOf(slides, 'escalate')]).toMatchObject({ kind: 'section', sectionId: 'escalate' });
    expect(slideIndexOf(slides, 'nowhere')).toBe(0);
  });
});
