/** Messages of the `classe` command: the same catalogs as the app, language from --lang or the system locale. */
import type { TFunction } from 'i18next';
import type { Language } from '../../assets/i18n';
import { createTranslator } from '../services/core/i18n';

export function cliLanguage(argv: string[], locale: string): Language {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value === 'fr' || value === 'en') return value;
  }
  return /^en\b/i.test(locale) ? 'en' : 'fr';
}

export function createCliT(language: Language): TFunction {
  return createTranslator(language, 'cli');
}
