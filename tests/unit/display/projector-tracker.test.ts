import { describe, expect, it } from 'vitest';
import { ProjectorDisplayTracker, type ProjectorChange } from '../../../main/services/display/projector-tracker';
import type { DisplayDescriptor } from '../../../main/services/display/display-types';
import { display, LAPTOP } from './helpers';

function record(tracker: ProjectorDisplayTracker) {
  const events: string[] = [];
  const changes: ProjectorChange[] = [];
  tracker.on('changed', (c) => {
    changes.push(c);
    events.push(`changed:${c.cause}:${c.previous?.display.id ?? '-'}->${c.current?.display.id ?? '-'}`);
  });
  tracker.on('display-added', (d) => events.push(`added:${d.id}`));
  tracker.on('display-removed', (d) => events.push(`removed:${d.id}`));
  return { events, changes };
}

const epson = display({ id: 2, label: 'EPSON PJ', bounds: { x: 1440, y: 0, width: 1280, height: 800 }, primary: false });

describe('ProjectorDisplayTracker', () => {
  it('reports the initial state, then plug and unplug of the projector', () => {
    const tracker = new ProjectorDisplayTracker();
    const { events, changes } = record(tracker);
    tracker.update([LAPTOP]);
    tracker.update([LAPTOP, epson]);
    tracker.update([LAPTOP]);
    expect(events).toEqual(['changed:initial:-->-', 'added:2', 'changed:connected:-->2', 'removed:2', 'changed:disconnected:2->-']);
    expect(changes[1]?.current?.confidence).toBe('high');
    expect(tracker.current()?.projector).toBeNull();
  });

  it('stays silent when the same displays are reported again (bursts of metrics events)', () => {
    const tracker = new ProjectorDisplayTracker();
    tracker.update([LAPTOP, epson]);
    const { events } = record(tracker);
    tracker.update([LAPTOP, epson]);
    tracker.update([{ ...LAPTOP }, { ...epson, bounds: { ...epson.bounds } }]);
    expect(events).toEqual([]);
  });

  it('reports a metrics change when the projector moves or changes resolution (duplicate → extend)', () => {
    const tracker = new ProjectorDisplayTracker();
    tracker.update([LAPTOP, { ...epson, bounds: { x: 0, y: 0, width: 1280, height: 800 } }]);
    const { events, changes } = record(tracker);
    tracker.update([LAPTOP, epson]);
    expect(events).toEqual(['changed:metrics:2->2']);
    expect(changes[0]?.current?.display.bounds.x).toBe(1440);
  });

  it('reports a replacement when another screen becomes the most likely projector', () => {
    const monitor = display({ id: 3, label: 'DELL P2419H', bounds: { x: 2720, y: 0, width: 1920, height: 1080 } });
    const tracker = new ProjectorDisplayTracker();
    tracker.update([LAPTOP, monitor]);
    const { events } = record(tracker);
    tracker.update([LAPTOP, monitor, epson]);
    tracker.update([LAPTOP, monitor]);
    expect(events).toEqual(['added:2', 'changed:replaced:3->2', 'removed:2', 'changed:replaced:2->3']);
  });

  it('accepts an injected pick function and keeps the last display list', () => {
    const seen: DisplayDescriptor[][] = [];
    const tracker = new ProjectorDisplayTracker((d) => {
      seen.push([...d]);
      return { projector: null, candidates: [], ambiguous: false, internalCount: 0, externalCount: 0 };
    });
    tracker.update([LAPTOP, epson]);
    expect(seen).toHaveLength(1);
    expect(tracker.displays().map((d) => d.id)).toEqual([1, 2]);
  });
});
