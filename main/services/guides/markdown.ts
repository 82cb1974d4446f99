import type { Blockquote, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import {
  ANCHOR_PATTERN,
  GUIDE_LINK_PATTERN,
  PLACEHOLDERS,
  type Block,
  type GuideLang,
  type GuideStep,
  type Inline,
  type PlaceholderName,
} from '../../../preload/contract/guide-document';
import { frenchTypography } from './typography';

/**
 * Guide Markdown → the closed document tree of preload/contract/guide-document.ts.
 *
 * micromark (via mdast-util-from-markdown) is a CommonMark parser that turns any HTML it meets into
 * `html` nodes instead of interpreting it; we then keep only a whitelist of node types. Anything else
 * (raw HTML, code blocks, reference links, images that are not ours, links that are not https or
 * `guide:`) is dropped and reported as an issue: bundled guides must have none (the content lint
 * test fails), IT packs keep the rest of the guide and show the issues to IT.
 *
 * Conventions of guide Markdown:
 *  - `## Étapes {#steps}`: the ordered lists under this heading are the steps (one action each);
 *    `### Sous Windows` sub-headings may group them.
 *  - `## Si ça ne suffit pas {#escalate}`: who to call.
 *  - A step gets a stable anchor by ending its first line with `{#name}`; headings likewise.
 *  - `{{it.contact}}` (and the other PLACEHOLDERS) are filled in by the renderer from the IT profile.
 *  - Inline code means a key: `Windows` + `P`.
 *  - An image alone in its paragraph is a figure: `![Les prises](../images/cable-ports.svg)`.
 */

export interface MarkdownIssue {
  code:
    | 'raw-html'
    | 'unsupported-node'
    | 'bad-link'
    | 'bad-image'
    | 'inline-image'
    | 'bad-heading'
    | 'bad-anchor'
    | 'duplicate-anchor'
    | 'bad-placeholder';
  message: string;
  /** 1-based line in the Markdown file, when known. */
  line: number | null;
}

export interface ParseMarkdownOptions {
  lang: GuideLang;
  /** Names of the bundled diagrams (`images/cable-ports.svg`); any other image is refused. */
  images: ReadonlySet<string>;
  /** Added to mdast line numbers so that issues point at the file's lines (after the front matter). */
  lineOffset?: number;
}

export interface ParsedMarkdown {
  body: Block[];
  /** Anchors given by the author (steps and headings), in document order. */
  anchors: string[];
  /** Every `guide:` link target, to check once all guides are known. */
  links: { href: string; line: number | null }[];
  /** Plain text of the steps (and their sub-headings), for the search index. */
  stepsText: string;
  /** Plain text of the whole body. */
  text: string;
  issues: MarkdownIssue[];
}

const ANCHOR_SUFFIX = /[ \t]*\{#([^}\s]*)\}[ \t]*$/;
const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

export function parseGuideMarkdown(markdown: string, options: ParseMarkdownOptions): ParsedMarkdown {
  const state = new Converter(options);
  const tree: Root = fromMarkdown(markdown);
  const body = state.root(tree);
  return {
    body,
    anchors: state.anchors,
    links: state.links,
    stepsText: state.stepsText.join('\n'),
    text: blocksText(body),
    issues: state.issues,
  };
}

class Converter {
  readonly anchors: string[] = [];
  readonly links: { href: string; line: number | null }[] = [];
  readonly issues: MarkdownIssue[] = [];
  readonly stepsText: string[] = [];
  private section: string | null = null;
  private stepCount = 0;

  constructor(private readonly options: ParseMarkdownOptions) {}

  root(tree: Root): Block[] {
    const out: Block[] = [];
    for (const node of tree.children) {
      if (node.type === 'heading' && node.depth === 2) {
        const heading = this.heading(node);
        this.section = heading?.type === 'heading' ? heading.id : null;
        if (heading) out.push(heading);
        continue;
      }
      out.push(...this.block(node));
    }
    return out;
  }

  private line(node: { position?: { start: { line: number } } | undefined }): number | null {
    const l = node.position?.start.line;
    return l === undefined ? null : l + (this.options.lineOffset ?? 0);
  }

  private issue(code: MarkdownIssue['code'], message: string, node: { position?: { start: { line: number } } | undefined }): void {
    this.issues.push({ code, message, line: this.line(node) });
  }

  private block(node: RootContent): Block[] {
    switch (node.type) {
      case 'paragraph':
        return this.paragraph(node);
      case 'heading': {
        const h = this.heading(node);
        if (h?.type === 'heading' && this.section === 'steps') this.stepsText.push(inlinesText(h.children));
        return h ? [h] : [];
      }
      case 'list':
        return [this.list(node)];
      case 'blockquote':
        return [this.note(node)];
      case 'html':
        this.issue('raw-html', `raw HTML is not allowed: ${node.value.slice(0, 60)}`, node);
        return [];
      default:
        this.issue('unsupported-node', `"${node.type}" is not allowed in a guide`, node);
        return [];
    }
  }

  private heading(node: Heading): Block | null {
    if (node.depth !== 2 && node.depth !== 3) {
      this.issue('bad-heading', `heading level ${node.depth}: use ## or ### (the title comes from the front matter)`, node);
      return null;
    }
    const { children, anchor } = this.withAnchor(node.children, node);
    return { type: 'heading', depth: node.depth, id: anchor, children };
  }

  private paragraph(node: Paragraph): Block[] {
    const significant = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    if (significant.length === 1 && significant[0]?.type === 'image') {
      const figure = this.figure(significant[0]);
      return figure ? [figure] : [];
    }
    const children = this.inlines(node.children);
    return children.length > 0 ? [{ type: 'paragraph', children }] : [];
  }

  private figure(node: Extract<PhrasingContent, { type: 'image' }>): Block | null {
    const src = normaliseImagePath(node.url);
    if (!src || !this.options.images.has(src)) {
      this.issue('bad-image', `image "${node.url}" is not one of the bundled diagrams (assets/guides/images/*.svg)`, node);
      return null;
    }
    const alt = this.text(node.alt ?? '').trim();
    if (!alt) this.issue('bad-image', `image "${node.url}" needs a description (![description](…))`, node);
    return { type: 'figure', src, alt, title: node.title ? this.text(node.title) : null };
  }

  private list(node: List): Block {
    if (node.ordered && this.section === 'steps') {
      const items: GuideStep[] = [];
      let number = node.start ?? 1;
      for (const item of node.children) {
        items.push(this.step(item, number));
        number += 1;
      }
      return { type: 'steps', items };
    }
    return { type: 'list', ordered: node.ordered === true, items: node.children.map((item) => this.itemBlocks(item)) };
  }

  private step(item: ListItem, number: number): GuideStep {
    this.stepCount += 1;
    let anchor: string | null = null;
    const children: Block[] = [];
    item.children.forEach((child, index) => {
      if (index === 0 && child.type === 'paragraph') {
        const { children: inlines, anchor: a } = this.withAnchor(child.children, child);
        anchor = a;
        if (inlines.length > 0) children.push({ type: 'paragraph', children: inlines });
        return;
      }
      children.push(...this.block(child));
    });
    this.stepsText.push(blocksText(children));
    return { id: anchor ?? `step-${this.stepCount}`, anchored: anchor !== null, number, children };
  }

  private itemBlocks(item: ListItem): Block[] {
    return item.children.flatMap((child) => this.block(child));
  }

  private note(node: Blockquote): Block {
    return { type: 'note', children: node.children.flatMap((child) => this.block(child)) };
  }

  /** Converts phrasing content and takes a trailing `{#anchor}` off the last text node. */
  private withAnchor(nodes: PhrasingContent[], owner: Paragraph | Heading): { children: Inline[]; anchor: string | null } {
    let anchor: string | null = null;
    const copy = [...nodes];
    const last = copy[copy.length - 1];
    if (last?.type === 'text') {
      const m = ANCHOR_SUFFIX.exec(last.value);
      if (m) {
        const name = m[1] ?? '';
        if (!ANCHOR_PATTERN.test(name) || name.startsWith('step-')) {
          this.issue('bad-anchor', `anchor "{#${name}}": use lowercase letters, digits and hyphens, not "step-…"`, owner);
        } else if (this.anchors.includes(name)) {
          this.issue('duplicate-anchor', `anchor "${name}" is used twice`, owner);
        } else {
          anchor = name;
          this.anchors.push(name);
        }
        copy[copy.length - 1] = { ...last, value: last.value.slice(0, m.index) };
      }
    }
    return { children: this.inlines(copy), anchor };
  }

  private inlines(nodes: PhrasingContent[]): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) out.push(...this.inline(node));
    // Adjacent text nodes (after placeholders and dropped nodes) are merged for the renderer.
    const merged: Inline[] = [];
    for (const n of out) {
      const prev = merged[merged.length - 1];
      if (n.type === 'text' && prev?.type === 'text') prev.value += n.value;
      else if (!(n.type === 'text' && n.value === '')) merged.push(n);
    }
    return merged;
  }

  private inline(node: PhrasingContent): Inline[] {
    switch (node.type) {
      case 'text':
        return this.textWithPlaceholders(node.value, node);
      case 'strong':
        return [{ type: 'strong', children: this.inlines(node.children) }];
      case 'emphasis':
        return [{ type: 'emphasis', children: this.inlines(node.children) }];
      case 'inlineCode':
        return [{ type: 'key', value: node.value }];
      case 'break':
        return [{ type: 'break' }];
      case 'link': {
        const children = this.inlines(node.children);
        if (node.url.startsWith('https://') && isValidHttpsUrl(node.url)) return [{ type: 'link', href: node.url, children }];
        if (GUIDE_LINK_PATTERN.test(node.url)) {
          this.links.push({ href: node.url, line: this.line(node) });
          return [{ type: 'link', href: node.url, children }];
        }
        this.issue('bad-link', `link "${node.url.slice(0, 80)}": only https:// pages and guide:<id> links are allowed`, node);
        return children;
      }
      case 'image':
        this.issue('inline-image', `image "${node.url}" must be alone in its paragraph (it becomes a figure)`, node);
        return [];
      case 'html':
        this.issue('raw-html', `raw HTML is not allowed: ${node.value.slice(0, 60)}`, node);
        return [];
      default:
        this.issue('unsupported-node', `"${node.type}" is not allowed in a guide`, node);
        return [];
    }
  }

  private textWithPlaceholders(value: string, node: PhrasingContent): Inline[] {
    const out: Inline[] = [];
    let last = 0;
    for (const m of value.matchAll(PLACEHOLDER)) {
      const name = m[1] ?? '';
      const index = m.index;
      out.push({ type: 'text', value: this.text(value.slice(last, index)) });
      if ((PLACEHOLDERS as readonly string[]).includes(name)) out.push({ type: 'placeholder', name: name as PlaceholderName });
      else this.issue('bad-placeholder', `unknown placeholder {{${name}}} (known: ${PLACEHOLDERS.join(', ')})`, node);
      last = index + m[0].length;
    }
    out.push({ type: 'text', value: this.text(value.slice(last)) });
    if (/\{#[^}]*\}/.test(value)) this.issue('bad-anchor', 'an anchor {#…} must end a heading or the first line of a step', node);
    return out;
  }

  private text(value: string): string {
    // Markdown soft line breaks become spaces: guides are reflowed on screen and on slides.
    const flat = value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
    return this.options.lang === 'fr' ? frenchTypography(flat) : flat;
  }
}

function isValidHttpsUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.length > 0 && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** `../images/x.svg`, `./images/x.svg` or `images/x.svg` → `images/x.svg`; anything else → null. */
export function normaliseImagePath(url: string): string | null {
  const path = url.replace(/^(?:\.\.\/|\.\/)+/, '');
  return /^images\/[a-z0-9]+(?:-[a-z0-9]+)*(?:\.en)?\.svg$/.test(path) ? path : null;
}

export function inlinesText(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
        case 'key':
          return n.value;
        case 'strong':
        case 'emphasis':
        case 'link':
          return inlinesText(n.children);
        case 'break':
          return ' ';
        case 'placeholder':
          return '';
      }
    })
    .join('');
}

export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
          return inlinesText(b.children);
        case 'figure':
          return b.alt;
        case 'list':
          return b.items.map((item) => blocksText(item)).join('\n');
        case 'steps':
          return b.items.map((s) => blocksText(s.children)).join('\n');
        case 'note':
          return blocksText(b.children);
      }
    })
    .join('\n');
}
