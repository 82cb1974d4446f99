import { createContext, Fragment, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GUIDE_LINK_PATTERN } from '../../../preload/contract/limits';
import type { Block, GuideStep, Inline, PlaceholderName } from '../../../preload/contract/guide-document';
import { formatRoute, guideRoute } from '../../app/router';
import { guideImageUrl } from './guide-images';
import type { PlaceholderValues } from './placeholders';

/**
 * The guide document tree (built and checked in main) mapped to React elements, one node type at a
 * time. There is no Markdown parser and no raw HTML here: text is text, links are either in-app guide
 * routes or https pages opened outside the app, images are only the bundled diagrams.
 */

export interface GuideRenderOptions {
  placeholders: PlaceholderValues;
  /** The step or section the guide was opened at (highlighted). */
  targetAnchor: string | null;
}

const GuideRenderContext = createContext<GuideRenderOptions>({ placeholders: {}, targetAnchor: null });

export const GuideRenderProvider = GuideRenderContext.Provider;

/** DOM id of a step: stable, so links and tests can find it (`guide-step-input`). */
export const stepDomId = (anchor: string) => `guide-step-${anchor}`;
/** DOM id of a section heading (`guide-section-escalate`). */
export const sectionDomId = (anchor: string) => `guide-section-${anchor}`;

/** Only https pages leave the app, and never with credentials in the address. */
export function isSafeExternalUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

function Placeholder({ name }: { name: PlaceholderName }) {
  const { t } = useTranslation('guides');
  const { placeholders } = useContext(GuideRenderContext);
  const value = placeholders[name];
  return <span className={value ? 'guide-placeholder' : 'guide-placeholder guide-placeholder--missing'}>{value ?? t(`placeholder.missing.${name}`)}</span>;
}

function GuideLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useTranslation('guides');
  if (GUIDE_LINK_PATTERN.test(href)) return <a href={formatRoute(guideRoute(href))}>{children}</a>;
  if (isSafeExternalUrl(href)) {
    // Electron's window-open handler sends allow-listed https pages to the system browser; the web
    // preview opens a tab. Either way the page never runs inside the app.
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" className="guide-external">
        {children}
        <span className="visually-hidden"> ({t('link.newWindow')})</span>
      </a>
    );
  }
  return <>{children}</>;
}

export function Inlines({ nodes }: { nodes: readonly Inline[] }) {
  return (
    <>
      {nodes.map((node, i) => {
        switch (node.type) {
          case 'text':
            return <Fragment key={i}>{node.value}</Fragment>;
          case 'strong':
            return (
              <strong key={i}>
                <Inlines nodes={node.children} />
              </strong>
            );
          case 'emphasis':
            return (
              <em key={i}>
                <Inlines nodes={node.children} />
              </em>
            );
          case 'key':
            return <kbd key={i}>{node.value}</kbd>;
          case 'link':
            return (
              <GuideLink key={i} href={node.href}>
                <Inlines nodes={node.children} />
              </GuideLink>
            );
          case 'placeholder':
            return <Placeholder key={i} name={node.name} />;
          case 'break':
            return <br key={i} />;
          default:
            return null;
        }
      })}
    </>
  );
}

function Figure({ src, alt, title }: { src: string; alt: string; title: string | null }) {
  const url = guideImageUrl(src);
  if (!url) return <p className="guide-figure guide-figure--missing">{alt}</p>;
  return (
    <figure className="guide-figure">
      <img src={url} alt={alt} />
      {title ? <figcaption>{title}</figcaption> : null}
    </figure>
  );
}

function Step({ step }: { step: GuideStep }) {
  const { targetAnchor } = useContext(GuideRenderContext);
  const target = targetAnchor === step.id;
  return (
    <li
      id={stepDomId(step.id)}
      value={step.number}
      className={target ? 'guide-step guide-step--target' : 'guide-step'}
      aria-current={target ? 'step' : undefined}
      tabIndex={-1}
    >
      <Blocks blocks={step.children} />
    </li>
  );
}

function Heading({ block }: { block: Extract<Block, { type: 'heading' }> }) {
  const { targetAnchor } = useContext(GuideRenderContext);
  const Tag = block.depth === 2 ? 'h2' : 'h3';
  const target = block.id !== null && block.id === targetAnchor;
  return (
    <Tag id={block.id ? sectionDomId(block.id) : undefined} className={target ? 'guide-heading guide-heading--target' : 'guide-heading'} tabIndex={block.id ? -1 : undefined}>
      <Inlines nodes={block.children} />
    </Tag>
  );
}

export function Blocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.type) {
          case 'heading':
            return <Heading key={i} block={block} />;
          case 'paragraph':
            return (
              <p key={i}>
                <Inlines nodes={block.children} />
              </p>
            );
          case 'figure':
            return <Figure key={i} src={block.src} alt={block.alt} title={block.title} />;
          case 'list': {
            const Tag = block.ordered ? 'ol' : 'ul';
            return (
              <Tag key={i} className="guide-list">
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Blocks blocks={item} />
                  </li>
                ))}
              </Tag>
            );
          }
          case 'steps':
            return (
              <ol key={i} className="guide-steps">
                {block.items.map((step) => (
                  <Step key={step.id} step={step} />
                ))}
              </ol>
            );
          case 'note':
            return (
              <div key={i} className="guide-note" role="note">
                <Blocks blocks={block.children} />
              </div>
            );
          default:
            return null;
        }
      })}
    </>
  );
}

/** Every step of a document, in reading order (`?step=3` counts over the whole guide). */
export function allSteps(blocks: readonly Block[]): GuideStep[] {
  const out: GuideStep[] = [];
  for (const b of blocks) {
    if (b.type === 'steps') out.push(...b.items);
    else if (b.type === 'note') out.push(...allSteps(b.children));
  }
  return out;
}
