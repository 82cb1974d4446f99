import { ANCHOR_PATTERN, GUIDE_LINK_PATTERN } from '../../preload/contract/limits';

/**
 * Hash routes, so that a guide can be opened at a step from anywhere ("#/guides/no-signal?step=3",
 * "#/guides/no-signal?anchor=input") and the web preview reloads where it was. Parsing is total: an
 * unknown hash is the home screen.
 *
 *   #/guides?q=pas%20d%20image          the guides home with a search
 *   #/guides/<id>?step=3                a guide at its third step (counted over the whole guide)
 *   #/guides/<id>?anchor=input          a guide at a step or section anchor (guide:<id>#input)
 *   #/guides/<id>/workshop?anchor=…     workshop mode (full-screen presentation), at that slide
 */
export type Route =
  | { name: 'home' }
  | { name: 'device'; id: string }
  | { name: 'guides'; guideId?: string; step?: number; anchor?: string; workshop?: boolean; query?: string }
  | { name: 'settings' }
  /** « Projeter »: a file to a screen (optionally with that screen already chosen). */
  | { name: 'cast'; deviceId?: string };

const ID = /^[A-Za-z0-9:._-]{1,128}$/;
/** Same bound as the search channel. */
const MAX_QUERY = 200;

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
      const route: Route & { name: 'guides' } = { name: 'guides' };
      if (parts[1] && ID.test(parts[1])) route.guideId = parts[1];
      if (!route.guideId) {
        const q = params.get('q');
        if (q) route.query = q.slice(0, MAX_QUERY);
        return route;
      }
      if (parts[2] === 'workshop') route.workshop = true;
      const step = Number(params.get('step'));
      if (Number.isInteger(step) && step > 0 && step < 100) route.step = step;
      const anchor = params.get('anchor');
      if (anchor && anchor.length <= 64 && ANCHOR_PATTERN.test(anchor)) route.anchor = anchor;
      return route;
    }
    case 'settings':
      return { name: 'settings' };
    case 'cast':
      return parts[1] && ID.test(parts[1]) ? { name: 'cast', deviceId: parts[1] } : { name: 'cast' };
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
    case 'guides': {
      if (!route.guideId) return route.query ? `#/guides?${new URLSearchParams({ q: route.query }).toString()}` : '#/guides';
      const params = new URLSearchParams();
      if (route.step) params.set('step', String(route.step));
      if (route.anchor) params.set('anchor', route.anchor);
      const query = params.toString();
      return `#/guides/${encodeURIComponent(route.guideId)}${route.workshop ? '/workshop' : ''}${query ? `?${query}` : ''}`;
    }
    case 'settings':
      return '#/settings';
    case 'cast':
      return route.deviceId ? `#/cast/${encodeURIComponent(route.deviceId)}` : '#/cast';
  }
}

/**
 * "guide:no-signal" or "guide:no-signal#input" (an error's or a link's guide) → the guides route, at
 * that step. Anything else opens the guides home rather than a broken page.
 */
export function guideRoute(guide: string, step?: number): Route {
  const m = GUIDE_LINK_PATTERN.exec(guide.startsWith('guide:') ? guide : `guide:${guide}`);
  if (!m) return { name: 'guides' };
  const route: Route = { name: 'guides', guideId: m[1]! };
  if (m[2]) route.anchor = m[2];
  if (step) route.step = step;
  return route;
}
