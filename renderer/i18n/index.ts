/**
 * i18next for the renderer: French by default, English second, catalogs from assets/i18n (shared with
 * the CLI). The language follows the OS unless the teacher chose one in Réglages (resolved in main).
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, namespaces, resources, type Language } from '../../assets/i18n';

export function createI18n(language: Language = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'fr',
    ns: namespaces(),
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}

export function applyLanguage(instance: i18n, language: Language): void {
  if (instance.language !== language) void instance.changeLanguage(language);
  document.documentElement.lang = language;
}
