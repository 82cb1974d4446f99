import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileDraftExport } from '../../../preload/contract/profiles';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { copyText, saveTextFile } from '../../ui/clipboard';

/**
 * « Exporter un profil depuis ce poste » (IT tools): a profile draft built in main from the rooms and
 * devices this laptop knows. It never contains a password (they do not cross the contract); the
 * command line can add them into a file.
 */
export function ExportSection() {
  const { t } = useTranslation('settings');
  const exportProfile = useStore((s) => s.exportProfile);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<ProfileDraftExport | null>(null);
  const [copied, setCopied] = useState(false);

  async function run() {
    setBusy(true);
    setCopied(false);
    setDraft(await exportProfile());
    setBusy(false);
  }

  return (
    <div className="settings-export">
      <p className="cn-muted">{t('it.exportHint')}</p>
      <Button icon="copy" busy={busy} disabled={busy} onClick={() => void run()}>
        {t('it.export')}
      </Button>
      <div aria-live="polite">
        {draft ? (
          <div className="settings-export__result">
            <p>{t('it.exported', { rooms: draft.rooms, devices: draft.devices })}</p>
            {draft.skipped > 0 ? <p className="cn-muted">{t('it.skipped', { count: draft.skipped })}</p> : null}
            {draft.passwordsLeftOut > 0 ? <p className="cn-muted">{t('it.passwordsLeftOut', { count: draft.passwordsLeftOut })}</p> : null}
            <div className="settings-actions">
              <Button variant="primary" onClick={() => saveTextFile(draft.text, draft.fileName)}>
                {t('it.save')}
              </Button>
              <Button onClick={() => void copyText(draft.text).then(setCopied)}>{t('it.copy')}</Button>
            </div>
            <p role="status" className="settings-status">
              {copied ? t('it.copied') : ''}
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
