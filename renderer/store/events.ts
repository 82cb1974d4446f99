/**
 * The one place that listens to main-process events and writes them into the store through actions.
 * Subscribed once at start-up; returns the unsubscribe for tests.
 */
import type { ClasseApi } from '../../preload/contract';
import { useStore } from './index';

export function subscribeToEvents(classe: ClasseApi): () => void {
  const s = () => useStore.getState();
  const unsubscribers = [
    classe.on('settings.changed', (view) => s().receiveSettings(view)),
    classe.on('profile.changed', (overview) => s().receiveProfile(overview)),
    classe.on('guides.changed', () => s().guidesChanged()),
    classe.on('diagnostics.updated', (run) => s().receiveDiagnosticRun(run)),
    classe.on('app.notice', (notice) => {
      const toast: Parameters<ReturnType<typeof s>['pushToast']>[0] = { id: notice.id, level: notice.level, messageKey: `errors:${notice.code}` };
      if (notice.params) toast.params = notice.params;
      if (notice.guide) toast.guide = notice.guide;
      s().pushToast(toast);
    }),
  ];
  return () => unsubscribers.forEach((u) => u());
}
