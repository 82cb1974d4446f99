import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../preload/contract/profiles';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { readProfileFiles } from './read-profile-files';

type Outcome = { kind: 'done'; organisation: string } | { kind: 'refused'; result: Extract<ImportResult, { ok: false }> } | { kind: 'local'; code: string } | null;

const REASONS = new Set(['missing', 'malformed', 'tampered', 'wrong_key', 'invalid']);

/**
 * « Importer un profil »: the profile file and its optional .sig, read in the page and sent to main,
 * which checks everything (validity, trusted signature) before anything changes. A refusal says why,
 * with the first errors for IT.
 */
export function ImportForm() {
  const { t, i18n } = useTranslation('settings');
  const importProfile = useStore((s) => s.importProfile);
  const profileInput = useRef<HTMLInputElement>(null);
  const signatureInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const ids = { file: useId(), signature: useId(), hint: useId() };
  const lang = i18n.language === 'en' ? 'en' : 'fr';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const file = profileInput.current?.files?.[0] ?? null;
    if (!file) {
      setOutcome({ kind: 'local', code: 'choose' });
      profileInput.current?.focus();
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const read = await readProfileFiles(file, signatureInput.current?.files?.[0] ?? null);
      if (!read.ok) return setOutcome({ kind: 'local', code: read.code });
      const result = await importProfile(read.files);
      if (!result) return;
      if (result.ok) {
        setOutcome({ kind: 'done', organisation: result.status.organisation ?? '' });
        if (profileInput.current) profileInput.current.value = '';
        if (signatureInput.current) signatureInput.current.value = '';
      } else setOutcome({ kind: 'refused', result });
    } finally {
      setBusy(false);
    }
  }

  const reason = outcome?.kind === 'refused' ? String(outcome.result.params.reason ?? '') : '';
  return (
    <form className="profile-import" onSubmit={(e) => void submit(e)} aria-describedby={ids.hint} noValidate>
      <h3>{t('import.title')}</h3>
      <p id={ids.hint} className="cn-muted">
        {t('import.hint')}
      </p>
      <div className="profile-import__fields">
        <label htmlFor={ids.file}>{t('import.file')}</label>
        <input id={ids.file} ref={profileInput} type="file" accept=".json,application/json" className="cn-file" />
        <label htmlFor={ids.signature}>{t('import.signature')}</label>
        <input id={ids.signature} ref={signatureInput} type="file" accept=".sig,text/plain" className="cn-file" />
      </div>
      <Button type="submit" variant="primary" icon="plus" busy={busy} disabled={busy}>
        {t('import.submit')}
      </Button>
      <div aria-live="polite" className="profile-import__outcome">
        {outcome?.kind === 'done' ? <Banner tone="success">{t('import.done', { organisation: outcome.organisation })}</Banner> : null}
        {outcome?.kind === 'local' ? (
          <Banner tone="error" role="status">
            {outcome.code === 'choose' ? t('import.chooseFile') : t(`errors:${outcome.code}`)}
          </Banner>
        ) : null}
        {outcome?.kind === 'refused' ? (
          <Banner tone="error" role="status">
            <p>{t(`errors:${outcome.result.code}`, { ...outcome.result.params, defaultValue: t('errors:profiles.import_unreadable') })}</p>
            {REASONS.has(reason) ? <p>{t(`import.reason_${reason}`)}</p> : null}
            {outcome.result.issues.length > 0 ? (
              <details className="settings-details">
                <summary>{t('import.issues', { count: outcome.result.issueCount })}</summary>
                <ul className="profile-issues">
                  {outcome.result.issues.map((issue, i) => (
                    <li key={i}>{t('profile.issueLine', { line: issue.line, column: issue.column, text: issue.text[lang] })}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </Banner>
        ) : null}
      </div>
    </form>
  );
}
