import type { ReactNode } from 'react';

export type PillTone = 'ok' | 'warning' | 'error' | 'neutral' | 'busy';

/** A short state label ("en ligne", "hors ligne", "recherche…"): colour AND text, never colour alone. */
export function StatusPill({ tone, children }: { tone: PillTone; children: ReactNode }) {
  return <span className={`cn-pill cn-pill--${tone}`}>{children}</span>;
}
