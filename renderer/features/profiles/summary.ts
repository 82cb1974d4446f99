import type { ProfileSummary } from '../../../preload/contract/profiles';

export type SummaryRoom = ProfileSummary['schools'][number]['rooms'][number] & { school: string };

/** Every room of the profile, with its school's name. */
export function profileRooms(summary: ProfileSummary | null | undefined): SummaryRoom[] {
  return (summary?.schools ?? []).flatMap((school) => school.rooms.map((room) => ({ ...room, school: school.name })));
}

export function findRoom(summary: ProfileSummary | null | undefined, id: string | null): SummaryRoom | null {
  if (id === null) return null;
  return profileRooms(summary).find((r) => r.id === id) ?? null;
}
