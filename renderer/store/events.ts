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
    classe.on('devices.changed', (batch) => s().applyDeviceChanges(batch)),
    classe.on('devices.scan', (scan) => s().receiveScan(scan)),
    classe.on('devices.rooms', (rooms) => s().receiveRooms(rooms)),
    classe.on('projector.status', (status) => s().queueStatus(status)),
    classe.on('actions.progress', (progress) => s().receiveProgress(progress)),
    classe.on('actions.done', (done) => s().receiveDone(done)),
    classe.on('guides.changed', () => s().guidesChanged()),
    classe.on('diagnostics.updated', (run) => s().receiveDiagnosticRun(run)),
    classe.on('cast.status', (status) => s().receiveCastStatus(status)),
    classe.on('display.changed', (status) => s().receiveDisplay(status)),
    classe.on('present.state', (event) => s().receivePresentation(event)),
    classe.on('reminders.changed', (list) => s().receiveReminders(list)),
    classe.on('app.notice', (notice) => {
      const toast: Parameters<ReturnType<typeof s>['pushToast']>[0] = { id: notice.id, level: notice.level, messageKey: `errors:${notice.code}` };
      if (notice.params) toast.params = notice.params;
      if (notice.guide) toast.guide = notice.guide;
      s().pushToast(toast);
    }),
  ];
  return () => unsubscribers.forEach((u) => u());
}
