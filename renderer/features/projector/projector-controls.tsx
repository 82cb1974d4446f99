import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import type { Device } from '../../../preload/contract/devices';
import type { ProjectorStatus } from '../../../preload/contract/projector';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { StatusPill, type PillTone } from '../../ui/status-pill';
import { guideRoute } from '../../app/router';
import { InputDialog } from './input-dialog';
import { RunStatus } from './run-status';
import { codeLabel } from './input-name';
import { usePowerOff } from './use-power-off';

const POWER_TONE: Record<NonNullable<ProjectorStatus['power']>, PillTone> = { on: 'ok', standby: 'neutral', warming: 'busy', cooling: 'busy' };

/** Power, source, "masqué"/"figé", "pas de signal" and alerts: what the teacher needs to know at a glance. */
export function ProjectorStatusLine({ status }: { status: ProjectorStatus | undefined }) {
  const t = useT(['projector', 'pjlink', 'errors']);
  const navigate = useStore((s) => s.navigate);
  if (!status || status.reachable === null) return <p className="projector-status cn-muted">{t('projector:statusUnknown')}</p>;
  if (status.reachable === false) {
    const problem = status.problem;
    return (
      <div className="projector-status">
        <StatusPill tone="warning">{t('projector:noAnswer')}</StatusPill>
        {problem ? (
          <p className="projector-status__problem">
            {t(`errors:${problem.code}`, { defaultValue: t('errors:app.unexpected') })}{' '}
            {problem.guide ? (
              <a href={`#/guides/${problem.guide.replace(/^guide:/, '').replace(/#.*/, '')}`} onClick={(e) => (e.preventDefault(), navigate(guideRoute(problem.guide!)))}>
                {t('projector:whatToDo')}
              </a>
            ) : null}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="projector-status">
      {status.power ? <StatusPill tone={POWER_TONE[status.power]}>{t(`pjlink:power.${status.power}`)}</StatusPill> : null}
      {status.power === 'on' && status.input ? <span className="projector-status__item">{t('projector:source', { name: codeLabel(t, status.input, undefined) })}</span> : null}
      {status.power === 'on' && status.mute?.video ? <StatusPill tone="warning">{t('pjlink:mute.on')}</StatusPill> : null}
      {status.power === 'on' && status.freeze ? <StatusPill tone="warning">{t('pjlink:freeze.on')}</StatusPill> : null}
      {status.power === 'on' && status.signal === 'none' ? <StatusPill tone="warning">{t('pjlink:signal.no-signal')}</StatusPill> : null}
      {status.alerts.map((a) => (
        <span key={a.component} className="projector-status__alert">
          <StatusPill tone={a.level === 'error' ? 'error' : 'warning'}>
            {t(`pjlink:component.${a.component}`)} : {t(`pjlink:level.${a.level}`)}
          </StatusPill>
          {a.guide ? (
            <a href={`#/guides/${a.guide.replace(/^guide:/, '').replace(/#.*/, '')}`} onClick={(e) => (e.preventDefault(), navigate(guideRoute(a.guide!)))}>
              {t('projector:whatToDo')}
            </a>
          ) : null}
        </span>
      ))}
    </div>
  );
}

/**
 * The one-click actions of a projector: the big « Afficher mon écran » first, then Masquer / Réafficher,
 * Figer / Libérer (class 2 only), Changer de source, Éteindre. Every click shows at once; the projector's
 * answer (which may take 40 s of warm-up) follows as progress.
 */
export function ProjectorControls({ device, compact = false }: { device: Device; compact?: boolean }) {
  const t = useT(['projector', 'actions', 'pjlink']);
  const status = useStore((s) => s.projectorStatus[device.id]);
  const run = useStore((s) => s.runs[device.id]);
  const startAction = useStore((s) => s.startAction);
  const provideInput = useStore((s) => s.provideInput);
  const loadStatus = useStore((s) => s.loadProjectorStatus);
  const powerOffAllowed = useStore((s) => s.profile?.features.powerOffAllowed !== false);
  const [choosingInput, setChoosingInput] = useState(false);
  const powerOff = usePowerOff(device);

  useEffect(() => {
    if (!status) void loadStatus(device.id);
  }, [device.id, status, loadStatus]);

  const running = run?.status === 'running';
  const muted = status?.mute?.video === true;
  const frozen = status?.freeze === true;
  const isOn = status?.power === 'on';
  const classTwo = (status?.pjlinkClass ?? device.endpoints.pjlink?.class) === 2;
  const start = (kind: 'show' | 'blank' | 'unblank' | 'freeze' | 'unfreeze' | 'on') => void startAction({ deviceId: device.id, kind });

  return (
    <div className="projector-controls">
      <ProjectorStatusLine status={status} />
      <Button variant="primary" size="large" block icon="show" disabled={running && run?.kind === 'show'} onClick={() => start('show')}>
        {t('actions:kind.show')}
      </Button>
      {run ? <RunStatus deviceId={device.id} run={run} /> : null}
      <div className="button-row">
        <Button icon="hide" aria-pressed={muted} disabled={!isOn} onClick={() => start(muted ? 'unblank' : 'blank')}>
          {muted ? t('actions:kind.unblank') : t('actions:kind.blank')}
        </Button>
        {classTwo ? (
          <Button icon="freeze" aria-pressed={frozen} disabled={!isOn} onClick={() => start(frozen ? 'unfreeze' : 'freeze')}>
            {frozen ? t('actions:kind.unfreeze') : t('actions:kind.freeze')}
          </Button>
        ) : null}
        <Button icon="input" disabled={!isOn} onClick={() => setChoosingInput(true)}>
          {t('projector:source_short')}
        </Button>
        {powerOffAllowed ? (
          <Button icon="power" disabled={!isOn && status?.power !== 'warming'} onClick={() => void powerOff.ask()}>
            {t('actions:kind.off')}
          </Button>
        ) : null}
        {!compact && classTwo ? (
          <>
            <Button icon="volume" aria-label={t('projector:volumeDown')} disabled={!isOn} onClick={() => void startAction({ deviceId: device.id, kind: 'volume', direction: 'down' })}>
              −
            </Button>
            <Button icon="volume" aria-label={t('projector:volumeUp')} disabled={!isOn} onClick={() => void startAction({ deviceId: device.id, kind: 'volume', direction: 'up' })}>
              +
            </Button>
          </>
        ) : null}
      </div>

      <InputDialog
        open={choosingInput}
        deviceId={device.id}
        title={t('actions:kind.select-input')}
        current={status?.input ?? null}
        onClose={() => setChoosingInput(false)}
        onChoose={(code) => {
          setChoosingInput(false);
          void startAction({ deviceId: device.id, kind: 'select-input', input: code });
        }}
      />
      <InputDialog
        open={Boolean(run?.status === 'running' && run.choices)}
        deviceId={device.id}
        title={t('actions:step.needs_input')}
        choices={run?.choices ?? null}
        onClose={() => void useStore.getState().cancelAction(device.id)}
        onChoose={(code) => void provideInput(device.id, code)}
      />
      {powerOff.dialog}
    </div>
  );
}
