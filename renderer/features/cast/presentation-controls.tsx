import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { StatusPill } from '../../ui/status-pill';
import { CastError } from './cast-error';

/** The laptop's remote for the presentation window on the projector: pages, play, black screen, close. */
export function PresentationControls() {
  const { t } = useTranslation(['cast', 'errors']);
  const presentation = useStore((s) => s.presentation);
  const ended = useStore((s) => s.presentationEnded);
  const error = useStore((s) => s.presentationError);
  const command = useStore((s) => s.presentCommand);
  const stop = useStore((s) => s.stopPresentation);
  if (!presentation) {
    if (error) return <CastError error={error} />;
    return ended ? <p className="cast-session__ended">{t('presentation.ended')}</p> : null;
  }
  const p = presentation;
  return (
    <div className="cast-session" aria-live="polite">
      <p className="cast-session__line">
        <StatusPill tone={p.status === 'showing' ? 'ok' : 'busy'}>{t(p.status === 'showing' ? 'cast:state.playing' : 'cast:state.loading')}</StatusPill>
        <span>{t(p.status === 'showing' ? 'presentation.showing' : 'presentation.opening', { title: p.title })}</span>
        {p.page !== null && p.pageCount !== null ? <span>{t('presentation.page', { page: p.page, count: p.pageCount })}</span> : null}
      </p>
      {p.notice ? <p className="cast-drop__formats">{t(`errors:${p.notice}`)}</p> : null}
      <div className="button-row">
        {p.capabilities.pages ? (
          <>
            <Button icon="back" onClick={() => void command('previous')}>
              {t('presentation.previous')}
            </Button>
            <Button icon="chevron" onClick={() => void command('next')}>
              {t('presentation.next')}
            </Button>
          </>
        ) : null}
        {p.capabilities.playback ? (
          <Button icon={p.playing ? 'pause' : 'play'} onClick={() => void command(p.playing ? 'pause' : 'play')}>
            {t(p.playing ? 'presentation.pause' : 'presentation.play')}
          </Button>
        ) : null}
        <Button icon="hide" aria-pressed={p.blackedOut} onClick={() => void command(p.blackedOut ? 'unblack' : 'black')}>
          {t(p.blackedOut ? 'presentation.unblack' : 'presentation.black')}
        </Button>
        <Button variant="danger" icon="close" onClick={() => void stop()}>
          {t('presentation.close')}
        </Button>
      </div>
      {error ? <CastError error={error} /> : null}
    </div>
  );
}
