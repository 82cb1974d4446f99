/**
 * Hash routes, so that a guide can be opened at a step from anywhere ("#/guides/no-signal?step=3") and
 * the web preview reloads where it was. Parsing is total: an unknown hash is the home screen.
 */
export type Route =
  | { name: 'home' }
  | { name: 'device'; id: string }
  | { name: 'guides'; guideId?: string; step?: number }
  | { name: 'settings' };

const ID = /^[A-Za-z0-9:._-]{1,128}$/;

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  const params = new URLSearchParams(query);
  switch (parts[0]) {
    case 'device':
      return parts[1] && ID.test(parts[1]) ? { name: 'device', id: parts[1] } : { name: 'home' };
    case 'guides': {
      const route: Route = { name: 'guides' };
      if (parts[1] && ID.test(parts[1])) route.guideId = parts[1];
      const step = Number(params.get('step'));
      if (route.guideId && Number.isInteger(step) && step > 0 && step < 100) route.step = step;
      return route;
    }
    case 'settings':
      return { name: 'settings' };
    default:
      return { name: 'home' };
  }
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'device':
      return `#/device/${encodeURIComponent(route.id)}`;
    case 'guides':
      return route.guideId ? `#/guides/${encodeURIComponent(route.guideId)}${route.step ? `?step=${route.step}` : ''}` : '#/guides';
    case 'settings':
      return '#/settings';
  }
}

/** "guide:no-signal" → the guides route. */
export function guideRoute(guide: string, step?: number): Route {
  const id = guide.replace(/^guide:/, '');
  return step ? { name: 'guides', guideId: id, step } : { name: 'guides', guideId: id };
}
