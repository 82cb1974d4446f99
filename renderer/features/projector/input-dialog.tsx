import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import type { ProjectorInput } from '../../../preload/contract/projector';
import { Dialog } from '../../ui/dialog';
import { Button } from '../../ui/button';
import { Spinner } from '../../ui/spinner';
import { api } from '../../store/api';
import { inputLabel } from './input-name';

/**
 * "Changer de source" (and the question "Afficher" asks once when it cannot tell which input is the
 * laptop's): one big button per input, with the names the projector gives them.
 */
export function InputDialog({
  open,
  deviceId,
  title,
  choices,
  current,
  onChoose,
  onClose,
}: {
  open: boolean;
  deviceId: string;
  title: string;
  /** Given by "Afficher" (needs_input); otherwise read from the projector. */
  choices?: ProjectorInput[] | null;
  current?: string | null;
  onChoose: (code: string) => void;
  onClose: () => void;
}) {
  const t = useT(['projector', 'pjlink', 'errors']);
  // The inputs read from the projector, for this device (choices given by "Afficher" need no read).
  const [fetched, setFetched] = useState<{ deviceId: string; inputs: ProjectorInput[] | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!open || choices) return;
    let alive = true;
    void api()
      .projector.inputs({ deviceId })
      .then((r) => {
        if (!alive) return;
        if (r.ok) setFetched({ deviceId, inputs: r.value, error: null });
        else setFetched({ deviceId, inputs: null, error: t(`errors:${r.error.code}`, { ...r.error.params, defaultValue: t('errors:app.unexpected') }) });
      });
    return () => {
      alive = false;
    };
  }, [open, deviceId, choices, t]);
  const mine = fetched?.deviceId === deviceId ? fetched : null;
  const inputs = choices ?? mine?.inputs ?? null;
  const error = choices ? null : (mine?.error ?? null);
  return (
    <Dialog open={open} title={title} onClose={onClose} actions={<Button onClick={onClose}>{t('common:cancel')}</Button>}>
      {error ? <p role="alert">{error}</p> : null}
      {!inputs && !error ? <Spinner label={t('common:loading')} /> : null}
      {inputs ? (
        <ul className="room-list">
          {inputs.map((input) => (
            <li key={input.code}>
              <Button block variant={input.code === current ? 'primary' : 'secondary'} aria-pressed={input.code === current} onClick={() => onChoose(input.code)}>
                {inputLabel(t, input)}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}
