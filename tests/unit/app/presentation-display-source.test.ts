import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProjectorDisplayTracker } from '../../../main/services/display/projector-tracker';
import { fake, fakeDisplay } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { currentDisplays, toDisplayDescriptor, trackProjector, watchDisplays } = await import('../../../main/app/presentation/display-source');

const LAPTOP = fakeDisplay(10, 'Built-in Display', true, { x: 0, y: 0, width: 1280, height: 800 }, 2);
const EPSON = fakeDisplay(20, 'EPSON PJ\u202e\u0007', false, { x: 1280, y: 0, width: 1024, height: 768 });

// The fake's display objects stand in for Electron's Display.
type ElectronDisplay = Parameters<typeof toDisplayDescriptor>[0];

beforeEach(() => {
  fake.reset();
  fake.screen.displays = [LAPTOP];
  fake.screen.primaryId = 10;
});

describe('display source (Electron screen → DisplayDescriptor)', () => {
  it('keeps id, bounds, size, scale, internal and detected, marks the primary and sanitises the EDID label', () => {
    expect(toDisplayDescriptor(EPSON as unknown as ElectronDisplay, 10)).toEqual({
      id: 20,
      label: 'EPSON PJ',
      bounds: { x: 1280, y: 0, width: 1024, height: 768 },
      size: { width: 1024, height: 768 },
      scaleFactor: 1,
      internal: false,
      detected: true,
      primary: false,
    });
    expect(currentDisplays(fake.screen as never).map((d) => [d.id, d.primary])).toEqual([[10, true]]);
  });

  it('reports displays now and on every plug, unplug and metrics change, until unsubscribed', () => {
    const seen: number[][] = [];
    const stop = watchDisplays(fake.screen as never, (displays) => seen.push(displays.map((d) => d.id)));
    fake.screen.displays = [LAPTOP, EPSON];
    fake.screen.emit('display-added', {}, EPSON);
    fake.screen.emit('display-metrics-changed', {}, EPSON, ['bounds']);
    fake.screen.displays = [LAPTOP];
    fake.screen.emit('display-removed', {}, EPSON);
    stop();
    fake.screen.emit('display-added', {}, EPSON);
    expect(seen).toEqual([[10], [10, 20], [10, 20], [10]]);
    expect(fake.screen.listenerCount('display-added') + fake.screen.listenerCount('display-removed') + fake.screen.listenerCount('display-metrics-changed')).toBe(0);
  });

  it('feeds the projector tracker: plugging the Epson makes it the projector', () => {
    const tracker = new ProjectorDisplayTracker();
    const changes: string[] = [];
    tracker.on('changed', (c) => changes.push(`${c.cause}:${c.current?.display.id ?? '-'}`));
    const stop = trackProjector(fake.screen as never, tracker);
    fake.screen.displays = [LAPTOP, EPSON];
    fake.screen.emit('display-added', {}, EPSON);
    stop();
    expect(changes).toEqual(['initial:-', 'connected:20']);
    expect(tracker.current()?.projector?.confidence).toBe('high');
  });
});
