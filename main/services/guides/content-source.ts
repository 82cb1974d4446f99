import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GUIDE_ID_PATTERN, GUIDE_LANGS, type GuideLang, type GuideOrigin } from '../../../preload/contract/guide-document';
import { MAX_GUIDE_BYTES, type RawGuide } from './parse-guide';

/**
 * Where guide files come from.
 *
 * `bundledGuides()` uses Vite's `import.meta.glob`, so the Markdown and the diagram names are
 * compiled into the main bundle by electron-vite and are there for Vitest too: no path to find at
 * run time, nothing to copy next to the asar. Plain Node (tsx, the benchmark) has no
 * `import.meta.glob`: it reads the same folder with `readGuideFolder()`, which is also how IT packs
 * given as a folder are read.
 */

export interface GuideContent {
  guides: RawGuide[];
  /** `images/<name>.svg` for every bundled diagram. */
  images: Set<string>;
}

const LANG_DIR = /(?:^|\/)(fr|en)\/([^/]+)\.md$/;

export function bundledGuides(): GuideContent {
  const files = import.meta.glob<string>('../../../assets/guides/*/*.md', { query: '?raw', import: 'default', eager: true });
  const svgs = import.meta.glob<string>('../../../assets/guides/images/*.svg', { query: '?raw', import: 'default', eager: true });
  const guides: RawGuide[] = [];
  for (const [path, markdown] of Object.entries(files)) {
    const m = LANG_DIR.exec(path);
    if (!m) continue;
    guides.push({ id: m[2]!, lang: m[1] as GuideLang, markdown, origin: 'bundled', location: `assets/guides/${m[1]}/${m[2]}.md` });
  }
  const images = new Set(Object.keys(svgs).map((p) => `images/${basename(p)}`));
  return { guides: sortGuides(guides), images };
}

/**
 * Reads `<root>/<lang>/<id>.md` (our layout) and `<root>/<id>.<lang>.md` (flat, convenient for IT).
 * Files that are not guides are ignored; a missing folder is an error for the caller to report.
 */
export async function readGuideFolder(root: string, origin: GuideOrigin): Promise<RawGuide[]> {
  const guides: RawGuide[] = [];
  const add = async (file: string, id: string, lang: GuideLang) => {
    if (!GUIDE_ID_PATTERN.test(id)) return;
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_GUIDE_BYTES * 4) return;
    guides.push({ id, lang, markdown: await readFile(file, 'utf8'), origin, location: origin === 'it' ? `it-pack:${file}` : file });
  };
  const entries = await readdir(root, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory() && (GUIDE_LANGS as readonly string[]).includes(entry.name)) {
      const lang = entry.name as GuideLang;
      for (const name of await readdir(join(root, entry.name))) {
        if (name.endsWith('.md')) await add(join(root, entry.name, name), name.slice(0, -3), lang);
      }
    } else if (entry.isFile()) {
      const m = /^(.+)\.(fr|en)\.md$/.exec(entry.name);
      if (m) await add(join(root, entry.name), m[1]!, m[2] as GuideLang);
    }
  }
  return sortGuides(guides);
}

/** The bundled content read from disk (plain Node: benchmarks, scripts). */
export async function readGuideContent(guidesRoot: string): Promise<GuideContent> {
  const guides = await readGuideFolder(guidesRoot, 'bundled');
  for (const g of guides) g.location = `assets/guides/${g.lang}/${g.id}.md`;
  const images = new Set(
    (await readdir(join(guidesRoot, 'images'))).filter((n) => n.endsWith('.svg')).map((n) => `images/${n}`),
  );
  return { guides, images };
}

function sortGuides(guides: RawGuide[]): RawGuide[] {
  return guides.sort((a, b) => (a.id === b.id ? a.lang.localeCompare(b.lang) : a.id.localeCompare(b.id)));
}
