import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileStatus } from '../../../preload/contract/profiles';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog } from '../../ui/dialog';
import { StatusPill, type PillTone } from '../../ui/status-pill';
import { ContactDetails } from './contact-details';
import './profiles.css';
import { ImportForm } from './import-form';

const STATE_TONE: Record<ProfileStatus['state'], PillTone> = { none: 'neutral', ok: 'ok', fallback: 'warning', invalid: 'error' };

/**
 * « Profil de configuration »: where the profile in force comes from, whether it is valid and signed,
 * the organisation and whom to call; what is wrong when the latest one was refused; import and removal
 * of an imported profile (not on a computer managed by IT).
 */
export function ProfileSection() {
  const { t, i18n } = useTranslation('settings');
  const overview = useStore((s) => s.profile);
  const removeImported = useStore((s) => s.removeImportedProfile);
  const pushToast = useStore((s) => s.pushToast);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  if (!overview) return null;
  const { status } = overview;
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  // A managed file (or its online profile) is in force or was just refused: IT installs profiles here.
  const managed = status.source === 'managed' || status.source === 'remote' || status.problem?.source === 'managed' || status.problem?.source === 'remote';

  async function remove() {
    setRemoving(true);
    const ok = await removeImported();
    setRemoving(false);
    setConfirming(false);
    if (ok) pushToast({ level: 'success', messageKey: 'settings:remove.done' });
  }

  return (
    <Card as="section" aria-labelledby="settings-profile" className="settings-section">
      <h2 id="settings-profile">{t('sections.profile')}</h2>
      {status.state === 'none' && !status.problem ? <p className="cn-muted">{t('profile.intro')}</p> : null}
      <dl className="settings-facts">
        <div>
          <dt>{t('profile.source')}</dt>
          <dd>{t(`profile.source_${status.source ?? 'none'}`)}</dd>
        </div>
        <div>
          <dt>{t('profile.state')}</dt>
          <dd>
            <StatusPill tone={STATE_TONE[status.state]}>{t(`profile.state_${status.state}`)}</StatusPill>
          </dd>
        </div>
        {status.signature ? (
          <div>
            <dt>{t('profile.signature')}</dt>
            <dd>{status.signature.state === 'valid' ? t('profile.signatureValid', { keyId: status.signature.keyId ?? '?' }) : t('profile.unsigned')}</dd>
          </div>
        ) : null}
        {status.organisation ? (
          <div>
            <dt>{t('profile.organisation')}</dt>
            <dd>{status.organisation}</dd>
          </div>
        ) : null}
        {status.location ? (
          <div>
            <dt>{t('profile.location')}</dt>
            <dd className="settings-facts__path">{status.location}</dd>
          </div>
        ) : null}
      </dl>

      {status.problem ? (
        <div className="settings-problem">
          <h3>{t('profile.problem')}</h3>
          <p>{t(`errors:${status.problem.code}`, { ...status.problem.params, defaultValue: t('errors:profiles.unreadable') })}</p>
          {status.problem.issues.length > 0 || status.problem.detail ? (
            <details className="settings-details">
              <summary>{t('profile.issues', { count: Math.max(status.problem.issueCount, 1) })}</summary>
              <p className="settings-facts__path">{status.problem.location}</p>
              <ul className="profile-issues">
                {status.problem.issues.map((issue, i) => (
                  <li key={i}>{t('profile.issueLine', { line: issue.line, column: issue.column, text: issue.text[lang] })}</li>
                ))}
                {status.problem.detail ? <li>{status.problem.detail}</li> : null}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}

      {status.contact || status.state !== 'none' ? (
        <div className="settings-contact">
          <h3>{t('profile.contact')}</h3>
          <ContactDetails contact={status.contact} />
        </div>
      ) : null}

      {overview.secrets.plainTextFallback ? (
        <Banner tone="warning">
          <p>
            <strong>{t('profile.plaintext')}</strong>
          </p>
          <p>{t('errors:secrets.plaintext_fallback')}</p>
        </Banner>
      ) : null}

      {managed ? <p className="cn-muted">{t('profile.managedNote')}</p> : <ImportForm />}

      {/* Also when the imported profile itself was refused (a revoked key…): the teacher can take it away. */}
      {status.source === 'imported' || status.problem?.source === 'imported' ? (
        <div className="settings-actions">
          <Button variant="danger" icon="close" onClick={() => setConfirming(true)}>
            {t('remove.button')}
          </Button>
        </div>
      ) : null}
      <Dialog
        open={confirming}
        title={t('remove.confirmTitle')}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common:cancel')}</Button>
            <Button variant="danger" busy={removing} disabled={removing} onClick={() => void remove()}>
              {t('remove.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('remove.confirmBody')}</p>
      </Dialog>
    </Card>
  );
}
