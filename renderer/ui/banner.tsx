import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

export type BannerTone = 'info' | 'warning' | 'error' | 'success';

const ICONS: Record<BannerTone, IconName> = { info: 'info', warning: 'warning', error: 'warning', success: 'check' };

export function Banner({ tone, children, actions, role }: { tone: BannerTone; children: ReactNode; actions?: ReactNode; role?: 'status' | 'alert' }) {
  return (
    <div className={`cn-banner cn-banner--${tone}`} role={role ?? (tone === 'error' ? 'alert' : 'status')}>
      <Icon name={ICONS[tone]} className="cn-btn__icon" />
      <div className="cn-banner__body">{children}</div>
      {actions}
    </div>
  );
}
