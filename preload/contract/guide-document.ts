import { z } from 'zod';
import { ANCHOR_PATTERN, GUIDE_LINK_PATTERN } from './limits';

export { ANCHOR_PATTERN, GUIDE_LINK_PATTERN };
import { LIMITS } from './common';

/**
 * The troubleshooting guides as they cross the contract. Main parses the Markdown once at load
 * (main/services/guides), rejects raw HTML, checks every link and image, applies French typography,
 * and hands the renderer this small, closed document tree. The renderer maps each node type to a
 * React element (no Markdown parser, no `dangerouslySetInnerHTML`), so nothing in a guide, not even an
 * IT pack, can inject markup.
 */

export const GUIDE_LANGS = ['fr', 'en'] as const;
export const GuideLang = z.enum(GUIDE_LANGS);
export type GuideLang = z.infer<typeof GuideLang>;

/** Guide ids are kebab-case; other code refers to them as `guide:<id>`. */
export const GUIDE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const GuideIdSchema = z.string().min(1).max(64).regex(GUIDE_ID_PATTERN);

/** Anchors of steps and headings (`{#input}` in the Markdown). Stable: error codes point at them. */
export const Anchor = z.string().min(1).max(64).regex(ANCHOR_PATTERN);

/** Link targets a guide may use: a web page (https only) or another guide, optionally at a step. */

/**
 * Values the renderer fills in from the IT profile (`{{it.contact}}` in the Markdown). They are
 * nodes, not text, so the renderer never does string replacement on guide text.
 */
export const PLACEHOLDERS = ['it.contact', 'it.name', 'it.phone', 'it.email', 'room.name'] as const;
export const PlaceholderName = z.enum(PLACEHOLDERS);
export type PlaceholderName = z.infer<typeof PlaceholderName>;

const MAX_CHILDREN = 200;
const ShortText = z.string().max(LIMITS.text);

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  /** Inline code in guide Markdown always means a key or a key combination: render as <kbd>. */
  | { type: 'key'; value: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'placeholder'; name: PlaceholderName }
  | { type: 'break' };

export const Inline: z.ZodType<Inline> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('text'), value: ShortText }),
    z.strictObject({ type: z.literal('strong'), children: z.array(Inline).max(MAX_CHILDREN) }),
    z.strictObject({ type: z.literal('emphasis'), children: z.array(Inline).max(MAX_CHILDREN) }),
    z.strictObject({ type: z.literal('key'), value: z.string().max(LIMITS.name) }),
    z.strictObject({
      type: z.literal('link'),
      href: z
        .string()
        .max(LIMITS.path)
        .refine((h) => h.startsWith('https://') || GUIDE_LINK_PATTERN.test(h), 'https or guide: link'),
      children: z.array(Inline).max(MAX_CHILDREN),
    }),
    z.strictObject({ type: z.literal('placeholder'), name: PlaceholderName }),
    z.strictObject({ type: z.literal('break') }),
  ]),
);

export interface GuideStep {
  /** The explicit anchor (`{#input}`) or `step-<n>` (n counts every step of the guide from 1). */
  id: string;
  /** True when the author gave the anchor: only those are stable enough for links and error codes. */
  anchored: boolean;
  /** Number shown next to the step (restarts with each list of steps). */
  number: number;
  /** The first block is the action ("Appuyez sur Source"); the rest explains or illustrates it. */
  children: Block[];
}

export type Block =
  | { type: 'heading'; depth: 2 | 3; id: string | null; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  /** A bundled diagram: `src` is `images/<name>.svg`; the renderer maps it to its own bundled URL. */
  | { type: 'figure'; src: string; alt: string; title: string | null }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  /** An ordered list inside the « Étapes » section: one action per step. */
  | { type: 'steps'; items: GuideStep[] }
  /** A Markdown blockquote: a callout ("Attention", "Bon à savoir"). */
  | { type: 'note'; children: Block[] };

export const BUNDLED_IMAGE_PATTERN = /^images\/[a-z0-9]+(?:-[a-z0-9]+)*(?:\.en)?\.svg$/;

export const GuideStep: z.ZodType<GuideStep> = z.lazy(() =>
  z.strictObject({
    id: Anchor,
    anchored: z.boolean(),
    number: z.number().int().min(0).max(1000),
    children: z.array(Block).max(MAX_CHILDREN),
  }),
);

export const Block: z.ZodType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('heading'),
      depth: z.union([z.literal(2), z.literal(3)]),
      id: Anchor.nullable(),
      children: z.array(Inline).max(MAX_CHILDREN),
    }),
    z.strictObject({ type: z.literal('paragraph'), children: z.array(Inline).max(MAX_CHILDREN) }),
    z.strictObject({
      type: z.literal('figure'),
      src: z.string().max(LIMITS.path).regex(BUNDLED_IMAGE_PATTERN),
      alt: ShortText,
      title: ShortText.nullable(),
    }),
    z.strictObject({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(Block).max(MAX_CHILDREN)).max(MAX_CHILDREN) }),
    z.strictObject({ type: z.literal('steps'), items: z.array(GuideStep).max(MAX_CHILDREN) }),
    z.strictObject({ type: z.literal('note'), children: z.array(Block).max(MAX_CHILDREN) }),
  ]),
);

