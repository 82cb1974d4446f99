import { useTranslation } from 'react-i18next';
import type { CastStatusView } from '../../../preload/contract/cast';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { StatusPill, type PillTone } from '../../ui/status-pill';
import { CastError } from './cast-error';

const TONE: Record<CastStatusView['state'], PillTone> = { loading: 'busy', buffering: 'busy', playing: 'ok', paused: 'warning', stopped: 'neutral', error: 'error' };

function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What plays on one screen, in the receiver's words, with the controls that make sense for it. */
export function CastSession({ status }: { status: CastStatusView }) {
  const { t } = useTranslation('cast');
  const control = useStore((s) => s.controlCast);
  const live = status.endReason === null;
  const timed = status.file.kind === 'video' || status.file.kind === 'audio';
  const paged = status.page !== null;
  const go = (command: Parameters<typeof control>[1], seconds?: number) => void control(status.castId, command, seconds);
  return (
    <div className="cast-session" aria-live="polite">
      <p className="cast-session__line">
        <StatusPill tone={TONE[status.state]}>{t(`state.${status.state}`)}</StatusPill>
        <span className="cast-session__file">{status.file.name}</span>
        {status.page ? <span>{t('session.page', { page: status.page.number, count: status.page.count })}</span> : null}
        {timed && status.position !== null && status.duration !== null ? <span>{t('session.position', { position: clock(status.position), duration: clock(status.duration) })}</span> : null}
      </p>
      {live ? (
        <div className="button-row">
          {paged ? (
            <>
              <Button icon="back" onClick={() => go('previousPage')} disabled={status.page!.number <= 1}>
                {t('session.previousPage')}
              </Button>
              <Button icon="chevron" onClick={() => go('nextPage')} disabled={status.page!.number >= status.page!.count}>
                {t('session.nextPage')}
              </Button>
            </>
          ) : null}
          {timed ? (
            <>
              {status.state === 'paused' ? (
                <Button variant="primary" icon="play" onClick={() => go('resume')}>
                  {t('session.resume')}
                </Button>
              ) : (
                <Button icon="pause" onClick={() => go('pause')} disabled={status.state === 'loading'}>
                  {t('session.pause')}
                </Button>
              )}
              <Button variant="ghost" onClick={() => go('seek', Math.max(0, (status.position ?? 0) - 10))} aria-label={t('session.back')}>
                −10 s
              </Button>
              <Button variant="ghost" onClick={() => go('seek', (status.position ?? 0) + 10)} aria-label={t('session.forward')}>
                +10 s
              </Button>
            </>
          ) : null}
          <Button variant="danger" icon="close" onClick={() => go('stop')}>
            {t('session.stop')}
          </Button>
        </div>
      ) : status.error ? (
        <CastError error={status.error} />
      ) : (
        <p className="cast-session__ended">{t(`session.ended.${status.endReason ?? 'stopped'}`)}</p>
      )}
    </div>
  );
}
