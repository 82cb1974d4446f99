import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuideDocument } from '../../../preload/contract/guide-document';
import { formatRoute } from '../../app/router';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';
import { StatusPill } from '../../ui/status-pill';
import { DiagnosticsPanel } from './diagnostics-panel';
import { allSteps, Blocks, GuideRenderProvider, isSafeExternalUrl, sectionDomId, stepDomId } from './guide-blocks';
import { selectGuideDoc, selectGuideError } from './guides-slice';
import { usePlaceholderValues } from './placeholders';
import { useGuideLang } from './use-guide-lang';
import { WorkshopView } from './workshop';
import { printSheet } from './print-sheet';

export interface GuideLocation {
  guideId: string;
  step?: number | undefined;
  anchor?: string | undefined;
}

/** The anchor a route points at: `?anchor=` as is, `?step=N` as the N-th step of the whole guide. */
export function targetAnchorOf(doc: Pick<GuideDocument, 'body' | 'anchors'>, location: Pick<GuideLocation, 'step' | 'anchor'>): string | null {
  if (location.anchor) {
    const known = doc.anchors.includes(location.anchor) || allSteps(doc.body).some((s) => s.id === location.anchor);
    return known ? location.anchor : null;
  }
  if (location.step) return allSteps(doc.body)[location.step - 1]?.id ?? null;
  return null;
}

/** Loads a guide (and reloads it after `guides.changed`); null while loading. */
function useGuideDocument(guideId: string) {
  const lang = useGuideLang();
  const doc = useStore(selectGuideDoc(lang, guideId));
  const error = useStore(selectGuideError(lang, guideId));
  const load = useStore((s) => s.loadGuide);
  useEffect(() => {
    if (!doc && !error) void load(guideId, lang);
  }, [doc, error, guideId, lang, load]);
  return { doc, error, lang };
}

function Loading() {
  const { t } = useTranslation('guides');
  return (
    <div className="page-header">
      <Spinner label={t('view.loading')} />
      <p>{t('view.loading')}</p>
    </div>
  );
}

function NotFound({ code, params }: { code: string; params?: Record<string, string | number> | undefined }) {
  const { t } = useTranslation('guides');
  return (
    <>
      <div className="page-header">
        <h1>{t('view.notFound')}</h1>
      </div>
      <Banner tone="error">
        <p>{t(`errors:${code}`, { ...params, defaultValue: t('errors:app.unexpected') })}</p>
      </Banner>
      <p className="guide-back">
        <a href="#/guides">{t('back')}</a>
      </p>
    </>
  );
}

