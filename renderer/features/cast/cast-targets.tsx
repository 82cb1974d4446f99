import { useTranslation } from 'react-i18next';
import type { CastReceiver, WirelessReceiver } from '../../../preload/contract/cast';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { Icon } from '../../ui/icon';
import { StatusPill } from '../../ui/status-pill';
import { CastError } from './cast-error';
import { CastSession } from './cast-session';
import { PresentationControls } from './presentation-controls';
import { WebPageForm } from './web-page-form';

function ReceiverCard({ receiver, highlighted }: { receiver: CastReceiver; highlighted: boolean }) {
  const { t } = useTranslation('cast');
  const file = useStore((s) => s.chosen.file);
  const status = useStore((s) => s.casts[receiver.deviceId]);
  const starting = useStore((s) => s.castStarting[receiver.deviceId] === true);
  const error = useStore((s) => s.castStartError[receiver.deviceId] ?? null);
  const currentRoom = useStore((s) => s.currentRoom);
  const start = useStore((s) => s.startCast);
  const dismiss = useStore((s) => s.dismissCastError);
  const titleId = `cast-target-${receiver.deviceId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const canCast = file !== null && file.castable;
  return (
    <li className={`cn-card cast-target${highlighted ? ' cast-target--highlighted' : ''}`} aria-labelledby={titleId}>
      <div className="cn-card__header">
        <Icon name={receiver.kind} className="device-card__icon" />
        <div className="device-card__heading">
          <h3 className="cn-card__title" id={titleId}>
            {receiver.name}
          </h3>
          <p className="cn-card__subtitle">
            {receiver.protocols.map((p) => t(`targets.protocol.${p}`)).join(' · ')}
            {currentRoom !== null && receiver.room !== null && receiver.room !== currentRoom ? ` · ${t('targets.elsewhere')}` : ''}
          </p>
          {receiver.busy ? <StatusPill tone="warning">{t('targets.busy')}</StatusPill> : null}
        </div>
      </div>
      <div className="button-row">
        <Button variant="primary" icon="cast" busy={starting} disabled={!canCast || starting} onClick={() => void start(receiver.deviceId)} aria-label={t('targets.castOn', { name: receiver.name })}>
          {t('targets.cast')}
        </Button>
      </div>
      {error?.code === 'cast.busy' ? (
        <CastError
          tone="warning"
          error={error}
          onDismiss={() => dismiss(receiver.deviceId)}
          actions={
            <Button variant="primary" onClick={() => void start(receiver.deviceId, { takeOver: true })}>
              {t('session.takeOver')}
            </Button>
          }
        />
      ) : error ? (
        <CastError error={error} onDismiss={() => dismiss(receiver.deviceId)} />
      ) : null}
      {status ? <CastSession status={status} /> : null}
    </li>
  );
}

function WiredCard() {
  const { t } = useTranslation('cast');
  const available = useStore((s) => s.display?.presentationAvailable === true);
  const file = useStore((s) => s.chosen.file);
  const present = useStore((s) => s.startPresentation);
  return (
    <li className="cn-card cast-target" aria-labelledby="cast-target-wired">
      <div className="cn-card__header">
        <Icon name="projector" className="device-card__icon" />
        <div className="device-card__heading">
          <h3 className="cn-card__title" id="cast-target-wired">
            {t('targets.wired')}
          </h3>
          <p className="cn-card__subtitle">{available ? t('targets.wiredHint') : t('targets.wiredUnavailable')}</p>
        </div>
      </div>
      {available ? (
        <div className="button-row">
          <Button variant="primary" icon="present" disabled={!file?.presentable} onClick={() => void present()}>
            {t('targets.present')}
          </Button>
        </div>
      ) : null}
      {available ? <WebPageForm /> : null}
      {available ? <PresentationControls /> : null}
    </li>
  );
}

function WirelessCard({ receiver }: { receiver: WirelessReceiver }) {
  const { t } = useTranslation('cast');
  const open = useStore((s) => s.openWireless);
  const titleId = `cast-wireless-${receiver.deviceId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li className="cn-card cast-target" aria-labelledby={titleId}>
      <div className="cn-card__header">
        <Icon name={receiver.kind} className="device-card__icon" />
        <div className="device-card__heading">
          <h3 className="cn-card__title" id={titleId}>
            {receiver.name}
          </h3>
          <p className="cn-card__subtitle">{receiver.protocols.map((p) => t(`targets.wirelessProtocol.${p}`)).join(' · ')}</p>
        </div>
      </div>
      <div className="button-row">
        <Button icon="cast" onClick={() => void open(receiver.deviceId)} aria-label={t('targets.wirelessOn', { name: receiver.name })}>
          {t('targets.wireless')}
        </Button>
      </div>
    </li>
  );
}

/** « 2. L'écran »: the projector by cable, the Cast/DLNA screens, and the mirroring receivers. */
export function CastTargetsList({ preferred }: { preferred: string | null }) {
  const { t } = useTranslation('cast');
  const targets = useStore((s) => s.castTargets);
  const currentRoom = useStore((s) => s.currentRoom);
  const file = useStore((s) => s.chosen.file);
  const receivers = [...(targets?.receivers ?? [])].sort((a, b) => {
    const rank = (r: CastReceiver) => (r.deviceId === preferred ? 0 : r.room === currentRoom ? 1 : 2);
    return rank(a) - rank(b) || a.name.localeCompare(b.name);
  });
  return (
    <>
      {!file ? <p className="cast-hint">{t('targets.chooseFileFirst')}</p> : !file.castable ? <p className="cast-hint">{t('targets.notCastable')}</p> : !file.presentable ? <p className="cast-hint">{t('targets.notPresentable')}</p> : null}
      <ul className="cast-targets" aria-label={t('targets.title')}>
        <WiredCard />
        {receivers.map((r) => (
          <ReceiverCard key={r.deviceId} receiver={r} highlighted={r.deviceId === preferred} />
        ))}
      </ul>
      {targets && receivers.length === 0 ? <p className="cast-hint">{t('targets.none')}</p> : null}
      {targets && targets.wireless.length > 0 ? (
        <section aria-labelledby="cast-wireless-title" className="cast-wireless">
          <h3 id="cast-wireless-title">{t('targets.wirelessTitle')}</h3>
          <p className="cast-hint">{t('targets.wirelessHint')}</p>
          <ul className="cast-targets">
            {targets.wireless.map((w) => (
              <WirelessCard key={w.deviceId} receiver={w} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
