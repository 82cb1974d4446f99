/**
 * Turns a contract Result into a value or a thrown ClasseError, for code that prefers exceptions.
 * The error keeps the code, parameters and guide id so that the UI can translate it and link the guide.
 */
import type { ErrorInfo, Result } from '../../preload/contract';

export class ClasseError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.code);
    this.name = 'ClasseError';
  }
}

export async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  if (result.ok) return result.value;
  throw new ClasseError(result.error);
}

export function errorInfoOf(e: unknown): ErrorInfo {
  if (e instanceof ClasseError) return e.info;
  return { code: 'app.unexpected', detail: e instanceof Error ? e.message : String(e) };
}