/** Live checks and fixes a guide may declare (main/services/guides/diagnostics.ts runs them). */
export const CHECK_IDS = [
  'projector.reachable',
  'pjlink.auth',
  'projector.power',
  'projector.input',
  'projector.signal',
  'projector.mute',
  'projector.errors',
  'display.external',
] as const;
export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

export const FIX_IDS = ['projector.powerOn', 'projector.selectInput', 'projector.unmute', 'display.duplicate'] as const;
export const FixId = z.enum(FIX_IDS);
export type FixId = z.infer<typeof FixId>;

/** One line of a guide's `diagnostics:` front matter: a check, the fix it offers, the step it explains. */
export const DiagnosticStep = z.strictObject({ check: CheckId, fix: FixId.nullable(), step: Anchor.nullable() });
export type DiagnosticStep = z.infer<typeof DiagnosticStep>;

export const GuideSourceRef = z.strictObject({
  title: z.string().max(LIMITS.name),
  url: z.string().max(LIMITS.path).startsWith('https://'),
  note: z.string().max(LIMITS.name).nullable(),
});
export type GuideSourceRef = z.infer<typeof GuideSourceRef>;

export const GuideAudience = z.enum(['teacher', 'it']);
export type GuideAudience = z.infer<typeof GuideAudience>;

/** Where a guide comes from: shipped with the app, or the school's IT pack (shown as such). */
export const GuideOrigin = z.enum(['bundled', 'it']);
export type GuideOrigin = z.infer<typeof GuideOrigin>;

export const GuideSummary = z.strictObject({
  id: GuideIdSchema,
  lang: GuideLang,
  title: z.string().max(LIMITS.name),
  summary: z.string().max(LIMITS.text),
  audience: GuideAudience,
  origin: GuideOrigin,
  /** An IT guide that replaces one of ours (same id). */
  overrides: z.boolean(),
  /** True when the guide is shown in the other language because this one has no version in `lang`. */
  fallback: z.boolean(),
  hasDiagnostics: z.boolean(),
});
export type GuideSummary = z.infer<typeof GuideSummary>;

export const GuideDocument = z.strictObject({
  ...GuideSummary.shape,
  keywords: z.array(z.string().max(LIMITS.name)).max(100),
  related: z.array(GuideIdSchema).max(20),
  diagnostics: z.array(DiagnosticStep).max(20),
  sources: z.array(GuideSourceRef).max(30),
  /** The anchors authors gave to steps and headings: the targets of `guide:<id>#<anchor>` links. */
  anchors: z.array(Anchor).max(MAX_CHILDREN),
  body: z.array(Block).max(MAX_CHILDREN),
});
export type GuideDocument = z.infer<typeof GuideDocument>;

export const SearchHit = z.strictObject({
  id: GuideIdSchema,
  title: z.string().max(LIMITS.name),
  summary: z.string().max(LIMITS.text),
  origin: GuideOrigin,
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

// ——— Live diagnostics ———

export const CheckStatus = z.enum(['pending', 'running', 'pass', 'warn', 'fail', 'skipped', 'error', 'fixing']);
export type CheckStatus = z.infer<typeof CheckStatus>;

const Params = z.record(z.string().max(LIMITS.id), z.union([z.string().max(LIMITS.text), z.number()]));

export const DiagnosticItem = z.strictObject({
  /** `<check>@<target>`: target is a device id, or `computer` for checks on the laptop. */
  key: z.string().max(LIMITS.id * 2),
  check: CheckId,
  deviceId: z.string().max(LIMITS.id).nullable(),
  deviceName: z.string().max(LIMITS.name).nullable(),
  status: CheckStatus,
  /**
   * The plain explanation: an i18n key in the `diagnostics` catalog (`check.projector.power.standby`),
   * interpolated with `params`.
   */
  messageKey: z.string().max(LIMITS.id),
  params: Params,
  /** The fix offered for this failure ("Réparer"), null when there is none. */
  fix: FixId.nullable(),
  /** Set when the last fix failed: a ServiceError's information (code, params, guide). */
  fixError: z
    .strictObject({
      code: z.string().max(LIMITS.id),
      params: Params.optional(),
      guide: z.string().max(LIMITS.id).optional(),
      detail: z.string().max(LIMITS.text).optional(),
    })
    .nullable(),
  /** Technical detail for IT (shown behind « Détails » and in the copied report). */
  detail: z.string().max(LIMITS.text).nullable(),
  /** The step of the guide this check explains (anchor), when the guide has one. */
  anchor: Anchor.nullable(),
});
export type DiagnosticItem = z.infer<typeof DiagnosticItem>;

export const DiagnosticRun = z.strictObject({
  id: z.string().max(LIMITS.id),
  guideId: GuideIdSchema,
  roomId: z.string().max(LIMITS.id).nullable(),
  roomName: z.string().max(LIMITS.name).nullable(),
  startedAt: z.number(),
  /** null while checks or a fix are still running. */
  finishedAt: z.number().nullable(),
  items: z.array(DiagnosticItem).max(200),
});
export type DiagnosticRun = z.infer<typeof DiagnosticRun>;
