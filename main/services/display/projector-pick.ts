/**
 * "Which screen is the projector?" A pure decision over the displays the OS reports.
 *
 * The laptop's own panel is never the projector. Among the other displays, hints add up: a monitor
 * name that says so ("EPSON PJ", "… Projector", "Beamer"), a brand that makes (almost) only projectors,
 * a resolution typical of classroom projectors (XGA 1024×768, WXGA 1280×800…), being the only external
 * display, not being the primary one. The result says how sure we are and why, so the UI can ask the
 * teacher when two external screens are equally likely.
 */
import type { DisplayDescriptor, DisplaySize } from './display-types';

export type ProjectorConfidence = 'high' | 'medium' | 'low';

export type ProjectorReason =
  /** Not the laptop's own panel. */
  | 'external'
  /** The only external display connected. */
  | 'only-external'
  /** The monitor name says projector ("PJ", "Projector", "Beamer", "Vidéoprojecteur"). */
  | 'name-keyword'
  /** The monitor name is a brand that sells mostly projectors (Epson, Optoma…). */
  | 'name-projector-brand'
  /** The monitor name is a brand that sells projectors and monitors (BenQ, NEC…). */
  | 'name-mixed-brand'
  /** The monitor name is a brand of computer monitors (Dell, iiyama…): less likely the projector. */
  | 'name-monitor-brand'
  /** A resolution projectors use and monitors rarely do (1024×768, 1280×800…). */
  | 'projector-resolution'
  /** Not the primary display (in "extend" the laptop usually stays primary). */
  | 'not-primary';

export interface ProjectorCandidate {
  display: DisplayDescriptor;
  score: number;
  confidence: ProjectorConfidence;
  reasons: ProjectorReason[];
}

export interface ProjectorDecision {
  /** The most likely projector, or null when no external display is connected. */
  projector: ProjectorCandidate | null;
  /** Every external display, most likely first. */
  candidates: ProjectorCandidate[];
  /** True when the first two candidates are equally likely: the UI should let the teacher choose. */
  ambiguous: boolean;
  internalCount: number;
  externalCount: number;
}

// Words that mean "projector" in monitor names seen in EDIDs and OS labels ("EPSON PJ", "NEC PROJECTOR").
const PROJECTOR_WORDS = new Set(['PJ', 'PROJECTOR', 'PROJECTEUR', 'VIDEOPROJECTEUR', 'VIDEOPROJ', 'BEAMER', 'PROYECTOR', 'PROIETTORE', 'PROJEKTOR', 'DLP', 'LCDPJ']);
// Brands whose displays on a classroom laptop are almost always projectors.
const PROJECTOR_BRANDS = new Set(['EPSON', 'OPTOMA', 'VIVITEK', 'INFOCUS', 'CASIO', 'CHRISTIE', 'MAXELL', 'HITACHI', 'ACTO', 'DUKANE', 'BOXLIGHT']);
// Brands that make both projectors and monitors/TVs: a weak hint.
const MIXED_BRANDS = new Set(['BENQ', 'NEC', 'SHARP', 'PANASONIC', 'SONY', 'CANON', 'VIEWSONIC', 'ACER', 'RICOH', 'LG', 'XGIMI']);
// Brands of computer monitors: an external screen named like this is more likely a desk monitor.
const MONITOR_BRANDS = new Set(['DELL', 'HP', 'LENOVO', 'SAMSUNG', 'AOC', 'IIYAMA', 'PHILIPS', 'ASUS', 'MSI', 'GIGABYTE', 'HUAWEI', 'APPLE']);

