/**
 * Errors that cross the contract. A service throws a ServiceError with a stable code
 * ("pjlink.auth_failed"), optional parameters for the message and the id of the guide that helps.
 * The text itself lives in the catalogs (assets/i18n/<lang>/errors/<domain>.json), so the renderer
 * and the CLI translate it; the code never changes once shipped (IT scripts read it from --json).
 */
export type GuideId = `guide:${string}`;

export interface ErrorInfo {
  /** Stable, dotted, lower_snake: "<domain>.<what>", e.g. "pjlink.auth_failed". */
  code: string;
  /** Values for the message placeholders. Never secrets. */
  params?: Record<string, string | number>;
  /** The guide that explains what to do next. */
  guide?: GuideId;
  /** Technical detail for IT ("Détails"), never shown first. */
  detail?: string;
}

export class ServiceError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number> | undefined;
  readonly guide: GuideId | undefined;
  readonly detail: string | undefined;

  constructor(code: string, opts: { params?: Record<string, string | number>; guide?: GuideId; detail?: string; cause?: unknown } = {}) {
    super(opts.detail ? `${code}: ${opts.detail}` : code, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ServiceError';
    this.code = code;
    this.params = opts.params;
    this.guide = opts.guide;
    this.detail = opts.detail;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code };
    if (this.params) info.params = this.params;
    if (this.guide) info.guide = this.guide;
    if (this.detail) info.detail = this.detail;
    return info;
  }
}

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError;
}

/** Any thrown value → the information that may cross the contract (no stack, no secrets). */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isServiceError(e)) return e.toInfo();
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'app.unexpected', detail: detail.slice(0, 500) };
}
