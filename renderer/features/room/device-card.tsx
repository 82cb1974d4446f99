import { memo, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { Device } from '../../../preload/contract/devices';
import { Card } from '../../ui/card';
import { Icon } from '../../ui/icon';
import { StatusPill, type PillTone } from '../../ui/status-pill';

const TONE: Record<Device['reachability'], PillTone> = { online: 'ok', offline: 'neutral', searching: 'busy', unknown: 'neutral' };

export function ReachabilityPill({ device }: { device: Device }) {
  const t = useT('home');
  return <StatusPill tone={TONE[device.reachability]}>{t(`reachability.${device.reachability}`)}</StatusPill>;
}

/** One device of the room: what it is, whether it answers, and (below) its one-click actions. */
export const DeviceCard = memo(function DeviceCard({ device, actions }: { device: Device; actions?: ReactNode }) {
  const t = useT('home');
  const titleId = `device-${device.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const model = [device.maker, device.model].filter(Boolean).join(' ');
  return (
    <Card as="li" className="device-card" aria-labelledby={titleId}>
      <div className="cn-card__header">
        <Icon name={device.kind} className="device-card__icon" />
        <div className="device-card__heading">
          {/* Names come from the network: React renders them as text, never as HTML. */}
          <h3 className="cn-card__title" id={titleId}>
            {device.name || t('unnamed')}
          </h3>
          <p className="cn-card__subtitle">
            {t(`kind.${device.kind}`)}
            {model ? ` · ${model}` : ''}
          </p>
          <ReachabilityPill device={device} />
        </div>
      </div>
      {actions ? <div className="device-card__actions">{actions}</div> : null}
    </Card>
  );
});
