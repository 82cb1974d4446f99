import { useT } from '../../i18n/use-t';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { Banner } from '../../ui/banner';
import { Spinner } from '../../ui/spinner';
import { guideRoute } from '../../app/router';
import { remainingSeconds, type RunState } from './projector-slice';
import { useNow } from './use-now';

/** What the running (or last) action is doing, in plain words, with its countdown and a way out. */
export function RunStatus({ deviceId, run }: { deviceId: string; run: RunState }) {
  const t = useT(['projector', 'actions', 'errors']);
  const cancel = useStore((s) => s.cancelAction);
  const dismiss = useStore((s) => s.dismissRun);
  const running = run.status === 'running';
  const now = useNow(running && typeof run.params.remainingSeconds === 'number');
  if (running) {
    const remaining = remainingSeconds(run, now);
    const params = remaining === null ? run.params : { ...run.params, remainingSeconds: remaining };
    return (
      <div className="run-status" role="status" aria-live="polite">
        <Spinner />
        <p className="run-status__text">{t(run.stepKey, { ...params, defaultValue: t('actions:step.connecting') })}</p>
        {run.progress !== null ? <progress className="run-status__bar" max={1} value={run.progress} aria-label={t('projector:progress')} /> : null}
        {run.actionId ? (
          <Button variant="ghost" onClick={() => void cancel(deviceId)}>
            {t('common:cancel')}
          </Button>
        ) : null}
      </div>
    );
  }
  if (run.status === 'succeeded') {
    const warning = run.warnings[0];
    return (
      <div className="run-status run-status--done" role="status">
        {warning ? (
          <Banner tone="warning" role="status" actions={warning.guide ? <GuideButton guide={warning.guide} /> : null}>
            <p>{t(`errors:${warning.code}`, { ...warning.params, defaultValue: t('actions:done.' + run.kind) })}</p>
          </Banner>
        ) : (
          <p className="run-status__text run-status__ok">✓ {t(`actions:done.${run.kind}`)}</p>
        )}
      </div>
    );
  }
  if (run.status === 'cancelled') {
    return (
      <p className="run-status run-status__text" role="status">
        {t('actions:step.cancelled')}
      </p>
    );
  }
  const error = run.error;
  return (
    <Banner
      tone="error"
      role="alert"
      actions={
        <Button variant="ghost" icon="close" aria-label={t('common:close')} onClick={() => dismiss(deviceId)} />
      }
    >
      <p>{error ? t(`errors:${error.code}`, { ...error.params, defaultValue: t('errors:app.unexpected') }) : t('actions:step.failed')}</p>
      {error?.guide ? <GuideButton guide={error.guide} /> : null}
    </Banner>
  );
}

function GuideButton({ guide }: { guide: string }) {
  const t = useT('common');
  const navigate = useStore((s) => s.navigate);
  return (
    <Button variant="secondary" icon="guides" onClick={() => navigate(guideRoute(guide))}>
      {t('common:openGuide')}
    </Button>
  );
}
