import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { api } from '../../store/api';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Icon } from '../../ui/icon';
import { ProjectorControls } from '../projector/projector-controls';
import { DemoPanel } from '../projector/demo-panel';
import { ReachabilityPill } from './device-card';
import { codeLabel } from '../projector/input-name';

/** « Détails »: everything about one device, for the teacher who asks and for IT on the phone. */
export function DevicePage({ id }: { id: string }) {
  const { t } = useTranslation(['home', 'projector', 'pjlink']);
  const device = useStore((s) => s.devicesById[id]);
  const status = useStore((s) => s.projectorStatus[id]);
  const navigate = useStore((s) => s.navigate);
  const pushError = useStore((s) => s.pushError);
  const loadStatus = useStore((s) => s.loadProjectorStatus);
  const devicesLoaded = useStore((s) => s.devicesLoaded);

  useEffect(() => {
    if (device?.capabilities.includes('pjlink')) void loadStatus(id, true);
  }, [id, device?.capabilities, loadStatus]);

  if (!device) {
    return devicesLoaded ? (
      <EmptyState icon="unknown" title={t('home:deviceGone')}>
        <Button onClick={() => navigate({ name: 'home' })}>{t('common:nav.home')}</Button>
      </EmptyState>
    ) : null;
  }
  const isPjlink = device.capabilities.includes('pjlink');
  return (
    <>
      <div className="page-header">
        <Button variant="ghost" icon="back" onClick={() => navigate({ name: 'home' })}>
          {t('common:nav.home')}
        </Button>
        <h1>
          <Icon name={device.kind} className="device-card__icon" /> {device.name || t('home:unnamed')}
        </h1>
        <ReachabilityPill device={device} />
      </div>
      <div className="device-page">
        {isPjlink ? (
          <Card as="section" aria-labelledby="controls-title">
            <h2 id="controls-title">{t('projector:controls')}</h2>
            <ProjectorControls device={device} />
          </Card>
        ) : null}
        <Card as="section" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('projector:facts')}</h2>
          <dl className="facts">
            <dt>{t('projector:fact.kind')}</dt>
            <dd>{t(`home:kind.${device.kind}`)}</dd>
            {device.maker || device.model ? (
              <>
                <dt>{t('projector:fact.model')}</dt>
                <dd>{[device.maker, device.model].filter(Boolean).join(' ')}</dd>
              </>
            ) : null}
            {status?.power ? (
              <>
                <dt>{t('projector:fact.power')}</dt>
                <dd>{t(`pjlink:power.${status.power}`)}</dd>
              </>
            ) : null}
            {status?.input ? (
              <>
                <dt>{t('projector:fact.source')}</dt>
                <dd>{codeLabel(t, status.input, undefined)}</dd>
              </>
            ) : null}
            {status?.resolution ? (
              <>
                <dt>{t('projector:fact.resolution')}</dt>
                <dd>
                  {status.resolution.width} × {status.resolution.height}
                </dd>
              </>
            ) : null}
            {status?.hasLamp === false ? (
              <>
                <dt>{t('pjlink:component.lamp')}</dt>
                <dd>{t('pjlink:no_lamp')}</dd>
              </>
            ) : status?.lampHours !== null && status?.lampHours !== undefined ? (
              <>
                <dt>{t('pjlink:component.lamp')}</dt>
                <dd>{t('pjlink:lamp_hours', { hours: status.lampHours })}</dd>
              </>
            ) : null}
            {status?.filterHours !== null && status?.filterHours !== undefined ? (
              <>
                <dt>{t('pjlink:component.filter')}</dt>
                <dd>{t('pjlink:filter_hours', { hours: status.filterHours })}</dd>
              </>
            ) : null}
            <dt>{t('projector:fact.address')}</dt>
            <dd>{device.host ?? device.addresses[0] ?? '—'}</dd>
            <dt>{t('projector:fact.ways')}</dt>
            <dd>{device.capabilities.map((c) => t(`projector:capability.${c}`)).join(', ') || '—'}</dd>
          </dl>
        </Card>
        {isPjlink && (status?.problem?.code === 'pjlink.auth_failed' || status?.problem?.code === 'pjlink.password_required') ? <PasswordForm deviceId={id} /> : null}
        {device.sources.includes('demo') ? <DemoPanel device={device} /> : null}
        {!device.inInventory && !device.sources.includes('demo') ? (
          <Button
            icon="close"
            onClick={async () => {
              const r = await api().devices.remove({ id });
              if (r.ok) navigate({ name: 'home' });
              else pushError(r.error);
            }}
          >
            {t('projector:remove')}
          </Button>
        ) : null}
      </div>
    </>
  );
}

/** The PJLink password of a projector, typed by IT: stored in main, never shown again. */
function PasswordForm({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation('projector');
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);
  const pushError = useStore((s) => s.pushError);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api().secrets.setPjlinkPassword({ deviceId, password });
    setPassword('');
    if (!r.ok) return pushError(r.error);
    setSaved(true);
    void useStore.getState().loadProjectorStatus(deviceId, true);
  };
  return (
    <Card as="section" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <p>{t('password.body')}</p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="pjlink-password">{t('password.label')}</label>
        <input id="pjlink-password" className="input" type="password" autoComplete="off" value={password} maxLength={32} onChange={(e) => setPassword(e.target.value)} />
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={password.length === 0}>
            {t('password.save')}
          </Button>
        </div>
        {saved ? <p role="status">{t('password.saved')}</p> : null}
      </form>
    </Card>
  );
}
