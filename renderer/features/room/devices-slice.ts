import type { StateCreator } from 'zustand';
import type { Device, DeviceList, DevicesChanged, Room, RoomChoice, RoomsChanged, ScanState } from '../../../preload/contract/devices';
import { api } from '../../store/api';
import type { RootState } from '../../store';

export interface DevicesSlice {
  /** Devices by id; an update replaces only the devices that changed (cards re-render only for those). */
  devicesById: Record<string, Device>;
  rooms: Room[];
  currentRoom: string | null;
  roomChoice: RoomChoice;
  /** null until main has answered: the UI shows "recherche…" from the first millisecond. */
  scan: ScanState | null;
  devicesLoaded: boolean;
  loadDevices(): Promise<void>;
  receiveDeviceList(list: DeviceList): void;
  applyDeviceChanges(batch: DevicesChanged): void;
  receiveRooms(rooms: RoomsChanged): void;
  receiveScan(scan: ScanState): void;
  refreshDevices(probe?: boolean): Promise<void>;
  addDevice(host: string, name?: string): Promise<Device | null>;
  chooseRoom(room: string | null): Promise<void>;
}

export const devicesInitialState = {
  devicesById: {} as Record<string, Device>,
  rooms: [] as Room[],
  currentRoom: null as string | null,
  roomChoice: 'ask' as RoomChoice,
  scan: null as ScanState | null,
  devicesLoaded: false,
};

export const createDevicesSlice: StateCreator<RootState, [], [], DevicesSlice> = (set, get) => ({
  ...devicesInitialState,
  async loadDevices() {
    const r = await api().devices.list();
    if (r.ok) get().receiveDeviceList(r.value);
    else get().pushError(r.error);
  },
  receiveDeviceList(list) {
    set({
      devicesById: Object.fromEntries(list.devices.map((d) => [d.id, d])),
      rooms: list.rooms,
      currentRoom: list.currentRoom,
      roomChoice: list.roomChoice,
      scan: list.scan,
      devicesLoaded: true,
    });
  },
  applyDeviceChanges(batch) {
    if (batch.upserted.length === 0 && batch.removed.length === 0) return;
    const next = { ...get().devicesById };
    for (const d of batch.upserted) next[d.id] = d;
    for (const id of batch.removed) delete next[id];
    set({ devicesById: next });
  },
  receiveRooms({ rooms, currentRoom, roomChoice }) {
    set({ rooms, currentRoom, roomChoice });
  },
  receiveScan(scan) {
    set({ scan });
  },
  async refreshDevices(probe = false) {
    const previous = get().scan;
    // Visible at once; main's answer and events confirm.
    set({ scan: { scanning: true, startedAt: Date.now(), problem: null, sources: previous?.sources ?? { mdns: 'running', pjlinkSearch: 'running', probe: probe ? 'running' : 'off', inventory: 'running', ssdp: 'running' } } });
    const r = await api().devices.refresh({ probe });
    if (r.ok) set({ scan: r.value });
    else {
      set({ scan: previous });
      get().pushError(r.error);
    }
  },
  async addDevice(host, name) {
    const r = await api().devices.add(name ? { host, name } : { host });
    if (r.ok) {
      get().applyDeviceChanges({ upserted: [r.value], removed: [] });
      return r.value;
    }
    get().pushError(r.error);
    return null;
  },
  async chooseRoom(room) {
    set({ currentRoom: room, roomChoice: 'user' });
    const r = await api().devices.chooseRoom({ room });
    if (r.ok) get().receiveRooms(r.value);
    else get().pushError(r.error);
  },
});

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const KIND_ORDER: Record<Device['kind'], number> = { 'interactive-projector': 0, projector: 1, screen: 2, 'cast-receiver': 3, unknown: 4 };

/** The room's devices first by kind (projectors first), then by name. */
export function sortDevices(devices: Device[]): Device[] {
  return [...devices].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/**
 * Splits devices for « Ma salle »: this room's (listed by IT or chosen), those found on the network but
 * not attached to any room ("à proximité"), and the other rooms' (one click away). With no room chosen,
 * everything unattached is "here".
 */
export function splitByRoom(byId: Record<string, Device>, room: string | null): { here: Device[]; nearby: Device[]; elsewhere: Device[] } {
  const here: Device[] = [];
  const nearby: Device[] = [];
  const elsewhere: Device[] = [];
  for (const d of Object.values(byId)) {
    if (d.room !== null && d.room === room) here.push(d);
    else if (d.room === null) (room === null ? here : nearby).push(d);
    else elsewhere.push(d);
  }
  return { here: sortDevices(here), nearby: sortDevices(nearby), elsewhere: sortDevices(elsewhere) };
}
