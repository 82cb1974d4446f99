import { z } from 'zod';
import { channel, LIMITS } from './common';
import { DiagnosticRun, GuideDocument, GuideIdSchema, GuideLang, GuideSummary, SearchHit } from './guide-document';

/**
 * The troubleshooting guides and their live diagnostics (issue 6). The document types are in
 * ./guide-document.ts (shared with main's loader); this file lists what crosses.
 *
 * `lang` is optional everywhere: without it main answers in the language the teacher uses (the
 * resolved `language` setting), so the CLI and a renderer that has not loaded its settings yet agree.
 */

/** Longest query the search box sends: a teacher describes a symptom, not a paragraph. */
export const MAX_QUERY = 200;
export const MAX_HITS = 20;
/** A diagnostic item key is `<check>@<device id>`. */
const ItemKey = z.string().min(1).max(LIMITS.id * 2);
const RunId = z.string().min(1).max(LIMITS.id);

export const GuidesChanged = z.strictObject({
  /** Guides the IT pack adds or replaces. */
  itGuides: z.number().int().nonnegative(),
  /** Problems found in the IT pack (shown to IT in the report, not to teachers). */
  problems: z.number().int().nonnegative(),
});
export type GuidesChanged = z.infer<typeof GuidesChanged>;

export const DiagnosticReport = z.strictObject({
  /** Plain text for « Copier pour le service informatique ». */
  text: z.string().max(50_000),
});
export type DiagnosticReport = z.infer<typeof DiagnosticReport>;

export const guidesChannels = {
  /** Every guide in a language (IT guides included, marked), sorted by title. */
  'guides.list': channel(z.strictObject({ lang: GuideLang.optional() }), z.array(GuideSummary).max(500), [{ lang: 'fr' }]),
  /** One guide as a closed document tree (`guides.not_found` when the id is unknown). */
  'guides.get': channel(z.strictObject({ id: GuideIdSchema, lang: GuideLang.optional() }), GuideDocument, [
    { id: 'no-signal' },
    { id: 'display-mode', lang: 'en' },
  ]),
  /** Accent-, case- and typo-tolerant search; best first. An empty query gives no hit. */
  'guides.search': channel(
    z.strictObject({
      query: z.string().max(MAX_QUERY),
      lang: GuideLang.optional(),
      limit: z.number().int().min(1).max(MAX_HITS).optional(),
    }),
    z.array(SearchHit).max(MAX_HITS),
    [{ query: 'pas d image' }, { query: 'stylet marche pas', lang: 'fr', limit: 5 }],
  ),
  /**
   * « Lancer le diagnostic »: starts the guide's checks and answers at once with the pending run;
   * progress comes as `diagnostics.updated` events.
   */
  'diagnostics.start': channel(z.strictObject({ guideId: GuideIdSchema, lang: GuideLang.optional() }), DiagnosticRun, [
    { guideId: 'no-signal' },
    { guideId: 'power-lamp', lang: 'fr' },
  ]),
  /** « Réparer »: runs the fix offered on an item, then checks again; answers when done. */
  'diagnostics.fix': channel(z.strictObject({ runId: RunId, itemKey: ItemKey }), DiagnosticRun, [
    { runId: 'diag-m4x1-1', itemKey: 'projector.power@proj-salle-3' },
  ]),
  /** Stops the checks and fixes of a run (the guide was closed). */
  'diagnostics.cancel': channel(z.strictObject({ runId: RunId }), z.null(), [{ runId: 'diag-m4x1-1' }]),
  /** The run as plain text for IT, in the teacher's language. */
  'diagnostics.report': channel(z.strictObject({ runId: RunId, lang: GuideLang.optional() }), DiagnosticReport, [
    { runId: 'diag-m4x1-1' },
    { runId: 'diag-m4x1-1', lang: 'en' },
  ]),
};

export const guidesEvents = {
  /** The set of guides changed (IT pack applied or removed): lists, documents and searches are stale. */
  'guides.changed': GuidesChanged,
  /** Every change of a diagnostic run (a check starts or ends, a fix runs): the whole run. */
  'diagnostics.updated': DiagnosticRun,
};
