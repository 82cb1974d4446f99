import type { DiagnosticReport } from '../../preload/contract/report';
import type { Handlers } from '../rpc/dispatcher';
import type { Lang } from '../services/profiles/messages';

export function reportHandlers(deps: { build: (lang: Lang) => Promise<{ json: DiagnosticReport; text: string }>; language: () => Lang }): Pick<Handlers, 'report.get'> {
  return {
    // In the language of the UI: the teacher pastes it into an e-mail to IT.
    'report.get': async () => {
      const { json, text } = await deps.build(deps.language());
      return { text, json };
    },
  };
}
