import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRoute } from '../../app/router';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { Icon } from '../../ui/icon';
import { useGuideLang } from './use-guide-lang';

/**
 * « Décrivez le problème »: the search runs in main (accent-, case- and typo-tolerant) as the teacher
 * types; results show title and summary. Enter opens the first result, ↓ moves into the results.
 * The query is kept in the address (replaced, not pushed) so Back returns to the same results.
 */
export function GuideSearch({ initialQuery }: { initialQuery?: string | undefined }) {
  const { t } = useTranslation('guides');
  const lang = useGuideLang();
  const search = useStore((s) => s.guideSearch);
  const searchGuides = useStore((s) => s.searchGuides);
  const navigate = useStore((s) => s.navigate);
  const focusRequested = useStore((s) => s.focusGuideSearch);
  const requestFocus = useStore((s) => s.requestGuideSearchFocus);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLUListElement>(null);
  const id = useId();

  // A query from the address (reload, Back) or a language change: ask again.
  useEffect(() => {
    const query = useStore.getState().guideSearch.query || initialQuery || '';
    if (query) void searchGuides(query, lang);
  }, [initialQuery, lang, searchGuides]);

  // « Ça ne marche pas ? » opens this page ready to type (after the shell has focused the page).
  useEffect(() => {
    if (!focusRequested) return;
    const timer = setTimeout(() => {
      inputRef.current?.focus();
      requestFocus(false);
    }, 0);
    return () => clearTimeout(timer);
  }, [focusRequested, requestFocus]);

  const setQuery = (query: string) => {
    void searchGuides(query, lang);
    if (typeof history !== 'undefined') history.replaceState(history.state, '', formatRoute({ name: 'guides', ...(query ? { query } : {}) }));
  };

  const focusResult = (delta: number) => {
    const links = [...(resultsRef.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at + delta < 0) return inputRef.current?.focus();
    links[Math.min(links.length - 1, at + delta)]?.focus();
  };

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusResult(1);
    } else if (e.key === 'Escape' && search.query) {
      e.preventDefault();
      setQuery('');
    }
  };
  const onResultsKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusResult(e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  const showing = search.query.trim() !== '' && search.hitsQuery === search.query;
  const hits = search.query.trim() === '' ? [] : search.hits;
  return (
    <div className="guide-search">
      <form
        role="search"
        aria-label={t('search.label')}
        onSubmit={(e) => {
          e.preventDefault();
          const first = hits[0];
          if (first) navigate({ name: 'guides', guideId: first.id });
        }}
      >
        <label htmlFor={`${id}-q`} className="guide-search__label">
          {t('search.label')}
        </label>
        <div className="guide-search__field">
          <Icon name="search" className="guide-search__icon" />
          <input
            ref={inputRef}
            id={`${id}-q`}
            type="search"
            value={search.query}
            onChange={(e) => setQuery(e.target.value.slice(0, 200))}
            onKeyDown={onInputKey}
            placeholder={t('search.placeholder')}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            aria-describedby={`${id}-hint`}
            aria-controls={`${id}-results`}
            maxLength={200}
          />
          {search.query ? <Button variant="ghost" icon="close" aria-label={t('search.clear')} onClick={() => (setQuery(''), inputRef.current?.focus())} /> : null}
        </div>
        <p id={`${id}-hint`} className="guide-search__hint cn-muted">
          {t('search.hint')}
        </p>
      </form>
      <p role="status" aria-live="polite" className="guide-search__count">
        {showing ? (hits.length > 0 ? t('search.results', { count: hits.length }) : t('search.empty')) : ''}
      </p>
      <ul id={`${id}-results`} ref={resultsRef} className="guide-results" onKeyDown={onResultsKey} hidden={hits.length === 0}>
        {hits.map((hit) => (
          <li key={hit.id}>
            <a className="guide-result" href={formatRoute({ name: 'guides', guideId: hit.id })}>
              <span className="guide-result__title">{hit.title}</span>
              <span className="guide-result__summary">{hit.summary}</span>
              {hit.origin === 'it' ? <span className="guide-result__origin">{t('origin.it')}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
