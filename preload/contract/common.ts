import { z } from 'zod';

/** Limits shared by every schema: nothing unbounded crosses the contract. */
import { LIMITS } from './limits';

export { LIMITS };

export const Id = z.string().min(1).max(LIMITS.id);
export const Name = z.string().max(LIMITS.name);
export const Text = z.string().max(LIMITS.text);

export const ErrorInfo = z.strictObject({
  code: z.string().max(LIMITS.id),
  params: z.record(z.string().max(LIMITS.id), z.union([z.string().max(LIMITS.text), z.number()])).optional(),
  guide: z.string().regex(/^guide:[a-z0-9-]+(#[a-z0-9-]+)?$/).max(LIMITS.id).optional(),
  detail: z.string().max(LIMITS.text).optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** What every invoke resolves to, on every transport: no exception crosses the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** No input. */
export const NoInput = z.undefined();

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Valid inputs, used by the contract tests to derive malformed ones. */
  samples: z.input<I>[];
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, samples: z.input<I>[]): ChannelDef<I, O> {
  return { input, output, samples };
}
