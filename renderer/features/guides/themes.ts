import type { GuideSummary } from '../../../preload/contract/guide-document';

/**
 * How the guides home groups the list. Themes are a presentation choice of this screen, not part of
 * the guide format: a guide the IT pack adds under a new id goes to « Guides de votre école », one
 * for IT staff (audience `it`) to « Pour le service informatique ».
 */
export const THEMES = ['image', 'vpi', 'projector', 'network', 'lesson', 'school', 'other', 'it'] as const;
export type Theme = (typeof THEMES)[number];

const THEME_OF: Readonly<Record<string, Theme>> = {
  'no-signal': 'image',
  'choose-source': 'image',
  'display-mode': 'image',
  'blurry-image': 'image',
  resolution: 'image',
  'hdmi-sound': 'image',
  'vpi-cables': 'vpi',
  'vpi-pen': 'vpi',
  'vpi-calibrate': 'vpi',
  'power-lamp': 'projector',
  'lamp-filter': 'projector',
  'shuts-down': 'projector',
  'wifi-off': 'network',
  wireless: 'network',
  'cast-failed': 'network',
  'prepare-lesson': 'lesson',
  'contact-it': 'lesson',
};

export function themeOf(guide: Pick<GuideSummary, 'id' | 'audience' | 'origin'>): Theme {
  if (guide.audience === 'it') return 'it';
  return THEME_OF[guide.id] ?? (guide.origin === 'it' ? 'school' : 'other');
}

/** The list grouped by theme, in THEMES order, each group in the list's order (by title). */
export function groupByTheme(guides: readonly GuideSummary[]): { theme: Theme; guides: GuideSummary[] }[] {
  const groups = new Map<Theme, GuideSummary[]>();
  for (const g of guides) {
    const theme = themeOf(g);
    groups.set(theme, [...(groups.get(theme) ?? []), g]);
  }
  return THEMES.filter((t) => groups.has(t)).map((theme) => ({ theme, guides: groups.get(theme)! }));
}
