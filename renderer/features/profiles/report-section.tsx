import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog } from '../../ui/dialog';
import { copyText } from '../../ui/clipboard';

/** « Copier le rapport pour le service informatique »: the report (no password in it) to the clipboard. */
export function ReportSection() {
  const { t } = useTranslation('settings');
  const fetchReportText = useStore((s) => s.fetchReportText);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [manual, setManual] = useState<string | null>(null);
  const areaId = useId();
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (manual !== null) area.current?.select();
  }, [manual]);

  async function copy() {
    setBusy(true);
    setCopied(false);
    const text = await fetchReportText();
    setBusy(false);
    if (text === null) return;
    if (await copyText(text)) setCopied(true);
    else setManual(text);
  }

  return (
    <Card as="section" aria-labelledby="settings-report" className="settings-section">
      <h2 id="settings-report">{t('sections.report')}</h2>
      <p className="cn-muted">{t('report.hint')}</p>
      <Button variant="primary" icon="copy" busy={busy} disabled={busy} onClick={() => void copy()}>
        {t('report.copy')}
      </Button>
      <p role="status" className="settings-status">
        {copied ? t('report.copied') : ''}
      </p>
      <Dialog open={manual !== null} title={t('report.manualTitle')} onClose={() => setManual(null)} actions={<Button onClick={() => setManual(null)}>{t('common:close')}</Button>}>
        <p>{t('report.manual')}</p>
        <label htmlFor={areaId} className="visually-hidden">
          {t('report.label')}
        </label>
        <textarea id={areaId} ref={area} className="settings-report-text" readOnly rows={14} value={manual ?? ''} />
      </Dialog>
    </Card>
  );
}
