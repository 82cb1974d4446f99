import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['projector', 'pjlink', 'errors']);
  const [inputs, setInputs] = useState<ProjectorInput[] | null>(choices ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    if (choices) {
      setInputs(choices);
      return;
    }
    let alive = true;
    setInputs(null);
    setError(null);
    void api()
      .projector.inputs({ deviceId })
      .then((r) => {
        if (!alive) return;
        if (r.ok) setInputs(r.value);
        else setError(t(`errors:${r.error.code}`, { ...r.error.params, defaultValue: t('errors:app.unexpected') }));
      });
    return () => {
      alive = false;
    };
  }, [open, deviceId, choices, t]);
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
