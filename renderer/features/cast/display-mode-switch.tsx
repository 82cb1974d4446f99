import { useTranslation } from 'react-i18next';
import type { DisplayMode } from '../../../preload/contract/display';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { CastError } from './cast-error';

const MODES: DisplayMode[] = ['duplicate', 'extend', 'external', 'internal'];

/** The laptop's display mode, as Windows + P: four big buttons, the current mode pressed. */
export function DisplayModeSwitch() {
  const { t } = useTranslation('cast');
  const display = useStore((s) => s.display);
  const switching = useStore((s) => s.displaySwitching);
  const outcome = useStore((s) => s.displayOutcome);
  const error = useStore((s) => s.displayError);
  const setMode = useStore((s) => s.setDisplayMode);
  if (!display) return null;
  if (display.environment === 'web-preview') {
    return (
      <Banner tone="info" role="status">
        <p>{t('display.webPreview')}</p>
      </Banner>
    );
  }
  const projector = display.projector;
  return (
    <>
      <p className="cast-hint">{t('display.hint')}</p>
      <p>
        {t('display.current', { mode: t(`display.topology.${display.topology}`) })}
        {projector ? ` · ${projector.label ? t('display.projector', projector) : t('display.projectorUnnamed', projector)}` : display.externalConnected === false ? ` · ${t('display.noExternal')}` : ''}
      </p>
      {!display.canApply ? <p className="cast-hint">{t('display.manual')}</p> : null}
      <div className="button-row" role="group" aria-label={t('display.title')}>
        {MODES.map((mode) => (
          <Button key={mode} aria-pressed={display.topology === mode} busy={switching === mode} disabled={switching !== null} onClick={() => void setMode(mode)}>
            {t(`display.modes.${mode}`)}
          </Button>
        ))}
      </div>
      {outcome && outcome.applied ? (
        <p role="status" className="run-status__ok">
          ✓ {t(outcome.changed ? 'display.applied' : 'display.already', { mode: t(`display.modes.${outcome.mode}`) })}
        </p>
      ) : null}
      {error ? <CastError tone={outcome?.openedSettings ? 'info' : 'error'} error={error} /> : null}
    </>
  );
}
