/**
 * Projector statuses from main's events are applied per animation frame, at most 40 cards at a time, so a
 * burst of 500 (window shown again, network back) does not freeze the list; anything that reads or
 * changes a status (an action) applies the queue first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore, initialState } from '../../../renderer/store';
import { setApi } from '../../../renderer/store/api';
import { fakeApi } from '../support';
import type { ProjectorStatus } from '../../../preload/contract/projector';

const status = (deviceId: string, power: ProjectorStatus['power'] = 'on'): ProjectorStatus => ({
  deviceId, reachable: true, problem: null, pjlinkClass: 2, power, input: '31', mute: { video: false, audio: false }, freeze: false,
  alerts: [], lampHours: 10, hasLamp: true, filterHours: 10, signal: 'ok', resolution: null, updatedAt: 1,
});

describe('projector statuses from events', () => {
  let frames: FrameRequestCallback[] = [];
  beforeEach(() => {
    useStore.setState(initialState(), false);
    setApi(fakeApi({ 'actions.start': () => ({ ok: true, value: { actionId: 'a1' } }) }));
    frames = [];
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const runFrame = () => {
    const due = frames;
    frames = [];
    for (const cb of due) cb(0);
  };

  it('applies a burst of 500 in frames of 40, one store update per frame, the latest status per projector', () => {
    const updates = vi.fn();
    const unsubscribe = useStore.subscribe(updates);
    for (let i = 0; i < 500; i++) useStore.getState().queueStatus(status(`p${i}`, 'standby'));
    useStore.getState().queueStatus(status('p0', 'on')); // a newer status replaces the queued one
    expect(Object.keys(useStore.getState().projectorStatus)).toHaveLength(0);
    runFrame();
    expect(Object.keys(useStore.getState().projectorStatus)).toHaveLength(40);
    expect(useStore.getState().projectorStatus.p0?.power).toBe('on');
    expect(updates).toHaveBeenCalledTimes(1);
    let n = 1;
    while (frames.length) {
      runFrame();
      n++;
    }
    expect(n).toBe(13); // ⌈500 / 40⌉
    expect(Object.keys(useStore.getState().projectorStatus)).toHaveLength(500);
    unsubscribe();
  });

  it('still applies statuses when no frame comes (hidden window), after 100 ms', () => {
    useStore.getState().queueStatus(status('p1'));
    vi.advanceTimersByTime(99);
    expect(useStore.getState().projectorStatus.p1).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(useStore.getState().projectorStatus.p1?.power).toBe('on');
  });

  it('applies the queue before an action, so its optimistic state starts from the latest status', async () => {
    useStore.getState().queueStatus(status('p1', 'on'));
    await useStore.getState().startAction({ deviceId: 'p1', kind: 'blank' });
    expect(useStore.getState().projectorStatus.p1?.mute?.video).toBe(true);
  });
});
