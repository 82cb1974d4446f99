/**
 * Translations in main (the CLI's messages, names given to the demo devices…): the same catalogs as the
 * renderer (assets/i18n), through a private i18next instance per language.
 */
import i18next, { type TFunction } from 'i18next';
import { resources, type Language } from '../../../assets/i18n';

const cache = new Map<string, TFunction>();

export function createTranslator(language: Language, defaultNS = 'common'): TFunction {
  const key = `${language}:${defaultNS}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const instance = i18next.createInstance();
  void instance.init({ resources, lng: language, fallbackLng: 'fr', defaultNS, interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
  const t = instance.t.bind(instance) as TFunction;
  cache.set(key, t);
  return t;
}
