import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../preload/contract';
import { useStore } from '../../store';
import { guideRoute } from '../../app/router';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

/** An error in plain words, with its guide and optional actions (« Prendre la main »). */
export function CastError({ error, onDismiss, actions, tone = 'error' }: { error: ErrorInfo; onDismiss?: () => void; actions?: ReactNode; tone?: 'error' | 'warning' | 'info' }) {
  const { t } = useTranslation(['errors', 'common']);
  const navigate = useStore((s) => s.navigate);
  return (
    <Banner
      tone={tone}
      role={tone === 'error' ? 'alert' : 'status'}
      actions={onDismiss ? <Button variant="ghost" icon="close" aria-label={t('common:close')} onClick={onDismiss} /> : null}
    >
      <p>{t(`errors:${error.code}`, { ...error.params, defaultValue: t('errors:app.unexpected') })}</p>
      {actions || error.guide ? (
        <div className="button-row">
          {actions}
          {error.guide ? (
            <Button variant="secondary" icon="guides" onClick={() => navigate(guideRoute(error.guide!))}>
              {t('common:openGuide')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </Banner>
  );
}
