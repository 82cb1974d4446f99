import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Button } from '../../ui/button';
import { CastError } from './cast-error';

/** Room for the "https://" the slice may add, within the contract's 2048 characters. */
const MAX_ADDRESS = 2040;

/**
 * « Présenter une page web » (app only, inside the projector card): an https address shown full-screen
 * on the projector, if the IT profile allows its site. The allowed sites are listed so the teacher
 * knows before trying; main checks again (display.presentation_url_not_allowed, with the host).
 */
export function WebPageForm() {
  const { t } = useTranslation('cast');
  const ids = { title: useId(), input: useId(), hint: useId() };
  const [address, setAddress] = useState('');
  // null: the profile overview is not loaded yet (the list is not known, main still checks).
  const sites = useStore((s) => s.profile?.features.presentationSites ?? null);
  const starting = useStore((s) => s.webPageStarting);
  const error = useStore((s) => s.webPageError);
  const present = useStore((s) => s.presentWebPage);
  const dismiss = useStore((s) => s.dismissWebPageError);

  // IT allows no web page at all: say so instead of a field that can only fail.
  if (sites !== null && sites.length === 0) {
    return <p className="cast-hint cast-web">{t('web.none')}</p>;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void present(address);
  };
  const siteNames = sites?.map((p) => (p.startsWith('*.') ? t('web.subdomains', { domain: p.slice(2) }) : p));

  return (
    <form className="form cast-web" aria-labelledby={ids.title} onSubmit={submit} noValidate>
      <h4 id={ids.title} className="cast-web__title">
        {t('web.title')}
      </h4>
      <label htmlFor={ids.input}>{t('web.label')}</label>
      <input
        id={ids.input}
        className="input"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_ADDRESS}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        aria-describedby={siteNames ? ids.hint : undefined}
      />
      {siteNames ? (
        <p id={ids.hint} className="cast-hint">
          {t('web.sites', { sites: siteNames.join(', ') })}
        </p>
      ) : null}
      <div className="button-row">
        <Button type="submit" variant="primary" icon="present" busy={starting} disabled={!address.trim() || starting}>
          {t('web.present')}
        </Button>
      </div>
      {error ? <CastError error={error} onDismiss={dismiss} /> : null}
    </form>
  );
}