// Native resolutions of classroom projectors, weighted by how rarely a desk monitor uses them.
const PROJECTOR_RESOLUTIONS: readonly { width: number; height: number; weight: number }[] = [
  { width: 1024, height: 768, weight: 20 }, // XGA: the classic classroom LCD projector
  { width: 1280, height: 800, weight: 20 }, // WXGA: most short-throw / interactive projectors
  { width: 800, height: 600, weight: 15 }, // SVGA: old entry-level projectors
  { width: 1280, height: 768, weight: 15 },
  { width: 1400, height: 1050, weight: 15 }, // SXGA+
  { width: 1920, height: 1200, weight: 10 }, // WUXGA: recent laser projectors
  { width: 1280, height: 720, weight: 5 },
  { width: 1920, height: 1080, weight: 3 }, // also every monitor and TV: barely a hint
];

function words(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

function physicalSize(d: DisplayDescriptor): DisplaySize {
  if (d.nativeSize) return d.nativeSize;
  const size = d.size ?? { width: d.bounds.width, height: d.bounds.height };
  const scale = d.scaleFactor > 0 ? d.scaleFactor : 1;
  // Rotated projectors do not exist in classrooms, but a rotated monitor must not match 768×1024.
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}

function nameOf(d: DisplayDescriptor): string {
  return [d.edidName, d.label].filter((s): s is string => typeof s === 'string' && s.length > 0).join(' ');
}

function scoreDisplay(d: DisplayDescriptor, externalCount: number): { score: number; reasons: ProjectorReason[]; strongName: boolean } {
  const reasons: ProjectorReason[] = ['external'];
  let score = 30;
  let strongName = false;
  const tokens = words(nameOf(d));
  if (tokens.some((t) => PROJECTOR_WORDS.has(t))) {
    score += 50;
    reasons.push('name-keyword');
    strongName = true;
  }
  if (tokens.some((t) => PROJECTOR_BRANDS.has(t))) {
    score += 40;
    reasons.push('name-projector-brand');
    strongName = true;
  } else if (tokens.some((t) => MIXED_BRANDS.has(t))) {
    score += 15;
    reasons.push('name-mixed-brand');
  } else if (!strongName && tokens.some((t) => MONITOR_BRANDS.has(t))) {
    score -= 15;
    reasons.push('name-monitor-brand');
  }
  const size = physicalSize(d);
  const resolution = PROJECTOR_RESOLUTIONS.find((r) => r.width === size.width && r.height === size.height);
  if (resolution) {
    score += resolution.weight;
    reasons.push('projector-resolution');
  }
  if (externalCount === 1) {
    score += 20;
    reasons.push('only-external');
  }
  if (d.primary === false) {
    score += 5;
    reasons.push('not-primary');
  }
  return { score, reasons, strongName };
}

function confidenceOf(score: number, strongName: boolean, reasons: ProjectorReason[]): ProjectorConfidence {
  if (strongName) return 'high';
  if (reasons.includes('only-external') && !reasons.includes('name-monitor-brand')) return 'medium';
  return score >= 50 ? 'medium' : 'low';
}

/** Ranks the external displays and names the most likely projector. Pure: same input, same answer. */
export function pickProjectorDisplay(displays: readonly DisplayDescriptor[]): ProjectorDecision {
  // Electron may list a display the OS only remembers (detected: false): it cannot show anything.
  const present = displays.filter((d) => d.detected !== false);
  const externals = present.filter((d) => !d.internal);
  const candidates = externals
    .map((display) => {
      const { score, reasons, strongName } = scoreDisplay(display, externals.length);
      return { display, score, reasons, confidence: confidenceOf(score, strongName, reasons) };
    })
    // Highest score first; on a tie, the one further right/below (where "extend" puts the projector), then the lower id.
    .sort((a, b) => b.score - a.score || b.display.bounds.x - a.display.bounds.x || b.display.bounds.y - a.display.bounds.y || a.display.id - b.display.id);
  const first = candidates[0] ?? null;
  const second = candidates[1];
  const ambiguous = first !== null && second !== undefined && second.score === first.score;
  if (first && ambiguous && first.confidence !== 'low') first.confidence = 'low';
  return {
    projector: first,
    candidates,
    ambiguous,
    internalCount: present.length - externals.length,
    externalCount: externals.length,
  };
}
