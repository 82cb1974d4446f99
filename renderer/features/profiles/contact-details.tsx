import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../preload/contract/profiles';

/** http(s) only: a profile is data, and a "javascript:" help link must never become a link. */
function safeWebUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Whom to call: the IT contact of the profile (name, phone, e-mail, help site, hours). The values are
 * shown as text too, so a teacher can read the number aloud even where tel:/mailto: links do nothing.
 */
export function ContactDetails({ contact, compact = false }: { contact: ContactView | Omit<ContactView, 'organisation'> | null; compact?: boolean }) {
  const { t } = useTranslation('settings');
  if (!contact || (!contact.phone && !contact.email && !contact.helpUrl && !contact.name)) {
    return <p className="profile-contact profile-contact--none">{t('contact.none')}</p>;
  }
  const organisation = 'organisation' in contact ? contact.organisation : null;
  const help = safeWebUrl(contact.helpUrl);
  const items = [
    contact.phone ? (
      <li key="phone">
        <span className="profile-contact__label">{t('contact.phone')}</span> <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
      </li>
    ) : null,
    contact.email ? (
      <li key="email">
        <span className="profile-contact__label">{t('contact.email')}</span> <a href={`mailto:${contact.email}`}>{contact.email}</a>
      </li>
    ) : null,
    contact.helpUrl ? (
      <li key="help">
        <span className="profile-contact__label">{t('contact.help')}</span>{' '}
        {help ? (
          <a href={help} target="_blank" rel="noopener noreferrer">
            {contact.helpUrl}
          </a>
        ) : (
          contact.helpUrl
        )}
      </li>
    ) : null,
    contact.hours && !compact ? (
      <li key="hours">
        <span className="profile-contact__label">{t('contact.hours')}</span> {contact.hours}
      </li>
    ) : null,
  ].filter(Boolean);
  return (
    <div className="profile-contact">
      {contact.name || organisation ? <p className="profile-contact__who">{[contact.name, organisation].filter(Boolean).join(' — ')}</p> : null}
      {items.length > 0 ? <ul className="profile-contact__list">{items}</ul> : null}
    </div>
  );
}
