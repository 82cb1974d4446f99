import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { PowerOffCheck } from '../../../preload/contract/projector';
import { useStore } from '../../store';
import { api } from '../../store/api';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';

/**
 * « Éteindre » as every button that switches a projector off does it: main checks first what the
 * projector shows; if another source than the laptop's is in use (a colleague's laptop, the visualiser)
 * or the teacher asked to always confirm (Réglages), a dialog asks before the off action runs.
 *
 * `alreadyAsked`: the click answered a question that already said « L'éteindre ? » (the end-of-day
 * reminder), so the « always confirm » preference is satisfied; another source in use still asks.
 */
export function usePowerOff(device: { id: string; name: string }, options: { alreadyAsked?: boolean } = {}): { ask: () => Promise<void>; dialog: ReactNode } {
  const t = useT(['projector', 'actions', 'common']);
  const startAction = useStore((s) => s.startAction);
  const [check, setCheck] = useState<PowerOffCheck | null>(null);
  const alreadyAsked = options.alreadyAsked ?? false;

  const ask = async () => {
    const r = await api().projector.checkPowerOff({ deviceId: device.id });
    if (r.ok && ((r.value.confirm && !alreadyAsked) || r.value.otherSourceInUse)) setCheck(r.value);
    else void startAction({ deviceId: device.id, kind: 'off' });
  };

  const dialog = (
    <Dialog
      open={check !== null}
      title={t('projector:offConfirm.title', { name: device.name })}
      onClose={() => setCheck(null)}
      actions={
        <>
          <Button onClick={() => setCheck(null)}>{t('common:cancel')}</Button>
          <Button
            variant="danger"
            icon="power"
            onClick={() => {
              setCheck(null);
              void startAction({ deviceId: device.id, kind: 'off' });
            }}
          >
            {t('actions:kind.off')}
          </Button>
        </>
      }
    >
      {check?.otherSourceInUse ? <p>{t('projector:offConfirm.otherSource', { name: check.inputName ?? check.input ?? '' })}</p> : null}
      <p>{t('projector:offConfirm.body')}</p>
    </Dialog>
  );
  return { ask, dialog };
}
