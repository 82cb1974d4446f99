import MiniSearch, { type SearchOptions } from 'minisearch';
import type { GuideDocument, SearchHit } from '../../../preload/contract/guide-document';

/**
 * Offline search over the guides of one language (minisearch: BM25 with prefix and fuzzy matching).
 *
 * Teachers type fast, on a laptop in front of the class: "pas d image", "videoprojecteur", "stylet
 * marche pas", "wifi coupe". So both the index and the query go through the same folding: lower case,
 * no accents, elisions dropped (l'image → image), hyphenated words kept whole and split (wi-fi → wifi,
 * wi, fi), French filler words dropped, and a light plural stemming (câbles → cable). Prefix matching
 * covers the rest of the French endings (allum → allumer, allumé), fuzzy matching covers typos.
 */

const STOP_WORDS = new Set([
  // French
  'a', 'au', 'aux', 'c', 'ca', 'ce', 'ces', 'cet', 'cette', 'd', 'de', 'des', 'du', 'elle', 'en', 'est', 'et', 'il', 'ils',
  'j', 'je', 'l', 'la', 'le', 'les', 'm', 'ma', 'me', 'mes', 'mon', 'n', 'ne', 'nous', 'on', 'ou', 'par', 'pas', 'plus',
  'pour', 'qu', 'que', 'qui', 's', 'sa', 'se', 'ses', 'si', 'sur', 't', 'ta', 'te', 'tes', 'ton', 'un', 'une', 'vos', 'votre',
  'vous', 'y', 'quand', 'comment', 'quoi', 'rien',
  // English
  'an', 'and', 'are', 'be', 'does', 'doesn', 'dont', 'don', 'for', 'how', 'i', 'in', 'is', 'isn', 'it', 'its', 'my', 'no',
  'not', 'of', 'on', 'or', 'the', 'to', 'what', 'when', 'why', 'with', 'won', 'nothing',
]);

/** Lower case, accents removed, typographic apostrophes made plain. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
}

function stem(term: string): string {
  // Plural "s"/"x" only: enough for "câbles", "voyants", "réseaux" (→ "reseau"), and safe for the
  // short words that matter ("son", "gris", "pas" are below the length limit or unaffected).
  if (term.length > 4 && term.endsWith('aux')) return term.slice(0, -1);
  if (term.length > 4 && (term.endsWith('s') || term.endsWith('x')) && !term.endsWith('ss')) return term.slice(0, -1);
  return term;
}

export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}'’-]+/u).filter((t) => t.length > 0);
}

export function processTerm(raw: string): string[] | null {
  let term = foldText(raw).replace(/^['-]+|['-]+$/g, '');
  // Elision: l'image, d'image, qu'il, n'affiche, s'éteint → the word itself.
  term = term.replace(/^(?:qu|[ldjnsctm])'/, '');
  const out = new Set<string>();
  const parts = term.split(/['-]/).filter((p) => p.length > 0);
  if (parts.length > 1) {
    const joined = parts.join('');
    if (!STOP_WORDS.has(joined)) out.add(stem(joined));
  }
  for (const p of parts) if (!STOP_WORDS.has(p)) out.add(stem(p));
  return out.size > 0 ? [...out] : null;
}

/**
 * Keywords are symptoms as teachers say them ("pas d'image", "écran noir", "stylet marche pas").
 * BM25 alone drops the filler words and sees only "image"; so a hit whose keyword phrase matches the
 * query as a phrase (same words, in order, filler words included) gets a bonus proportional to the
 * share of the query it covers.
 */
export function phraseTokens(text: string): string[] {
  return foldText(text)
    .replace(/(\p{L})-(\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0 && !PHRASE_FILLERS.has(t))
    .map(stem);
}

/** Words that do not change a symptom: "le stylet ne marche pas" is "stylet marche pas". */
const PHRASE_FILLERS = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'ne', 'n', 'mon', 'ma', 'mes', 'the', 'a', 'an', 'my']);

