/**
 * useT: the light `t` of the components drawn once per device. It translates like useTranslation
 * (first namespace by default, `ns:key` for the others), follows a language change, and gives every
 * component the same function for the same language and namespaces.
 */
import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { createI18n } from '../../../renderer/i18n';
import { useT } from '../../../renderer/i18n/use-t';

const seen: TFunction[] = [];
function Probe({ id }: { id: string }) {
  const t = useT(['home', 'pjlink']);
  seen.push(t);
  return (
    <p data-testid={id}>
      {t('kind.projector')} | {t('pjlink:power.standby')}
    </p>
  );
}

describe('useT', () => {
  it('translates from the first namespace and from `ns:key`, then follows a language change', async () => {
    seen.length = 0;
    const i18n = createI18n('fr');
    render(
      <I18nextProvider i18n={i18n}>
        <Probe id="a" />
        <Probe id="b" />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('a').textContent).toBe(`${i18n.t('home:kind.projector')} | ${i18n.t('pjlink:power.standby')}`);
    expect(screen.getByTestId('a').textContent).toMatch(/^Vidéoprojecteur \| En veille$/);
    // One shared function for both components.
    expect(seen[0]).toBe(seen[1]);
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    expect(screen.getByTestId('b').textContent).toBe('Projector | Standby');
  });
});
