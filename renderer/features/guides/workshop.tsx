import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../store/api';
import type { GuideDocument } from '../../../preload/contract/guide-document';
import { slideIndexOf, splitIntoSlides, type Slide } from '../../../preload/contract/guide-slides';
import { Button } from '../../ui/button';
import { Blocks, GuideRenderProvider, Inlines } from './guide-blocks';
import type { PlaceholderValues } from './placeholders';
import { nextIndex, workshopAction } from './workshop-keys';

/**
 * Workshop mode (trainers): the guide full-screen, one step per slide, in large type; arrows,
 * PageUp/PageDown (clickers), Space, Home/End; B or "." for a black screen; Escape leaves.
 *
 * In a browser it asks for the Fullscreen API (which needs the click that opened it; without it the
 * page still covers the whole window). In Electron it is the same page: putting the window on the
 * projector's display is the app's job, not this component's.
 */
export interface WorkshopViewProps {
  doc: GuideDocument;
  placeholders: PlaceholderValues;
  /** Open at this step or section anchor… */
  anchor?: string | undefined;
  /** …or at this step (1-based over the whole guide). */
  step?: number | undefined;
  /** Leaves workshop mode; `anchor` is where the presentation was, so the guide opens there. */
  onExit: (anchor: string | null) => void;
}

function initialIndex(slides: readonly Slide[], anchor?: string, step?: number): number {
  if (anchor) return slideIndexOf(slides, anchor);
  if (step) {
    const i = slides.findIndex((s) => s.kind === 'step' && s.position === step);
    return i < 0 ? 0 : i;
  }
  return 0;
}

function anchorOf(slide: Slide | undefined): string | null {
  if (!slide) return null;
  if (slide.kind === 'step') return slide.stepId;
  if (slide.kind === 'section') return slide.sectionId;
  return null;
}

function SlideContent({ slide }: { slide: Slide }) {
  const { t } = useTranslation('guides');
  switch (slide.kind) {
    case 'title':
      return (
        <>
          <h2 className="workshop-title">{slide.title}</h2>
          <p className="workshop-summary">{slide.summary}</p>
          <Blocks blocks={slide.children} />
        </>
      );
    case 'step':
      return (
        <>
          <h2 className="workshop-kicker">
            {t('workshop.stepOf', { position: slide.position, total: slide.totalSteps })}
            {slide.group ? (
              <span className="workshop-group">
                {' — '}
                <Inlines nodes={slide.group} />
              </span>
            ) : null}
          </h2>
          <div className="workshop-step">
            <Blocks blocks={slide.children} />
          </div>
        </>
      );
    case 'section':
      return (
        <>
          {slide.heading ? (
            <h2 className="workshop-kicker">
              <Inlines nodes={slide.heading} />
            </h2>
          ) : null}
          <Blocks blocks={slide.children} />
        </>
      );
  }
}

export function WorkshopView({ doc, placeholders, anchor, step, onExit }: WorkshopViewProps) {
  const { t } = useTranslation('guides');
  const slides = useMemo(() => splitIntoSlides(doc), [doc]);
  const [index, setIndex] = useState(() => initialIndex(slides, anchor, step));
  const [black, setBlack] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  // The key and fullscreen listeners are installed once; they read the latest values here.
  const latest = useRef({ index, black, slides, onExit });
  useLayoutEffect(() => {
    latest.current = { index, black, slides, onExit };
  });

  const exit = () => latest.current.onExit(anchorOf(latest.current.slides[latest.current.index]));

  useEffect(() => {
    rootRef.current?.focus();
    const root = rootRef.current;
    let entered = false;
    // Escape in fullscreen is taken by the browser (the page sees no keydown): leaving fullscreen
    // is leaving workshop mode.
    const onFullscreen = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) {
        entered = false;
        latest.current.onExit(anchorOf(latest.current.slides[latest.current.index]));
      }
    };
    document.addEventListener('fullscreenchange', onFullscreen);
    // In the app, the window first goes onto the projector's display; a browser stays where it is.
    void Promise.resolve()
      .then(() => api().app.workshopDisplay({ on: true }))
      .catch(() => null)
      .then(() => {
        if (root && typeof root.requestFullscreen === 'function' && !document.fullscreenElement) {
          root.requestFullscreen().catch(() => {
            // Refused (no user gesture, Electron's permission policy): the page still covers the window.
          });
        }
      });
    const onKey = (event: KeyboardEvent) => {
      const action = workshopAction(event);
      if (!action) return;
      event.preventDefault();
      const { index: current, black: isBlack, slides: all } = latest.current;
      if (action === 'exit') {
        latest.current.onExit(anchorOf(all[current]));
        return;
      }
      if (action === 'black') {
        setBlack(!isBlack);
        return;
      }
      // On a black screen the first key brings the picture back, without moving (as presentation software does).
      if (isBlack) {
        setBlack(false);
        return;
      }
      setIndex(nextIndex(action, current, all.length));
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      entered = false;
      if (document.fullscreenElement && typeof document.exitFullscreen === 'function') void document.exitFullscreen().catch(() => {});
      void Promise.resolve()
        .then(() => api().app.workshopDisplay({ on: false }))
        .catch(() => null);
    };
  }, []);

  const slide = slides[index] ?? slides[0]!;
  const last = slides.length - 1;
  return (
    <div className="workshop" ref={rootRef} tabIndex={-1} role="region" aria-label={t('workshop.label', { title: doc.title })}>
      <GuideRenderProvider value={{ placeholders, targetAnchor: null }}>
        <div className="workshop-top">
          <h1 className="workshop-guide-title">{doc.title}</h1>
          <p className="workshop-counter" aria-live="polite">
            {t('workshop.slide', { current: index + 1, total: slides.length })}
          </p>
        </div>
        <div className={`workshop-slide workshop-slide--${slide.kind}`} data-slide={index}>
          <SlideContent slide={slide} />
          {index === last ? <p className="workshop-end">{t('workshop.end')}</p> : null}
        </div>
        <div className="workshop-controls">
          <Button icon="back" size="large" onClick={() => setIndex(nextIndex('previous', index, slides.length))} aria-disabled={index === 0 || undefined}>
            {t('workshop.previous')}
          </Button>
          <Button icon="chevron" size="large" variant="primary" onClick={() => setIndex(nextIndex('next', index, slides.length))} aria-disabled={index === last || undefined}>
            {t('workshop.next')}
          </Button>
          <Button size="large" onClick={() => setBlack(true)}>
            {t('workshop.blank')}
          </Button>
          <Button icon="close" size="large" onClick={exit}>
            {t('workshop.exit')}
          </Button>
          <p className="workshop-hint">{t('workshop.hint')}</p>
        </div>
      </GuideRenderProvider>
      {black ? (
        <div className="workshop-black" role="status" onClick={() => setBlack(false)}>
          <span className="visually-hidden">{t('workshop.blackOn')}</span>
        </div>
      ) : null}
    </div>
  );
}
