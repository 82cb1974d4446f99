import type { Block, GuideDocument, Inline } from './guide-document';

/**
 * Workshop mode: a guide presented full-screen, one step per slide, in large type (trainers, with a
 * clicker: PageDown/PageUp/arrows, B for black). A pure function of the document, shared by the
 * renderer (it imports this file) and the tests.
 *
 *  - a title slide: title, summary and the introduction (the blocks before the first `##`);
 *  - one slide per step, labelled with its `###` group ("Sous Windows") when there is one;
 *  - text, lists or figures that sit between steps become a slide of their own;
 *  - every other `##` section (« Bon à savoir », « Si ça ne suffit pas ») is one slide.
 */
export type Slide =
  | { kind: 'title'; title: string; summary: string; children: Block[] }
  | {
      kind: 'step';
      /** The step id: `guide:<id>#<stepId>` opens the guide at this step. */
      stepId: string;
      number: number;
      /** 1-based position among all the steps of the guide, and their count ("Étape 3 sur 8"). */
      position: number;
      totalSteps: number;
      /** The `###` heading the step is under, if any. */
      group: Inline[] | null;
      children: Block[];
    }
  | { kind: 'section'; heading: Inline[] | null; sectionId: string | null; children: Block[] };

export function splitIntoSlides(doc: Pick<GuideDocument, 'title' | 'summary' | 'body'>): Slide[] {
  const totalSteps = doc.body.reduce((n, b) => n + (b.type === 'steps' ? b.items.length : 0), 0);
  const title: Slide & { kind: 'title' } = { kind: 'title', title: doc.title, summary: doc.summary, children: [] };
  const slides: Slide[] = [title];
  let inIntro = true;
  let sectionId: string | null = null;
  let group: Inline[] | null = null;
  let pending: Slide & { kind: 'section' } = { kind: 'section', heading: null, sectionId: null, children: [] };
  let position = 0;

  const flush = () => {
    if (pending.children.length > 0) slides.push(pending);
    pending = { kind: 'section', heading: group, sectionId, children: [] };
  };

  for (const block of doc.body) {
    if (block.type === 'heading' && block.depth === 2) {
      flush();
      inIntro = false;
      sectionId = block.id;
      group = null;
      pending = { kind: 'section', heading: block.children, sectionId, children: [] };
      continue;
    }
    if (inIntro) {
      title.children.push(block);
      continue;
    }
    if (block.type === 'heading' && block.depth === 3) {
      flush();
      group = block.children;
      pending = { kind: 'section', heading: group, sectionId, children: [] };
      continue;
    }
    if (block.type === 'steps') {
      flush();
      for (const step of block.items) {
        position += 1;
        slides.push({ kind: 'step', stepId: step.id, number: step.number, position, totalSteps, group, children: step.children });
      }
      continue;
    }
    pending.children.push(block);
  }
  flush();
  return slides;
}

/** The index of the slide showing a step or section anchor (workshop mode opened at a step). */
export function slideIndexOf(slides: readonly Slide[], anchor: string): number {
  const i = slides.findIndex((s) => (s.kind === 'step' && s.stepId === anchor) || (s.kind === 'section' && s.sectionId === anchor));
  return i < 0 ? 0 : i;
}
