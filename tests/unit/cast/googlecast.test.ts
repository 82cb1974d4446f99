import { describe, expect, it } from 'vitest';
import { fromCastMedia, fromTransportState } from '../../../main/services/cast/cast-drivers';
import { loadRequestMedia, mediaView, receiverView } from '../../../main/services/cast/googlecast';

const backdrop = { appId: 'E8C28D3C', displayName: 'Backdrop', sessionId: 's0', transportId: 't0', isIdleScreen: true };
const youtube = { appId: '233637DE', displayName: 'YouTube', sessionId: 's1', transportId: 't1', statusText: 'Casting: Les volcans' };
const dmr = { appId: 'CC1AD845', displayName: 'Default Media Receiver', sessionId: 's2', transportId: 't2' };

describe('receiverView', () => {
  it('is not busy on the idle screen or with nothing running', () => {
    expect(receiverView({ applications: [backdrop] })).toMatchObject({ busy: false, busyWith: null });
    expect(receiverView({})).toMatchObject({ busy: false, apps: [] });
    expect(receiverView(undefined)).toMatchObject({ busy: false, volume: null, muted: null });
  });

  it('is busy when another app runs, and names it', () => {
    expect(receiverView({ applications: [youtube], volume: { level: 0.4, muted: false } })).toMatchObject({ busy: true, busyWith: 'YouTube', volume: 0.4, muted: false });
  });

  it('does not count our own session as busy', () => {
    expect(receiverView({ applications: [dmr] }, 's2').busy).toBe(false);
    expect(receiverView({ applications: [dmr] }, 'other').busy).toBe(true);
  });

  it('sanitizes names from the network', () => {
    const view = receiverView({ applications: [{ ...youtube, displayName: 'You\u202eTube\u0007' }] });
    expect(view.busyWith).toBe('YouTube');
  });
});

describe('mediaView and driver states', () => {
  it('maps Cast player states', () => {
    expect(mediaView({ playerState: 'PLAYING', currentTime: 3.5, mediaSessionId: 1, media: { duration: 30 } })).toEqual({ state: 'PLAYING', idleReason: null, position: 3.5, duration: 30, mediaSessionId: 1 });
    expect(mediaView(undefined)).toEqual({ state: 'UNKNOWN', idleReason: null, position: null, duration: null, mediaSessionId: null });
    expect(fromCastMedia(mediaView({ playerState: 'IDLE', idleReason: 'FINISHED' })).state).toBe('finished');
    expect(fromCastMedia(mediaView({ playerState: 'IDLE', idleReason: 'CANCELLED' })).state).toBe('idle');
    expect(fromCastMedia(mediaView({ playerState: 'PAUSED' })).state).toBe('paused');
    expect(fromCastMedia(mediaView({ playerState: 'BUFFERING' })).state).toBe('buffering');
  });

  it('maps UPnP transport states', () => {
    expect(fromTransportState('PLAYING')).toBe('playing');
    expect(fromTransportState('PAUSED_PLAYBACK')).toBe('paused');
    expect(fromTransportState('TRANSITIONING')).toBe('buffering');
    expect(fromTransportState('STOPPED')).toBe('idle');
    expect(fromTransportState('NO_MEDIA_PRESENT')).toBe('idle');
    expect(fromTransportState('UNKNOWN')).toBe('unknown');
  });
});

describe('loadRequestMedia', () => {
  it('builds a BUFFERED LOAD with the MIME type and typed metadata', () => {
    expect(loadRequestMedia({ url: 'http://10.0.0.2:5000/cast/t/a.mp4', mime: 'video/mp4', kind: 'video', title: 'Film "1"' })).toEqual({
      contentId: 'http://10.0.0.2:5000/cast/t/a.mp4',
      contentUrl: 'http://10.0.0.2:5000/cast/t/a.mp4',
      contentType: 'video/mp4',
      streamType: 'BUFFERED',
      metadata: { type: 1, metadataType: 1, title: 'Film "1"' },
    });
    expect(loadRequestMedia({ url: 'u', mime: 'audio/mpeg', kind: 'audio', title: 't' }).metadata).toEqual({ type: 3, metadataType: 3, title: 't' });
    expect(loadRequestMedia({ url: 'u', mime: 'image/png', kind: 'pdf', title: 't' }).metadata).toEqual({ type: 4, metadataType: 4, title: 't' });
  });
});
