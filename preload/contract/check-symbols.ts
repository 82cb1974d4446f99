/**
 * The symbol of each diagnostic check state (✓ ✗ …), shared by the renderer's panel and the report for
 * IT built in main (and the CLI), so both show the same. Plain code, no zod: the renderer imports it.
 * Symbols are never alone: the UI and the report also say the state in words.
 */
import type { CheckStatus } from './guide-document';

export const STATUS_SYMBOL: Record<CheckStatus, string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skipped: '–',
  error: '?',
  pending: '…',
  running: '…',
  fixing: '…',
};
