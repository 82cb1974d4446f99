/**
 * The system locale outside Electron (CLI, web preview): LC_ALL > LC_MESSAGES > LANG (POSIX order),
 * then Intl. "fr_FR.UTF-8" → "fr-FR".
 */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[key];
    if (value && value !== 'C' && value !== 'POSIX') return value.split('.')[0]!.replace('_', '-');
  }
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale || 'fr-FR';
  } catch {
    return 'fr-FR';
  }
}
