import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRoute } from '../../app/router';
import { useStore } from '../../store';
import { Banner } from '../../ui/banner';
import { Spinner } from '../../ui/spinner';
import { GuideSearch } from './search-box';
import { groupByTheme } from './themes';
import { useGuideLang } from './use-guide-lang';

/** The guides home: the search box first, then every guide grouped by theme and audience. */
export function GuidesHome({ query }: { query?: string | undefined }) {
  const { t } = useTranslation('guides');
  const lang = useGuideLang();
  const list = useStore((s) => s.guideList);
  const error = useStore((s) => s.guideListError);
  const load = useStore((s) => s.loadGuideList);
  const current = list && list.lang === lang ? list : null;

  useEffect(() => {
    if (!current) void load(lang);
  }, [current, lang, load]);

  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      <GuideSearch initialQuery={query} />
      <section className="guide-catalog" aria-labelledby="guides-all-title">
        <h2 id="guides-all-title">{t('list.title')}</h2>
        {error ? (
          <Banner tone="error">
            <p>{t(`errors:${error.code}`, { ...error.params, defaultValue: t('errors:app.unexpected') })}</p>
          </Banner>
        ) : null}
        {!current && !error ? <Spinner label={t('list.loading')} /> : null}
        {current
          ? groupByTheme(current.items).map(({ theme, guides }) => (
              <section key={theme} className="guide-theme" aria-labelledby={`guide-theme-${theme}`}>
                <h3 id={`guide-theme-${theme}`}>{t(`theme.${theme}`)}</h3>
                <ul className="guide-cards">
                  {guides.map((g) => (
                    <li key={g.id}>
                      <a className="guide-card" href={formatRoute({ name: 'guides', guideId: g.id })}>
                        <span className="guide-card__title">{g.title}</span>
                        <span className="guide-card__summary">{g.summary}</span>
                        {g.origin === 'it' ? <span className="guide-card__origin">{t(g.overrides ? 'origin.itOverrides' : 'origin.it')}</span> : null}
                        {g.hasDiagnostics ? <span className="guide-card__diag">{t('list.hasDiagnostics')}</span> : null}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          : null}
      </section>
    </>
  );
}