function sameToken(query: string, keyword: string): boolean {
  return query === keyword || (query.length >= 4 && keyword.startsWith(query));
}

function contains(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (!sameToken(needle[j]!, haystack[i + j]!)) continue outer;
    return true;
  }
  return false;
}

/** Share of the query (0–1) covered by the best keyword phrase. */
export function phraseCoverage(query: readonly string[], phrases: readonly (readonly string[])[]): number {
  if (query.length === 0) return 0;
  let best = 0;
  for (const k of phrases) {
    if (k.length === 0) continue;
    // The query inside a keyword ("ecran noir" in "écran noir") or a keyword inside the query
    // ("stylet marche pas" in "le stylet marche pas du tout").
    if (query.length >= 2 && contains(k, query)) return 1;
    if (k.length <= query.length && containsLoose(query, k)) best = Math.max(best, k.length / query.length);
  }
  return best;
}

function containsLoose(query: readonly string[], keyword: readonly string[]): boolean {
  // Here the keyword is the needle: compare each query token against the keyword token.
  outer: for (let i = 0; i + keyword.length <= query.length; i++) {
    for (let j = 0; j < keyword.length; j++) if (!sameToken(query[i + j]!, keyword[j]!)) continue outer;
    return true;
  }
  return false;
}

interface IndexedGuide {
  id: string;
  title: string;
  summary: string;
  keywords: string;
  steps: string;
  origin: GuideDocument['origin'];
  phrases: string[][];
}

const SEARCH_OPTIONS: SearchOptions = {
  boost: { title: 4, keywords: 3, summary: 2, steps: 1 },
  // Prefix from 3 letters ("vid" is already useful), fuzzy from 4: "son" must not match "sonore"
  // by typo, "stilet" must match "stylet".
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 7 ? 0.25 : term.length >= 4 ? 0.2 : false),
  maxFuzzy: 2,
  weights: { prefix: 0.6, fuzzy: 0.4 },
  combineWith: 'OR',
};

export class GuideSearchIndex {
  private readonly index: MiniSearch<IndexedGuide>;
  private readonly byId = new Map<string, IndexedGuide>();

  constructor(guides: readonly { doc: GuideDocument; stepsText: string }[]) {
    this.index = new MiniSearch<IndexedGuide>({
      fields: ['title', 'summary', 'keywords', 'steps'],
      storeFields: [],
      tokenize,
      processTerm,
      searchOptions: SEARCH_OPTIONS,
    });
    const docs = guides.map(({ doc, stepsText }) => ({
      id: doc.id,
      title: doc.title,
      summary: doc.summary,
      keywords: doc.keywords.join(' ; '),
      steps: stepsText,
      origin: doc.origin,
      phrases: [doc.title, ...doc.keywords].map(phraseTokens),
    }));
    for (const d of docs) this.byId.set(d.id, d);
    this.index.addAll(docs);
  }

  /** Best first; an empty or stop-word-only query gives no hit. */
  search(query: string, limit = 8): SearchHit[] {
    const q = query.slice(0, 200);
    if (q.trim() === '') return [];
    const results = this.index.search(q);
    const top = results[0]?.score ?? 0;
    const tokens = phraseTokens(q);
    return results
      .map((r) => {
        const d = this.byId.get(String(r.id))!;
        return { d, score: r.score + top * phraseCoverage(tokens, d.phrases) };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ d, score }) => ({ id: d.id, title: d.title, summary: d.summary, origin: d.origin, score: Math.round(score * 1000) / 1000 }));
  }

  /** Autocompletion for the search box: indexed words that complete the query. */
  suggest(query: string, limit = 5): string[] {
    return this.index
      .autoSuggest(query.slice(0, 200), { prefix: true, fuzzy: 0.2 })
      .slice(0, limit)
      .map((s) => s.suggestion);
  }

  get size(): number {
    return this.index.documentCount;
  }
}
