/**
 * Linux/X11: from a parsed `xrandr` state, decide which output is the laptop and which the projector,
 * read the current topology, and build the `xrandr` arguments for a display mode. Pure functions; the
 * service runs the arguments with execFile (no shell), and every output name comes from xrandr itself.
 */
import type { DisplayDescriptor, DisplayMode, DisplaySize, DisplayTopology } from './display-types';
import { pickProjectorDisplay } from './projector-pick';
import { isUsable, preferredMode, type XrandrMode, type XrandrOutput, type XrandrState } from './xrandr-parse';

// Connector names of a laptop's own panel: eDP-1 / eDP1 / eDP (amdgpu), LVDS-1 / LVDS1, DSI-1 (tablets).
const INTERNAL_OUTPUT = /^(eDP|LVDS|DSI)(\b|[-\d]|$)/i;

export function isInternalOutputName(name: string): boolean {
  return INTERNAL_OUTPUT.test(name);
}

export interface XrandrRoles {
  /** The laptop's screen (or, without one, the primary/first connected output). */
  main: XrandrOutput;
  /** The projector: the most likely external output, or null when nothing else is connected. */
  external: XrandrOutput | null;
  /** Other connected outputs we leave alone (a third screen). */
  others: XrandrOutput[];
  /** Disconnected outputs that still hold a CRTC (unplugged without being turned off): we turn them off. */
  stale: XrandrOutput[];
}

function descriptorOf(output: XrandrOutput, index: number): DisplayDescriptor {
  const preferred = preferredMode(output);
  const size = output.edid?.preferredSize ?? (preferred?.width && preferred.height ? { width: preferred.width, height: preferred.height } : undefined);
  const descriptor: DisplayDescriptor = {
    id: index,
    label: output.edid?.name ?? '',
    bounds: output.geometry ?? { x: 0, y: 0, width: size?.width ?? 0, height: size?.height ?? 0 },
    scaleFactor: 1,
    internal: false,
    primary: output.primary,
    connector: output.name,
  };
  if (output.edid?.name) descriptor.edidName = output.edid.name;
  if (output.edid?.manufacturerId) descriptor.manufacturerId = output.edid.manufacturerId;
  if (size) descriptor.nativeSize = size;
  return descriptor;
}

/** Output names remembered from an earlier switch (see chooseXrandrRoles). */
export interface XrandrRoleHint {
  main: string;
  external: string;
}

/**
 * Picks the laptop output and the projector output; null when no output is connected at all.
 *
 * With a laptop panel (eDP/LVDS/DSI) this is easy. Without one (a desktop PC, or the dummy driver),
 * "primary" is not stable: after « projecteur seulement » the projector *is* the primary output. So, in
 * that order: a display whose EDID name says projector; the roles remembered from the last switch
 * (`hint`) when both outputs are still there; the primary output; the first one xrandr lists.
 */
export function chooseXrandrRoles(state: XrandrState, hint: XrandrRoleHint | null = null): XrandrRoles | null {
  const usable = state.outputs.filter(isUsable);
  if (usable.length === 0) return null;
  const internals = usable.filter((o) => isInternalOutputName(o.name));
  let main: XrandrOutput | undefined = internals.find((o) => o.primary) ?? internals[0];
  if (!main && usable.length > 1) {
    const all = pickProjectorDisplay(usable.map(descriptorOf));
    const named = all.projector && all.projector.confidence === 'high' && !all.ambiguous ? usable[all.projector.display.id] : undefined;
    if (named) main = usable.find((o) => o !== named && o.primary) ?? usable.find((o) => o !== named);
    else if (hint && usable.some((o) => o.name === hint.external)) main = usable.find((o) => o.name === hint.main);
  }
  main ??= usable.find((o) => o.primary) ?? usable[0];
  if (!main) return null;
  const rest = usable.filter((o) => o !== main);
  // The same pure scoring as Electron displays: EDID name, projector resolutions, not primary.
  const decision = pickProjectorDisplay(rest.map(descriptorOf));
  const hinted = hint && hint.main === main.name ? rest.find((o) => o.name === hint.external) : undefined;
  const external = hinted ?? (decision.projector ? (rest[decision.projector.display.id] ?? null) : null);
  return {
    main,
    external,
    others: rest.filter((o) => o !== external),
    stale: state.outputs.filter((o) => o.status === 'disconnected' && o.geometry !== null),
  };
}

/** The current topology between the laptop and the projector. */
export function classifyXrandrTopology(roles: XrandrRoles): DisplayTopology {
  const { main, external } = roles;
  if (!external) return 'single';
  const mainOn = main.geometry !== null;
  const externalOn = external.geometry !== null;
  if (mainOn && externalOn) {
    const a = main.geometry;
    const b = external.geometry;
    // `--same-as` puts both CRTCs at the same origin: that is mirroring, even at different sizes.
    return a && b && a.x === b.x && a.y === b.y ? 'duplicate' : 'extend';
  }
  if (externalOn) return 'external';
  if (mainOn) return 'internal';
  return 'unknown';
}

