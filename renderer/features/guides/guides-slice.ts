import type { StateCreator } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract';
import type { DiagnosticRun, GuideDocument, GuideLang, GuideSummary, SearchHit } from '../../../preload/contract/guide-document';
import { api } from '../../store/api';
import type { RootState } from '../../store';

/**
 * The guides feature: the list, the documents opened, the search box and the live diagnostics.
 * Documents are cached per language; `guides.changed` (an IT pack applied) drops the caches and the
 * components that show them load them again.
 */
export interface GuideSearchState {
  query: string;
  lang: GuideLang;
  /** The answer to `hitsQuery` (the previous answer stays shown while a newer query is asked). */
  hits: SearchHit[];
  hitsQuery: string;
}

export interface GuidesSlice {
  guideList: { lang: GuideLang; items: GuideSummary[] } | null;
  guideListError: ErrorInfo | null;
  /** `${lang}/${id}` → the document. */
  guideDocs: Record<string, GuideDocument>;
  guideErrors: Record<string, ErrorInfo>;
  guideSearch: GuideSearchState;
  /** Set by « Ça ne marche pas ? »: the search box takes the focus once it is shown. */
  focusGuideSearch: boolean;
  /** Runs by id, as main last described them (events are the source of truth). */
  diagnosticRuns: Record<string, DiagnosticRun>;
  /** The latest run of each guide. */
  diagnosticByGuide: Record<string, string>;
  /** Why a diagnostic could not start or a fix could not run, by guide id. */
  diagnosticErrors: Record<string, ErrorInfo>;
  loadGuideList(lang: GuideLang): Promise<void>;
  loadGuide(id: string, lang: GuideLang): Promise<void>;
  searchGuides(query: string, lang: GuideLang): Promise<void>;
  requestGuideSearchFocus(value: boolean): void;
  startDiagnostic(guideId: string, lang: GuideLang): Promise<void>;
  fixDiagnosticItem(runId: string, itemKey: string): Promise<void>;
  cancelDiagnostic(runId: string): Promise<void>;
  /** The run as text for IT, or the error that prevented it. */
  diagnosticReport(runId: string, lang: GuideLang): Promise<{ ok: true; text: string } | { ok: false; error: ErrorInfo }>;
  receiveDiagnosticRun(run: DiagnosticRun): void;
  guidesChanged(): void;
}

export const guidesInitialState = {
  guideList: null as GuidesSlice['guideList'],
  guideListError: null as ErrorInfo | null,
  guideDocs: {} as Record<string, GuideDocument>,
  guideErrors: {} as Record<string, ErrorInfo>,
  guideSearch: { query: '', lang: 'fr', hits: [], hitsQuery: '' } as GuideSearchState,
  focusGuideSearch: false,
  diagnosticRuns: {} as Record<string, DiagnosticRun>,
  diagnosticByGuide: {} as Record<string, string>,
  diagnosticErrors: {} as Record<string, ErrorInfo>,
};

export const docKey = (lang: GuideLang, id: string) => `${lang}/${id}`;

/** Results shown under the search box: the right guide is in the top 3 for realistic queries. */
const SEARCH_HITS = 6;
/** Runs kept in the renderer (main keeps 10 too). */
const KEEP_RUNS = 10;
/** Only the latest search answer counts: typing fast must not show the results of an older query. */
let searchSeq = 0;

function withRun(state: RootState, run: DiagnosticRun): Pick<GuidesSlice, 'diagnosticRuns'> {
  const runs = { ...state.diagnosticRuns, [run.id]: run };
  const ids = Object.keys(runs);
  for (const old of ids.slice(0, Math.max(0, ids.length - KEEP_RUNS))) delete runs[old];
  return { diagnosticRuns: runs };
}

export const createGuidesSlice: StateCreator<RootState, [], [], GuidesSlice> = (set, get) => ({
  ...guidesInitialState,
  async loadGuideList(lang) {
    const r = await api().guides.list({ lang });
    if (r.ok) set({ guideList: { lang, items: r.value }, guideListError: null });
    else set({ guideListError: r.error });
  },
  async loadGuide(id, lang) {
    const r = await api().guides.get({ id, lang });
    const key = docKey(lang, id);
    if (r.ok) {
      const { [key]: _gone, ...errors } = get().guideErrors;
      set({ guideDocs: { ...get().guideDocs, [key]: r.value }, guideErrors: errors });
    } else set({ guideErrors: { ...get().guideErrors, [key]: r.error } });
  },
  async searchGuides(query, lang) {
    const seq = ++searchSeq;
    if (query.trim() === '') {
      set({ guideSearch: { query, lang, hits: [], hitsQuery: query } });
      return;
    }
    set({ guideSearch: { ...get().guideSearch, query, lang } });
    const r = await api().guides.search({ query, lang, limit: SEARCH_HITS });
    if (seq !== searchSeq) return;
    if (r.ok) set({ guideSearch: { query, lang, hits: r.value, hitsQuery: query } });
    else {
      set({ guideSearch: { query, lang, hits: [], hitsQuery: query } });
      get().pushError(r.error);
    }
  },
  requestGuideSearchFocus(value) {
    set({ focusGuideSearch: value });
  },
  async startDiagnostic(guideId, lang) {
    const { [guideId]: _old, ...errors } = get().diagnosticErrors;
    set({ diagnosticErrors: errors });
    const r = await api().diagnostics.start({ guideId, lang });
    if (!r.ok) {
      set({ diagnosticErrors: { ...get().diagnosticErrors, [guideId]: r.error } });
      return;
    }
    // Progress events may have arrived before this answer: they are newer than the pending run.
    const known = get().diagnosticRuns[r.value.id];
    set({ ...withRun(get(), known ?? r.value), diagnosticByGuide: { ...get().diagnosticByGuide, [guideId]: r.value.id } });
  },
  async fixDiagnosticItem(runId, itemKey) {
    const r = await api().diagnostics.fix({ runId, itemKey });
    if (r.ok) set(withRun(get(), r.value));
    else {
      const guideId = get().diagnosticRuns[runId]?.guideId;
      if (guideId) set({ diagnosticErrors: { ...get().diagnosticErrors, [guideId]: r.error } });
      else get().pushError(r.error);
    }
  },
  async cancelDiagnostic(runId) {
    await api().diagnostics.cancel({ runId });
  },
  async diagnosticReport(runId, lang) {
    const r = await api().diagnostics.report({ runId, lang });
    return r.ok ? { ok: true, text: r.value.text } : { ok: false, error: r.error };
  },
  receiveDiagnosticRun(run) {
    set(withRun(get(), run));
  },
  guidesChanged() {
    // Components showing a list or a document load it again; the current search is asked again.
    set({ guideList: null, guideDocs: {}, guideErrors: {} });
    const { query, lang } = get().guideSearch;
    if (query.trim() !== '') void get().searchGuides(query, lang);
  },
});

export const selectGuideDoc = (lang: GuideLang, id: string) => (s: RootState) => s.guideDocs[docKey(lang, id)] ?? null;
export const selectGuideError = (lang: GuideLang, id: string) => (s: RootState) => s.guideErrors[docKey(lang, id)] ?? null;
export const selectGuideRun = (guideId: string) => (s: RootState) => {
  const id = s.diagnosticByGuide[guideId];
  return id ? (s.diagnosticRuns[id] ?? null) : null;
};
