import { describe, expect, it } from 'vitest';
import type { Device } from '../../../preload/contract/devices';
import { CastStatusView } from '../../../preload/contract/cast';
import { castTargetsOf, toCastStatusView } from '../../../main/modules/cast/cast-module';
import { planWirelessOpen, wirelessProtocolsOf, WINDOWS_CONNECT_URI } from '../../../main/services/cast/wireless';
import type { CastStatus } from '../../../main/services/cast/cast-service';

function device(patch: Partial<Device>): Device {
  return {
    id: 'd1',
    name: 'Écran',
    kind: 'screen',
    maker: null,
    model: null,
    room: 'salle-12',
    host: '10.0.5.20',
    addresses: ['10.0.5.20'],
    mac: null,
    capabilities: [],
    sources: ['mdns'],
    reachability: 'online',
    lastSeen: 1,
    inInventory: false,
    endpoints: {},
    ...patch,
  };
}

const tv = device({ id: 'tv', name: 'TV CM2', capabilities: ['googlecast', 'dlna'], endpoints: { googlecast: { port: 8009, castId: 'abc', busy: true }, dlna: { location: 'http://10.0.5.21:7676/d.xml' } } });
const board = device({ id: 'board', name: 'Tableau ViewSonic', kind: 'cast-receiver', capabilities: ['miracast', 'airplay'], endpoints: { miracast: { port: 7250 }, airplay: { port: 7000, deviceId: null } } });
const projector = device({ id: 'vp', name: 'Vidéoprojecteur', kind: 'projector', capabilities: ['pjlink'], endpoints: { pjlink: { port: 4352, class: 1, authRequired: false } } });

describe('castTargetsOf (the « Projeter » targets from the registry)', () => {
  it('lists Cast/DLNA receivers with their protocols and busy flag, mirroring receivers apart, projectors nowhere', () => {
    expect(castTargetsOf([tv, board, projector], 'win32')).toEqual({
      receivers: [{ deviceId: 'tv', name: 'TV CM2', kind: 'screen', room: 'salle-12', protocols: ['googlecast', 'dlna'], busy: true }],
      wireless: [{ deviceId: 'board', name: 'Tableau ViewSonic', kind: 'cast-receiver', room: 'salle-12', protocols: ['miracast', 'airplay'] }],
    });
  });

  it('puts AirPlay first on a Mac', () => {
    expect(castTargetsOf([board], 'darwin').wireless[0]!.protocols).toEqual(['airplay', 'miracast']);
    expect(wirelessProtocolsOf(['pjlink'], 'linux')).toEqual([]);
  });
});

describe('toCastStatusView', () => {
  const status: CastStatus = {
    castId: 'c1',
    targetKey: 'tv',
    targetName: 'TV CM2',
    protocol: 'googlecast',
    file: { name: 'leçon.pdf', kind: 'pdf', mime: 'application/pdf', size: 1234 },
    state: 'playing',
    statusKey: 'cast.status.playing',
    position: Number.NaN,
    duration: 12.5,
    page: { index: 0, count: 3 },
    error: null,
    endReason: null,
    updatedAt: 42,
  };

  it('gives 1-based pages, the device id, drops non-finite positions, and fits the contract', () => {
    const view = toCastStatusView(status);
    expect(view).toMatchObject({ castId: 'c1', deviceId: 'tv', page: { number: 1, count: 3 }, position: null, duration: 12.5 });
    expect(CastStatusView.safeParse(view).success).toBe(true);
    expect(CastStatusView.safeParse(toCastStatusView({ ...status, position: -1, page: null, state: 'error', endReason: 'receiver-lost', error: { code: 'cast.receiver_lost', guide: 'guide:wireless' } })).success).toBe(true);
  });
});

describe('planWirelessOpen (« Projeter sans fil »)', () => {
  it('Windows + Miracast: the Connect panel (Windows + K) through explorer and its ms-settings URI, not waited for', () => {
    expect(planWirelessOpen({ platform: 'win32', protocols: ['miracast'], env: { SystemRoot: 'D:\\Windows' } })).toEqual({
      method: 'windows-connect',
      command: { file: 'D:\\Windows\\explorer.exe', args: [WINDOWS_CONNECT_URI], wait: false },
    });
  });

  it('macOS + AirPlay: the Displays settings (new URL since Ventura, old before)', () => {
    expect(planWirelessOpen({ platform: 'darwin', protocols: ['airplay'], env: {}, darwinMajor: 23 }).command).toMatchObject({ file: '/usr/bin/open', args: ['x-apple.systempreferences:com.apple.Displays-Settings.extension'], wait: false });
    expect(planWirelessOpen({ platform: 'darwin', protocols: ['airplay'], env: {}, darwinMajor: 21 }).command?.args).toEqual(['x-apple.systempreferences:com.apple.preference.displays']);
  });

  it('everything the OS cannot reach (Linux, AirPlay from Windows, Miracast from a Mac): the guide only', () => {
    expect(planWirelessOpen({ platform: 'linux', protocols: ['miracast', 'airplay'], env: {} })).toEqual({ method: 'guide', command: null });
    expect(planWirelessOpen({ platform: 'win32', protocols: ['airplay'], env: {} })).toEqual({ method: 'guide', command: null });
    expect(planWirelessOpen({ platform: 'darwin', protocols: ['miracast'], env: {} })).toEqual({ method: 'guide', command: null });
  });
});
