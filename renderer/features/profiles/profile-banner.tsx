import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { formatRoute } from '../../app/router';
import { ContactDetails } from './contact-details';
import './profiles.css';

/**
 * Shown above every page while the IT profile has a problem (invalid, untrusted signature, online
 * profile unreachable): what is wrong in plain words and whom to call. With a last good profile in
 * force it is a warning (things keep working as before); without one, an error.
 */
export function ProfileBanner() {
  const { t } = useTranslation('settings');
  const status = useStore((s) => s.profile?.status ?? null);
  const onSettings = useStore((s) => s.route.name === 'settings');
  if (!status?.problem) return null;
  const { problem } = status;
  const tone = status.state === 'invalid' ? 'error' : 'warning';
  return (
    <div className="app-profile-banner">
      <Banner tone={tone} role={tone === 'error' ? 'alert' : 'status'}>
        <p className="profile-banner__title">
          <strong>{t(status.state === 'fallback' ? 'banner.fallbackTitle' : 'banner.invalidTitle')}</strong>
        </p>
        <p>{t(`errors:${problem.code}`, { ...problem.params, defaultValue: t('errors:profiles.unreadable') })}</p>
        <p className="profile-banner__whom">{t('banner.whom')}</p>
        <ContactDetails contact={status.contact} compact />
        {onSettings ? null : (
          <p>
            <a href={formatRoute({ name: 'settings' })}>{t('banner.details')}</a>
          </p>
        )}
      </Banner>
    </div>
  );
}