function RelatedGuides({ doc }: { doc: GuideDocument }) {
  const { t } = useTranslation('guides');
  const list = useStore((s) => s.guideList);
  const loadList = useStore((s) => s.loadGuideList);
  useEffect(() => {
    if (doc.related.length > 0 && (!list || list.lang !== doc.lang)) void loadList(doc.lang);
  }, [doc.related.length, doc.lang, list, loadList]);
  if (doc.related.length === 0) return null;
  const titleOf = (id: string) => list?.items.find((g) => g.id === id)?.title ?? id;
  return (
    <section className="guide-related" aria-labelledby="guide-related-title">
      <h2 id="guide-related-title">{t('section.related')}</h2>
      <ul className="guide-related__list">
        {doc.related.map((id) => (
          <li key={id}>
            <a href={formatRoute({ name: 'guides', guideId: id })}>
              <Icon name="guides" />
              {titleOf(id)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Sources({ doc }: { doc: GuideDocument }) {
  const { t } = useTranslation('guides');
  const sources = doc.sources.filter((s) => isSafeExternalUrl(s.url));
  if (sources.length === 0) return null;
  return (
    <section className="guide-sources" aria-labelledby="guide-sources-title">
      <h2 id="guide-sources-title">{t('section.sources')}</h2>
      <ul>
        {sources.map((s) => (
          <li key={s.url + s.title}>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              {s.title}
              <span className="visually-hidden"> ({t('link.newWindow')})</span>
            </a>
            {s.note ? <span className="cn-muted"> — {s.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A guide: header, diagnostics, the steps (opened at a step when the route says so), links. */
export function GuideView({ guideId, step, anchor }: GuideLocation) {
  const { t } = useTranslation('guides');
  const { doc, error, lang } = useGuideDocument(guideId);
  const navigate = useStore((s) => s.navigate);
  const placeholders = usePlaceholderValues();
  const target = useMemo(() => (doc ? targetAnchorOf(doc, { step, anchor }) : null), [doc, step, anchor]);

  // Opened at a step: bring it into view and move the focus there (after the shell has moved the
  // focus to the page, hence the timer). Diagrams above the step load after that and push it down,
  // so it is brought back into view as each one loads, until the reader scrolls or types.
  useEffect(() => {
    if (!doc || !target) return;
    const find = () => document.getElementById(stepDomId(target)) ?? document.getElementById(sectionDomId(target));
    const reveal = () => {
      const el = find();
      if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center' });
    };
    const pending = [...document.querySelectorAll<HTMLImageElement>('.guide-body img')].filter((img) => !img.complete);
    const stop = () => {
      for (const img of pending) img.removeEventListener('load', reveal);
      for (const type of ['wheel', 'touchstart', 'keydown'] as const) window.removeEventListener(type, stop);
    };
    const timer = setTimeout(() => {
      reveal();
      find()?.focus({ preventScroll: true });
      for (const img of pending) img.addEventListener('load', reveal);
      for (const type of ['wheel', 'touchstart', 'keydown'] as const) window.addEventListener(type, stop, { passive: true });
    }, 0);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [doc, target]);

  if (error) return <NotFound code={error.code} params={error.params} />;
  if (!doc) return <Loading />;
  return (
    <GuideRenderProvider value={{ placeholders, targetAnchor: target }}>
      <article className="guide" lang={doc.lang}>
        <p className="guide-back">
          <a href="#/guides">
            <Icon name="back" />
            {t('back')}
          </a>
        </p>
        <header className="guide-header">
          <h1>{doc.title}</h1>
          <p className="guide-summary">{doc.summary}</p>
          <p className="guide-badges">
            <StatusPill tone="neutral">{t(`audience.${doc.audience}`)}</StatusPill>
            {doc.origin === 'it' ? <StatusPill tone="ok">{t(doc.overrides ? 'origin.itOverrides' : 'origin.it')}</StatusPill> : null}
          </p>
          {doc.fallback ? (
            <Banner tone="info">
              <p>{t('origin.fallback')}</p>
            </Banner>
          ) : null}
        </header>
        <div className="guide-toolbar">
          <Button icon="present" onClick={() => navigate({ name: 'guides', guideId: doc.id, workshop: true, ...(target ? { anchor: target } : {}) })}>
            {t('workshop.action')}
          </Button>
          <Button icon="print" onClick={() => void printSheet(doc.title)}>
            {t('print.action')}
          </Button>
        </div>
        {doc.hasDiagnostics ? <DiagnosticsPanel doc={doc} lang={lang} /> : null}
        <div className="guide-body">
          <Blocks blocks={doc.body} />
        </div>
        <RelatedGuides doc={doc} />
        <Sources doc={doc} />
        <p className="guide-print-footer">{t('print.footer', { title: doc.title })}</p>
      </article>
    </GuideRenderProvider>
  );
}

/** Workshop mode for a guide (the route `#/guides/<id>/workshop`). */
export function GuideWorkshop({ guideId, step, anchor }: GuideLocation) {
  const { doc, error } = useGuideDocument(guideId);
  const navigate = useStore((s) => s.navigate);
  const placeholders = usePlaceholderValues();
  if (error) return <NotFound code={error.code} params={error.params} />;
  if (!doc) return <Loading />;
  return (
    <WorkshopView
      doc={doc}
      placeholders={placeholders}
      anchor={anchor}
      step={step}
      onExit={(at) => navigate({ name: 'guides', guideId, ...(at ? { anchor: at } : {}) })}
    />
  );
}
