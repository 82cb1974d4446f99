/** The contract API the store talks to (window.classe in the app; a fake in component tests). */
import type { ClasseApi } from '../../preload/contract';

let current: ClasseApi | null = null;

export function setApi(api: ClasseApi): void {
  current = api;
}

export function api(): ClasseApi {
  if (!current) throw new Error('The contract API is not installed yet');
  return current;
}
