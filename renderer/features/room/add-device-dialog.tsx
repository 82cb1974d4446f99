import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/dialog';
import { Button } from '../../ui/button';
import { useStore } from '../../store';

/** "Ajouter un appareil": a host name or an IP address typed by the teacher or IT. */
export function AddDeviceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('home');
  const addDevice = useStore((s) => s.addDevice);
  const [host, setHost] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const hostId = useId();
  const nameId = useId();
  const hintId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!host.trim()) return;
    setBusy(true);
    const device = await addDevice(host.trim(), name.trim() || undefined);
    setBusy(false);
    if (device) {
      setHost('');
      setName('');
      onClose();
    }
  };
  return (
    <Dialog
      open={open}
      title={t('add.title')}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button variant="primary" type="submit" form={`${hostId}-form`} busy={busy} disabled={!host.trim()}>
            {t('add.submit')}
          </Button>
        </>
      }
    >
      <form id={`${hostId}-form`} className="form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={hostId}>{t('add.host')}</label>
        <input id={hostId} className="input" value={host} onChange={(e) => setHost(e.target.value)} maxLength={253} autoComplete="off" spellCheck={false} aria-describedby={hintId} required />
        <p id={hintId} className="cn-muted">
          {t('add.hostHint')}
        </p>
        <label htmlFor={nameId}>{t('add.name')}</label>
        <input id={nameId} className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="off" />
      </form>
    </Dialog>
  );
}
