import type { GuideLang } from '../../preload/contract/guide-document';
import type { Handlers } from '../rpc/dispatcher';
import { ServiceError } from '../services/core/errors';
import type { DiagnosticsEngine } from '../services/guides/diagnostics';
import { formatDiagnosticReport } from '../services/guides/diagnostics-report';
import type { GuideLibrary } from '../services/guides/library';
import type { RoomSource } from '../services/guides/registry';

export type GuidesChannel =
  | 'guides.list'
  | 'guides.get'
  | 'guides.search'
  | 'diagnostics.start'
  | 'diagnostics.fix'
  | 'diagnostics.cancel'
  | 'diagnostics.report';

export interface GuidesHandlerDeps {
  /** The library, loaded in the background at start-up: the first call waits for it. */
  library: () => Promise<GuideLibrary>;
  diagnostics: DiagnosticsEngine;
  /** The teacher's language (the resolved `language` setting), used when a call gives none. */
  language: () => GuideLang;
  /** The room's devices, for the addresses and models in the report for IT. */
  room: RoomSource;
  /** "Classe numérique 0.1.0 (web, linux)", for the report. */
  appLabel: string;
}

const DEFAULT_HITS = 8;

export function guidesHandlers(deps: GuidesHandlerDeps): Pick<Handlers, GuidesChannel> {
  const lang = (given: GuideLang | undefined) => given ?? deps.language();
  return {
    'guides.list': async (input) => (await deps.library()).list(lang(input.lang)),
    'guides.get': async (input) => (await deps.library()).require(input.id, lang(input.lang)),
    'guides.search': async (input) => (await deps.library()).search(input.query, lang(input.lang), input.limit ?? DEFAULT_HITS),
    'diagnostics.start': async (input) => {
      // The engine looks the guide up synchronously: make sure the library is there first.
      await deps.library();
      return deps.diagnostics.start(input.guideId, lang(input.lang));
    },
    'diagnostics.fix': (input) => deps.diagnostics.fix(input.runId, input.itemKey),
    'diagnostics.cancel': (input) => {
      deps.diagnostics.cancel(input.runId);
      return null;
    },
    'diagnostics.report': async (input) => {
      const run = deps.diagnostics.get(input.runId);
      if (!run) throw new ServiceError('guides.run_not_found', { params: { id: input.runId.slice(0, 100) } });
      const language = lang(input.lang);
      const guide = (await deps.library()).get(run.guideId, language);
      const { devices } = await deps.room();
      const text = await formatDiagnosticReport(run, { lang: language, guideTitle: guide?.title ?? run.guideId, app: deps.appLabel, devices });
      return { text };
    },
  };
}
