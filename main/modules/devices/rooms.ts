/**
 * Which room this laptop is in, and the list of rooms. The effective room is the `room` setting, whose
 * layers already express the product's rules: profile lock > the teacher's choice > the profile's
 * placement (subnet rule or default room, set by the profile service as a recommendation) > none.
 * On top of that, the teacher's choice is remembered per network ("la dernière salle choisie sur ce
 * réseau"): when the laptop moves to another network, the choice made there before comes back, or the
 * profile's placement applies again. The demo room joins the list while the demo mode is on.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Room, RoomChoice } from '../../../preload/contract/devices';
import type { SettingsService } from '../../services/settings/settings-service';
import type { ProfileService } from '../../services/profiles/profile-service';
import { TypedEmitter } from '../../services/core/emitter';
import type { Logger } from '../../services/core/logger';
import { writeFileAtomic } from '../../services/profiles/files';
import { DEMO_ROOM_ID } from '../../services/simulator/demo-classroom';

export interface RoomsView {
  rooms: Room[];
  currentRoom: string | null;
  roomChoice: RoomChoice;
}

type Events = { changed: RoomsView };

const MAX_REMEMBERED = 64;

export class RoomManager extends TypedEmitter<Events> {
  private demoRoom: Room | null = null;
  private network: string | null = null;
  private remembered: Record<string, string> = {};
  private last: string = '';

  constructor(
    private readonly options: {
      settings: SettingsService;
      profiles: ProfileService;
      userDataDir: string;
      logger: Logger;
    },
  ) {
    super();
  }

  private get file(): string {
    return join(this.options.userDataDir, 'room-choices.json');
  }

  async load(): Promise<void> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && k.length < 512 && v.length <= 128) this.remembered[k] = v;
      }
    } catch {
      // none yet, or unreadable: start afresh (it is only a convenience)
    }
  }

  rooms(): Room[] {
    const list = this.options.profiles.rooms();
    return this.demoRoom ? [this.demoRoom, ...list.filter((r) => r.id !== DEMO_ROOM_ID)] : list;
  }

  view(): RoomsView {
    const rooms = this.rooms();
    const settingsView = this.options.settings.view();
    let current = settingsView.values.room;
    if (current !== null && !rooms.some((r) => r.id === current)) current = null;
    // One room only: nothing to ask.
    if (current === null && rooms.length === 1) current = rooms[0]!.id;
    let choice: RoomChoice;
    if (current === null) choice = 'ask';
    else if (current === DEMO_ROOM_ID) choice = 'demo';
    else {
      const source = settingsView.sources.room;
      if (source === 'locked') choice = 'profile';
      else if (source === 'recommended') choice = this.options.profiles.placementRoom().via === 'subnet' ? 'subnet' : 'profile';
      else if (source === 'user') choice = this.network && this.remembered[this.network] === current ? 'remembered' : 'user';
      else choice = 'profile';
    }
    return { rooms, currentRoom: current, roomChoice: choice };
  }

  /** Re-emits when something that feeds the view changed (settings, profile, demo, network). */
  refresh(): void {
    const view = this.view();
    const key = JSON.stringify(view);
    if (key === this.last) return;
    this.last = key;
    this.emit('changed', view);
  }

  /** The teacher chose a room (null: "je ne sais pas"). Remembered for this network. */
  async choose(room: string | null): Promise<RoomsView> {
    if (room === null) await this.options.settings.reset('room');
    else await this.options.settings.set({ room });
    if (this.network && room && room !== DEMO_ROOM_ID) {
      this.remembered[this.network] = room;
      const keys = Object.keys(this.remembered);
      if (keys.length > MAX_REMEMBERED) delete this.remembered[keys[0]!];
      await writeFileAtomic(this.file, JSON.stringify(this.remembered, null, 2)).catch((e: unknown) => this.options.logger.warn(`room choices not saved: ${String(e)}`));
    }
    this.refresh();
    return this.view();
  }

  /** The laptop is on another network: bring back the room chosen there, or let the profile place it. */
  async networkChanged(signature: string | null): Promise<void> {
    if (signature === this.network) return;
    const first = this.network === null;
    this.network = signature;
    this.options.profiles.refreshPlacement();
    const settingsView = this.options.settings.view();
    if (settingsView.sources.room === 'locked' || settingsView.values.room === DEMO_ROOM_ID) return this.refresh();
    const remembered = signature ? this.remembered[signature] : undefined;
    if (remembered && this.rooms().some((r) => r.id === remembered)) {
      if (settingsView.values.room !== remembered) await this.options.settings.set({ room: remembered });
    } else if (!first && settingsView.sources.room === 'user') {
      // A choice made on another network does not follow the laptop: the profile's placement applies.
      await this.options.settings.reset('room');
    }
    this.refresh();
  }

  /** Demo mode on: the demo room is added and chosen; off: it goes and the previous room comes back. */
  async setDemo(room: Room | null, previousRoom: string | null): Promise<void> {
    this.demoRoom = room;
    const settingsView = this.options.settings.view();
    if (settingsView.sources.room !== 'locked') {
      if (room) await this.options.settings.set({ room: room.id });
      else if (settingsView.values.room === DEMO_ROOM_ID) {
        if (previousRoom && previousRoom !== DEMO_ROOM_ID) await this.options.settings.set({ room: previousRoom });
        else await this.options.settings.reset('room');
      }
    }
    this.refresh();
  }
}
