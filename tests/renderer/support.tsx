import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../renderer/i18n';
import { useStore, initialState } from '../../renderer/store';
import { setApi } from '../../renderer/store/api';
import type { ClasseApi } from '../../preload/contract';

/** A fake window.classe whose functions return what the test gives (or ok:null). */
export function fakeApi(overrides: Record<string, (input?: unknown) => unknown> = {}): ClasseApi & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const handler: ProxyHandler<object> = {
    get(_t, ns: string) {
      if (ns === 'calls') return calls;
      if (ns === 'on') return () => () => {};
      return new Proxy(
        {},
        {
          get(_t2, method: string) {
            return async (input?: unknown) => {
              const name = `${ns}.${method}`;
              calls.push([name, input]);
              const f = overrides[name];
              return f ? f(input) : { ok: true, value: null };
            };
          },
        },
      );
    },
  };
  return new Proxy({}, handler) as ClasseApi & { calls: [string, unknown][] };
}

export function renderWithApp(ui: ReactElement, api = fakeApi(), language: 'fr' | 'en' = 'fr') {
  useStore.setState(initialState(), false);
  setApi(api);
  const i18n = createI18n(language);
  return { api, ...render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>) };
}
