import { arch, platform } from 'node:process';
import type { Handlers, Runtime } from '../rpc/dispatcher';
import { APP_NAME } from '../services/core/app-meta';
import type { DesktopShell } from '../services/core/desktop';
import { ServiceError } from '../services/core/errors';

export type HealthCheck = () => { id: string; ok: boolean; detail?: string };

export function appHandlers(deps: {
  runtime: Runtime;
  version: string;
  electronVersion: string | null;
  locale: string;
  startedAt: number;
  checks: HealthCheck[];
  desktop: DesktopShell | null;
}): Pick<Handlers, 'app.info' | 'app.health' | 'app.savePdf' | 'app.workshopDisplay'> {
  return {
    'app.info': () => ({
      name: APP_NAME,
      version: deps.version,
      runtime: deps.runtime,
      platform,
      arch,
      node: process.versions.node,
      electron: deps.electronVersion,
      locale: deps.locale.slice(0, 64),
    }),
    'app.savePdf': async ({ fileName }) => {
      if (!deps.desktop) throw new ServiceError('app.pdf_unavailable');
      return deps.desktop.savePageAsPdf(fileName);
    },
    // In a browser (web preview) there is no window to move: the page's own full screen is enough.
    'app.workshopDisplay': ({ on }) => (deps.desktop ? deps.desktop.placeOnProjector(on) : { moved: false }),
    'app.health': () => {
      const checks = deps.checks.map((c) => c());
      return { ok: checks.every((c) => c.ok), uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000), checks };
    },
  };
}
