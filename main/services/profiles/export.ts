/**
 * "Exporter un profil depuis ce poste" and `classe profile export`: the rooms and devices this laptop
 * knows (the profile's inventory plus what discovery found outside it) as a profile draft.
 *
 * Passwords: the UI never asks for them (they must not cross the contract); only the CLI may, with
 * --include-passwords, and then writes the file itself. Either way the caller learns how many known
 * passwords were left out, so IT knows the draft needs them added before deployment.
 */
import type { Device, Room } from '../../../preload/contract/devices';
import type { InventoryEntry } from '../devices/report';
import type { PjlinkPasswordLookup } from '../secrets/pjlink-passwords';
import { buildProfileDraft, type DraftResult } from './draft';
import type { Profile } from './schema';

export interface DraftSources {
  /** The profile in force (its organisation, features and settings are kept). */
  profile(): Profile | null;
  rooms(): Room[];
  inventory(): InventoryEntry[];
}

export interface ExportedDraft extends DraftResult {
  rooms: number;
  devices: number;
  /** Known passwords that are not in `text`. */
  passwordsLeftOut: number;
}

export async function exportProfileDraft(input: {
  profiles: DraftSources;
  /** Devices from the registry; those that came from the inventory are already covered by it. */
  devices?: readonly Device[];
  /** Rooms found outside the profile (the registry's). */
  extraRooms?: readonly Room[];
  passwordFor: PjlinkPasswordLookup;
  includePasswords: boolean;
}): Promise<ExportedDraft> {
  const inventory = input.profiles.inventory();
  const discovered = (input.devices ?? []).filter((d) => !d.inInventory);
  const rooms = [...input.profiles.rooms(), ...(input.extraRooms ?? [])];
  const common = { rooms, devices: [...inventory, ...discovered], current: input.profiles.profile(), passwordFor: input.passwordFor };
  // Built once with the passwords to count them; the text returned has them only when asked.
  const withPasswords = await buildProfileDraft({ ...common, includePasswords: true });
  const draft = input.includePasswords ? withPasswords : await buildProfileDraft({ ...common, includePasswords: false });
  const schools = draft.profile.schools ?? [];
  return {
    ...draft,
    rooms: schools.reduce((n, s) => n + s.rooms.length, 0),
    devices: schools.reduce((n, s) => n + s.rooms.reduce((m, r) => m + r.devices.length, 0), 0),
    passwordsLeftOut: withPasswords.passwordsIncluded - draft.passwordsIncluded,
  };
}
