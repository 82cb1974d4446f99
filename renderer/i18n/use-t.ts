/**
 * `t` for components drawn hundreds of times (the cards of « Ma salle », their actions and status).
 * react-i18next 16's `useTranslation` copies every property descriptor of the i18next instance into a
 * new wrapper object on each mount (for its `i18n` return value); with 500 cards and five translated
 * components each that was 211 ms of the first render (CPU profile from tests/bench/home-500.ts with
 * CPU_PROFILE=1). This hook returns only `t`, one per language and namespaces shared by every
 * component, and re-renders on a language change as `useTranslation` does. The catalogs are bundled
 * and loaded synchronously (renderer/i18n/index.ts), so there is no "not ready" state to handle.
 */
import { useCallback, useContext, useSyncExternalStore } from 'react';
import { getI18n, I18nContext } from 'react-i18next';
import type { i18n as I18n, TFunction } from 'i18next';

const shared = new WeakMap<I18n, Map<string, TFunction>>();

function fixedT(i18n: I18n, language: string, ns: string | readonly string[]): TFunction {
  const key = `${language}\u0000${typeof ns === 'string' ? ns : ns.join('\u0000')}`;
  let byKey = shared.get(i18n);
  if (!byKey) shared.set(i18n, (byKey = new Map()));
  let t = byKey.get(key);
  if (!t) {
    // Keys without a prefix come from the first namespace; others are written `ns:key` (as useTranslation).
    t = i18n.getFixedT(language, typeof ns === 'string' ? ns : ns[0]) as TFunction;
    byKey.set(key, t);
  }
  return t;
}

export function useT(ns: string | readonly string[]): TFunction {
  const i18n = (useContext(I18nContext)?.i18n ?? getI18n()) as I18n;
  const subscribe = useCallback(
    (onChange: () => void) => {
      i18n.on('languageChanged', onChange);
      return () => i18n.off('languageChanged', onChange);
    },
    [i18n],
  );
  const language = useSyncExternalStore(subscribe, () => i18n.language);
  return fixedT(i18n, language, ns);
}
