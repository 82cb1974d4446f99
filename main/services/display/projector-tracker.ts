/**
 * Follows plug/unplug. main/app feeds it Electron's `screen.getAllDisplays()` on every `display-added`,
 * `display-removed` and `display-metrics-changed`; it re-runs the pure pick and emits only what changed.
 * Windows sends bursts of metrics events while it switches modes: comparing states (not forwarding
 * events) keeps the UI and the presentation window from reacting to noise.
 */
import { TypedEmitter } from '../core/emitter';
import type { DisplayDescriptor } from './display-types';
import { pickProjectorDisplay, type ProjectorCandidate, type ProjectorDecision } from './projector-pick';

export type ProjectorChangeCause =
  /** First update. */
  | 'initial'
  /** A projector appeared where there was none (or another display became the projector). */
  | 'connected'
  /** The projector went away (unplugged, switched off, or "ordinateur seulement"). */
  | 'disconnected'
  /** Another display is now the most likely projector (the old one may have been unplugged). */
  | 'replaced'
  /** Same projector, new position, size or confidence (mode switch, resolution change). */
  | 'metrics';

export interface ProjectorChange {
  cause: ProjectorChangeCause;
  previous: ProjectorCandidate | null;
  current: ProjectorCandidate | null;
  decision: ProjectorDecision;
}

export type ProjectorTrackerEvents = {
  /** The projector (or its geometry, or how sure we are) changed. */
  changed: ProjectorChange;
  'display-added': DisplayDescriptor;
  'display-removed': DisplayDescriptor;
};

function sameGeometry(a: DisplayDescriptor, b: DisplayDescriptor): boolean {
  return (
    a.bounds.x === b.bounds.x &&
    a.bounds.y === b.bounds.y &&
    a.bounds.width === b.bounds.width &&
    a.bounds.height === b.bounds.height &&
    a.scaleFactor === b.scaleFactor
  );
}

export class ProjectorDisplayTracker extends TypedEmitter<ProjectorTrackerEvents> {
  private known = new Map<number, DisplayDescriptor>();
  private decision: ProjectorDecision | null = null;

  constructor(private readonly pick: (displays: readonly DisplayDescriptor[]) => ProjectorDecision = pickProjectorDisplay) {
    super();
  }

  /** Feeds the current list of displays; returns the new decision. Emits only differences. */
  update(displays: readonly DisplayDescriptor[]): ProjectorDecision {
    const next = new Map(displays.map((d) => [d.id, d] as const));
    const isFirst = this.decision === null;
    if (!isFirst) {
      for (const [id, d] of this.known) if (!next.has(id)) this.emit('display-removed', d);
      for (const [id, d] of next) if (!this.known.has(id)) this.emit('display-added', d);
    }
    this.known = next;

    const previous = this.decision?.projector ?? null;
    const decision = this.pick(displays);
    this.decision = decision;
    const current = decision.projector;

    let cause: ProjectorChangeCause | null = null;
    if (isFirst) cause = 'initial';
    else if (!previous && current) cause = 'connected';
    else if (previous && !current) cause = 'disconnected';
    else if (previous && current && previous.display.id !== current.display.id) cause = 'replaced';
    else if (previous && current && (!sameGeometry(previous.display, current.display) || previous.confidence !== current.confidence)) cause = 'metrics';

    if (cause) this.emit('changed', { cause, previous, current, decision });
    return decision;
  }

  /** The last decision (null before the first update). */
  current(): ProjectorDecision | null {
    return this.decision;
  }

  displays(): DisplayDescriptor[] {
    return [...this.known.values()];
  }
}
