/**
 * Parser for `xrandr --query` (and `xrandr --props`, its superset with output properties and EDID).
 * Hand-written: there is no maintained npm parser, and the format is stable (xrandr 1.5 prints it with
 * fixed printf formats). It is tolerant: unknown lines are ignored, never thrown on, because drivers
 * add their own properties and forum-era outputs differ in spacing.
 *
 * What matters for us per output: connected or not, primary, the geometry of the CRTC driving it
 * (also present on a *disconnected* output that still holds a stale CRTC after unplugging), its modes
 * with the current ("*") and preferred ("+") flags, and the EDID monitor name when --props gave one.
 */
import type { DisplayRect, DisplaySize } from './display-types';
import { edidBytesFromHex, parseEdid, type EdidInfo } from './edid';

export interface XrandrMode {
  /** Mode name as xrandr prints it ("1920x1080", "1920x1080i", "800x480_65.68"). */
  name: string;
  width: number | null;
  height: number | null;
  interlaced: boolean;
  rates: number[];
  current: boolean;
  preferred: boolean;
}

export type XrandrRotation = 'normal' | 'left' | 'inverted' | 'right';

export interface XrandrOutput {
  name: string;
  status: 'connected' | 'disconnected' | 'unknown';
  primary: boolean;
  /** Geometry of the CRTC driving this output; null when the output is off. */
  geometry: DisplayRect | null;
  rotation: XrandrRotation;
  physicalSizeMm: DisplaySize | null;
  modes: XrandrMode[];
  /** From `--props` (EDID property), null with a plain `--query`. */
  edid: EdidInfo | null;
}

export interface XrandrScreen {
  index: number;
  minimum: DisplaySize;
  current: DisplaySize;
  maximum: DisplaySize;
}

export interface XrandrState {
  screens: XrandrScreen[];
  outputs: XrandrOutput[];
}

const SCREEN_LINE = /^Screen (\d+): minimum (\d+) x (\d+), current (\d+) x (\d+), maximum (\d+) x (\d+)/;
// "<name> <status> [primary] [WxH+X+Y] [(0xNN)] [rotation] [reflection] [(supported…)] [Wmm x Hmm]"
// xrandr prints positions with "+%d", so a negative offset reads "+-1920"; some tools print "-1920".
const OUTPUT_LINE =
  /^(\S+) (connected|disconnected|unknown connection)(?: (primary))?(?: (\d+)x(\d+)(\+-?\d+|-\d+)(\+-?\d+|-\d+))?(?: \(0x[0-9a-fA-F]+\))?(?: (normal|left|inverted|right))?(?: (?:X axis|Y axis|X and Y axis))?(?: \([^)]*\))?(?: (\d+)mm x (\d+)mm)?\s*$/;
// A mode line of --query/--props: indented name then rates, each rate followed by "*" (current) and/or "+" (preferred).
const MODE_LINE = /^ {2,}(\S+)\s+([\d.\s*+]+)$/;
const RATE = /(\d+(?:\.\d+)?)(\*)?\s?(\+)?/g;
const MODE_SIZE = /^(\d+)x(\d+)(i)?/;

function offset(text: string): number {
  return Number(text.replace(/^\+/, ''));
}

function parseMode(name: string, rest: string): XrandrMode | null {
  const rates: number[] = [];
  let current = false;
  let preferred = false;
  for (const m of rest.matchAll(RATE)) {
    rates.push(Number(m[1]));
    if (m[2]) current = true;
    if (m[3]) preferred = true;
  }
  if (rates.length === 0) return null;
  const size = MODE_SIZE.exec(name);
  return {
    name,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
    interlaced: size?.[3] === 'i',
    rates,
    current,
    preferred,
  };
}

export function parseXrandr(text: string): XrandrState {
  const state: XrandrState = { screens: [], outputs: [] };
  let output: XrandrOutput | null = null;
  let edidHex: string | null = null;

  const flushEdid = () => {
    if (output && edidHex !== null) {
      const bytes = edidBytesFromHex(edidHex);
      output.edid = bytes ? parseEdid(bytes) : null;
    }
    edidHex = null;
  };

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line) continue;

    if (line.startsWith('\t')) {
      // An output property (--props). EDID is a property whose value is hex on the following "\t\t" lines.
      if (edidHex !== null && /^\t\t[0-9a-fA-F]+$/.test(line)) {
        edidHex += line.trim();
        continue;
      }
      flushEdid();
      if (/^\tEDID:\s*$/.test(line)) edidHex = '';
      continue;
    }
    flushEdid();

    const screen = SCREEN_LINE.exec(line);
    if (screen) {
      const n = screen.slice(1).map(Number);
      state.screens.push({
        index: n[0] ?? 0,
        minimum: { width: n[1] ?? 0, height: n[2] ?? 0 },
        current: { width: n[3] ?? 0, height: n[4] ?? 0 },
        maximum: { width: n[5] ?? 0, height: n[6] ?? 0 },
      });
      output = null;
      continue;
    }

    if (!/^\s/.test(line)) {
      const m = OUTPUT_LINE.exec(line);
      if (!m) {
        // "Monitors: …", error lines, anything else: not part of an output block.
        output = null;
        continue;
      }
      output = {
        name: m[1] ?? '',
        status: m[2] === 'connected' ? 'connected' : m[2] === 'disconnected' ? 'disconnected' : 'unknown',
        primary: m[3] === 'primary',
        geometry: m[4] ? { width: Number(m[4]), height: Number(m[5]), x: offset(m[6] ?? '0'), y: offset(m[7] ?? '0') } : null,
        rotation: (m[8] as XrandrRotation | undefined) ?? 'normal',
        physicalSizeMm: m[9] ? { width: Number(m[9]), height: Number(m[10]) } : null,
        modes: [],
        edid: null,
      };
      state.outputs.push(output);
      continue;
    }

    // Indented: a mode of the current output. Verbose-style mode blocks ("  1920x1200 (0xbf) 154.0MHz",
    // "h: width …") do not match MODE_LINE and are skipped, so stray modes never attach to an output.
    const mode = MODE_LINE.exec(line);
    if (mode && output) {
      const parsed = parseMode(mode[1] ?? '', mode[2] ?? '');
      if (parsed) output.modes.push(parsed);
    }
  }
  flushEdid();
  return state;
}

/** Connected, or "unknown connection" but driven (some drivers never report connection). */
export function isUsable(output: XrandrOutput): boolean {
  return output.status === 'connected' || (output.status === 'unknown' && output.geometry !== null);
}

/** The mode marked preferred ("+"), else the first listed (xrandr lists the preferred first). */
export function preferredMode(output: XrandrOutput): XrandrMode | null {
  return output.modes.find((m) => m.preferred) ?? output.modes[0] ?? null;
}
