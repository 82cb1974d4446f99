/** Messages of the `classe` command: the same catalogs as the app, language from --lang or the system locale. */
import i18next, { type TFunction } from 'i18next';
import { resources, type Language } from '../../assets/i18n';

export function cliLanguage(argv: string[], locale: string): Language {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value === 'fr' || value === 'en') return value;
  }
  return /^en\b/i.test(locale) ? 'en' : 'fr';
}

export function createCliT(language: Language): TFunction {
  const instance = i18next.createInstance();
  void instance.init({ resources, lng: language, fallbackLng: 'fr', defaultNS: 'cli', interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
  return instance.t.bind(instance) as TFunction;
}