function progressive(output: XrandrOutput): XrandrMode[] {
  return output.modes.filter((m) => !m.interlaced && m.width !== null && m.height !== null);
}

function findSize(output: XrandrOutput, size: DisplaySize): XrandrMode | null {
  return progressive(output).find((m) => m.width === size.width && m.height === size.height) ?? null;
}

export interface CommonMode {
  size: DisplaySize;
  /** Mode names on each output (they usually match, but custom modes may be named differently). */
  mainMode: string;
  externalMode: string;
}

/**
 * The resolution both screens can show, for a sharp mirror: the projector's preferred resolution if the
 * laptop has it (laptop panels list scaled modes such as 1024×768), else the laptop's preferred if the
 * projector has it, else the largest common one (ties: the projector's aspect ratio).
 */
export function chooseCommonMode(main: XrandrOutput, external: XrandrOutput): CommonMode | null {
  const make = (size: DisplaySize): CommonMode | null => {
    const a = findSize(main, size);
    const b = findSize(external, size);
    return a && b ? { size, mainMode: a.name, externalMode: b.name } : null;
  };
  const sizeOf = (m: XrandrMode | null): DisplaySize | null => (m && m.width && m.height && !m.interlaced ? { width: m.width, height: m.height } : null);
  const extPreferred = sizeOf(preferredMode(external));
  const mainPreferred = sizeOf(preferredMode(main));
  for (const size of [extPreferred, mainPreferred]) {
    const mode = size ? make(size) : null;
    if (mode) return mode;
  }
  const ratio = extPreferred ? extPreferred.width / extPreferred.height : null;
  const common = progressive(external)
    .map((m) => ({ width: m.width as number, height: m.height as number }))
    .filter((s) => findSize(main, s) !== null)
    .sort((x, y) => {
      const area = y.width * y.height - x.width * x.height;
      if (area !== 0) return area;
      if (ratio === null) return 0;
      return Math.abs(x.width / x.height - ratio) - Math.abs(y.width / y.height - ratio);
    });
  return common[0] ? make(common[0]) : null;
}

export type XrandrPlan =
  | {
      ok: true;
      mode: DisplayMode;
      args: string[];
      roles: { main: string; external: string | null };
      /** Duplicate without a common resolution: the projector shows the laptop's top-left part. */
      commonMode: CommonMode | null;
    }
  | { ok: false; reason: 'no-output' | 'no-external' | 'external-no-modes' };

/** Builds the single `xrandr` invocation that sets `mode`. */
export function planXrandr(state: XrandrState, mode: DisplayMode, hint: XrandrRoleHint | null = null): XrandrPlan {
  const roles = chooseXrandrRoles(state, hint);
  if (!roles) return { ok: false, reason: 'no-output' };
  const { main, external, stale } = roles;
  const args: string[] = [];
  // Turning stale CRTCs off first frees them for the outputs we enable (laptops have 2–4 CRTCs).
  for (const o of stale) args.push('--output', o.name, '--off');

  if (mode === 'internal') {
    args.push('--output', main.name, '--auto', '--pos', '0x0', '--primary');
    if (external) args.push('--output', external.name, '--off');
    return { ok: true, mode, args, roles: { main: main.name, external: external?.name ?? null }, commonMode: null };
  }
  if (!external) return { ok: false, reason: 'no-external' };
  // "connected" without any mode: the projector answered hot-plug but its EDID could not be read (bad
  // adapter, HDMI switch). --auto would switch it off; the teacher needs the cable guide instead.
  if (external.modes.length === 0) return { ok: false, reason: 'external-no-modes' };

  const roleNames = { main: main.name, external: external.name };
  switch (mode) {
    case 'duplicate': {
      const common = chooseCommonMode(main, external);
      if (common) {
        args.push('--output', main.name, '--mode', common.mainMode, '--pos', '0x0', '--primary');
        args.push('--output', external.name, '--mode', common.externalMode, '--same-as', main.name);
      } else {
        args.push('--output', main.name, '--auto', '--pos', '0x0', '--primary');
        args.push('--output', external.name, '--auto', '--same-as', main.name);
      }
      return { ok: true, mode, args, roles: roleNames, commonMode: common };
    }
    case 'extend':
      args.push('--output', main.name, '--auto', '--pos', '0x0', '--primary');
      args.push('--output', external.name, '--auto', '--right-of', main.name);
      return { ok: true, mode, args, roles: roleNames, commonMode: null };
    case 'external':
      // Enable the projector before switching the laptop off, so the desktop always has a screen.
      args.push('--output', external.name, '--auto', '--pos', '0x0', '--primary');
      args.push('--output', main.name, '--off');
      return { ok: true, mode, args, roles: roleNames, commonMode: null };
  }
}
