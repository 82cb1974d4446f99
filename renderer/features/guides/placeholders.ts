import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceholderName } from '../../../preload/contract/guide-document';
import type { ProfileOverview } from '../../../preload/contract/profiles';
import { useStore } from '../../store';

export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

/**
 * The values of `{{it.contact}}`, `{{it.phone}}`, `{{room.name}}`… in guides, from the IT profile (its
 * contact, also read from a refused profile so a teacher still knows whom to call) and the room chosen
 * in Réglages. What the profile does not say stays empty here: the guide then shows the catalog's
 * fallback (« votre service informatique… »), never a blank.
 */
export function placeholderValues(
  profile: Pick<ProfileOverview, 'status' | 'summary'> | null,
  roomId: string | null,
  text: { contact: (who: string, details: string) => string; contactDetails: (details: string) => string },
): PlaceholderValues {
  const values: PlaceholderValues = {};
  const contact = profile?.status.contact ?? null;
  const who = contact?.name ?? contact?.organisation ?? profile?.summary?.organisation.name ?? null;
  if (who) values['it.name'] = who;
  if (contact?.phone) values['it.phone'] = contact.phone;
  if (contact?.email) values['it.email'] = contact.email;
  const details = [contact?.phone, contact?.email].filter((x): x is string => Boolean(x)).join(', ');
  if (who && details) values['it.contact'] = text.contact(who, details);
  else if (who) values['it.contact'] = who;
  else if (details) values['it.contact'] = text.contactDetails(details);
  if (roomId) {
    const room = profile?.summary?.schools.flatMap((s) => s.rooms).find((r) => r.id === roomId);
    if (room) values['room.name'] = room.name;
  }
  return values;
}

export function usePlaceholderValues(): PlaceholderValues {
  const { t } = useTranslation('guides');
  const profile = useStore((s) => s.profile);
  const roomId = useStore((s) => s.settings?.values.room ?? null);
  return useMemo(
    () =>
      placeholderValues(profile, roomId, {
        contact: (who, details) => t('placeholder.contact', { who, details }),
        contactDetails: (details) => t('placeholder.contactDetails', { details }),
      }),
    [profile, roomId, t],
  );
}
