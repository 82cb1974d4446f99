import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

export function EmptyState({ icon, title, children }: { icon: IconName; title: ReactNode; children?: ReactNode }) {
  return (
    <section className="cn-empty" aria-labelledby="empty-title">
      <Icon name={icon} className="cn-empty__icon" />
      <h2 id="empty-title">{title}</h2>
      {children}
    </section>
  );
}
