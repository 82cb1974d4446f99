/**
 * Remembered window size and position, made safe for today's screens: a window saved on a projector
 * that is no longer plugged in must come back on a visible screen, at a usable size.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1180, height: 780 };
export const MIN_SIZE = { width: 720, height: 520 };

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function parseSavedWindowState(raw: unknown): SavedWindowState | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as { bounds?: Partial<Rect>; maximized?: unknown };
  const b = r.bounds;
  if (!b || ![b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  return { bounds: { x: b.x!, y: b.y!, width: b.width!, height: b.height! }, maximized: r.maximized === true };
}

/** Returns bounds that fit in one of the work areas (the one the saved window overlaps most), or null for "centre on the primary". */
export function fitWindowBounds(saved: SavedWindowState | null, workAreas: Rect[]): Rect | null {
  if (!saved || workAreas.length === 0) return null;
  const best = workAreas.map((area) => ({ area, score: overlap(saved.bounds, area) })).sort((a, b) => b.score - a.score)[0]!;
  if (best.score < 100 * 100) return null; // barely visible: start fresh
  const area = best.area;
  const width = Math.max(MIN_SIZE.width, Math.min(saved.bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.bounds.height, area.height));
  const x = Math.min(Math.max(saved.bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
