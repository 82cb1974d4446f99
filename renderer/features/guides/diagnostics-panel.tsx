import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../preload/contract';
import type { CheckStatus, DiagnosticItem, DiagnosticRun, GuideDocument, GuideLang } from '../../../preload/contract/guide-document';
import { formatRoute } from '../../app/router';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { StatusPill, type PillTone } from '../../ui/status-pill';
import { copyText } from '../../ui/clipboard';
import { selectGuideRun } from './guides-slice';
import { STATUS_SYMBOL } from '../../../preload/contract/check-symbols';

/**
 * « Lancer le diagnostic »: the guide's live checks, each with ✓ / ✗ / … and a plain explanation,
 * « Réparer » on a failure that has a fix (main re-checks after it), and the report for IT. Symbols
 * are never alone: each item also says its state in words.
 */

const STATUS_TONE: Record<CheckStatus, PillTone> = {
  pass: 'ok',
  warn: 'warning',
  fail: 'error',
  skipped: 'neutral',
  error: 'warning',
  pending: 'neutral',
  running: 'busy',
  fixing: 'busy',
};

function ErrorText({ error }: { error: ErrorInfo }) {
  const { t } = useTranslation();
  return <>{t(`errors:${error.code}`, { ...error.params, defaultValue: t('errors:app.unexpected') })}</>;
}

function Item({ run, item }: { run: DiagnosticRun; item: DiagnosticItem }) {
  const { t } = useTranslation('diagnostics');
  const fix = useStore((s) => s.fixDiagnosticItem);
  const messageId = useId();
  const titleId = useId();
  const pendingText = item.messageKey === `check.${item.check}.title`;
  const where = item.deviceName ?? (item.check.startsWith('display.') ? t('report.computer') : null);
  const busy = item.status === 'fixing';
  return (
    <li className={`diag-item diag-item--${item.status}`} data-check={item.check} data-status={item.status}>
      <span className="diag-item__symbol" aria-hidden="true">
        {STATUS_SYMBOL[item.status]}
      </span>
      <div className="diag-item__body">
        <p className="diag-item__title">
          <strong id={titleId}>{t(`check.${item.check}.title`)}</strong> <StatusPill tone={STATUS_TONE[item.status]}>{t(`status.${item.status}`)}</StatusPill>
          {where ? <span className="diag-item__where">{where}</span> : null}
        </p>
        {pendingText ? null : (
          <p id={messageId} className="diag-item__message">
            {t(item.messageKey, item.params)}
          </p>
        )}
        {item.fixError ? (
          <p className="diag-item__error">
            {t('fixFailed')} <ErrorText error={item.fixError} />
          </p>
        ) : null}
        {item.fix || item.anchor ? (
          <div className="diag-item__actions">
            {item.fix ? (
              <>
                <Button
                  variant="primary"
                  icon="check"
                  busy={busy}
                  aria-disabled={busy || run.finishedAt === null || undefined}
                  aria-describedby={pendingText ? undefined : messageId}
                  onClick={() => {
                    if (!busy && run.finishedAt !== null) void fix(run.id, item.key);
                  }}
                >
                  {t('action.fix')}
                </Button>
                <span className="diag-item__fix">{t(`fix.${item.fix}`)}</span>
              </>
            ) : null}
            {item.anchor ? (
              <a className="diag-item__step" aria-describedby={titleId} href={formatRoute({ name: 'guides', guideId: run.guideId, anchor: item.anchor })}>
                {t('action.seeStep')}
              </a>
            ) : null}
          </div>
        ) : null}
        {item.detail ? (
          <details className="diag-item__detail">
            <summary>{t('common:details')}</summary>
            <p>{item.detail}</p>
          </details>
        ) : null}
      </div>
    </li>
  );
}

function summaryKey(run: DiagnosticRun): { key: string; count?: number } {
  if (run.finishedAt === null) return { key: 'summary.running' };
  const problems = run.items.filter((i) => i.status === 'fail').length;
  if (problems > 0) return { key: 'summary.problems', count: problems };
  if (run.items.every((i) => i.status === 'pass' || i.status === 'warn')) return { key: 'summary.allGood' };
  return { key: 'summary.unchecked' };
}

type CopyState = { state: 'idle' } | { state: 'copied' } | { state: 'manual'; text: string } | { state: 'error'; error: ErrorInfo };

export function DiagnosticsPanel({ doc, lang }: { doc: GuideDocument; lang: GuideLang }) {
  const { t } = useTranslation('diagnostics');
  const run = useStore(selectGuideRun(doc.id));
  const error = useStore((s) => s.diagnosticErrors[doc.id] ?? null);
  const start = useStore((s) => s.startDiagnostic);
  const report = useStore((s) => s.diagnosticReport);
  const cancel = useStore((s) => s.cancelDiagnostic);
  const [copy, setCopy] = useState<CopyState>({ state: 'idle' });
  const running = run !== null && run.finishedAt === null;
  const titleId = useId();

  // Closing the guide stops its checks (a fix already sent to a projector finishes in main).
  const current = useRef<DiagnosticRun | null>(null);
  useEffect(() => {
    current.current = run;
  }, [run]);
  useEffect(
    () => () => {
      const last = current.current;
      if (last && last.finishedAt === null) void cancel(last.id);
    },
    [cancel],
  );

  const summary = run ? summaryKey(run) : null;
  return (
    <section className="cn-card diagnostics" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('guides:section.diagnostics')}</h2>
      <p>{t('intro')}</p>
      <div className="diagnostics__actions">
        <Button
          variant="primary"
          size="large"
          icon="refresh"
          busy={running}
          aria-disabled={running || undefined}
          onClick={() => {
            if (running) return;
            setCopy({ state: 'idle' });
            void start(doc.id, lang);
          }}
        >
          {run ? t('action.rerun') : t('action.run')}
        </Button>
        {run && !running ? (
          <Button
            icon="copy"
            onClick={async () => {
              const r = await report(run.id, lang);
              if (!r.ok) return setCopy({ state: 'error', error: r.error });
              setCopy((await copyText(r.text)) ? { state: 'copied' } : { state: 'manual', text: r.text });
            }}
          >
            {t('action.copy')}
          </Button>
        ) : null}
      </div>
      {error ? (
        <Banner tone="error">
          <p>
            <ErrorText error={error} />
          </p>
        </Banner>
      ) : null}
      <div role="status" aria-live="polite" className="diagnostics__status">
        {summary ? <p className="diagnostics__summary">{t(summary.key, summary.count === undefined ? {} : { count: summary.count })}</p> : null}
        {copy.state === 'copied' ? <p className="diagnostics__copied">{t('action.copied')}</p> : null}
      </div>
      {copy.state === 'error' ? (
        <Banner tone="error">
          <p>
            <ErrorText error={copy.error} />
          </p>
        </Banner>
      ) : null}
      {copy.state === 'manual' ? (
        <div className="diagnostics__manual">
          <label htmlFor={`${titleId}-report`}>{t('copyManual')}</label>
          <textarea id={`${titleId}-report`} readOnly value={copy.text} rows={8} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
      {run ? (
        <ol className="diag-items" aria-label={t('results')}>
          {run.items.map((item) => (
            <Item key={item.key} run={run} item={item} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
