import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { Banner } from './banner';
import { Button } from './button';
import { guideRoute } from '../app/router';

const AUTO_DISMISS_MS = 8000;

/** Transient messages, announced politely to screen readers; errors stay until dismissed. */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
  const navigate = useStore((s) => s.navigate);
  const { t } = useTranslation();
  useEffect(() => {
    const timers = toasts.filter((x) => x.level !== 'error').map((x) => setTimeout(() => dismiss(x.id), AUTO_DISMISS_MS));
    return () => timers.forEach(clearTimeout);
  }, [toasts, dismiss]);
  return (
    <div className="cn-toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((toast) => (
        <div key={toast.id} className="cn-toast">
          <Banner
            tone={toast.level}
            role="status"
            actions={
              <Button variant="ghost" icon="close" aria-label={t('common:close')} onClick={() => dismiss(toast.id)} />
            }
          >
            <p>{t(toast.messageKey, { ...toast.params, defaultValue: t('errors:app.unexpected') })}</p>
            {toast.guide ? (
              <Button
                variant="secondary"
                icon="guides"
                onClick={() => {
                  navigate(guideRoute(toast.guide!));
                  dismiss(toast.id);
                }}
              >
                {t('common:openGuide')}
              </Button>
            ) : null}
          </Banner>
        </div>
      ))}
    </div>
  );
}
