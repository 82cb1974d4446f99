/**
 * French and English text for main-side output that is not rendered by the UI: the CLI, the
 * diagnostic report, validation messages. Same catalogs and the same i18next interpolation as the
 * renderer, so a message reads the same in a terminal and in Réglages.
 */
import { createInstance, type TFunction } from 'i18next';
import enErrorsProfiles from '../../../assets/i18n/en/errors/profiles.json';
import enErrorsSecrets from '../../../assets/i18n/en/errors/secrets.json';
import enErrorsSettings from '../../../assets/i18n/en/errors/settings.json';
import enProfiles from '../../../assets/i18n/en/profiles.json';
import enReport from '../../../assets/i18n/en/report.json';
import frErrorsProfiles from '../../../assets/i18n/fr/errors/profiles.json';
import frErrorsSecrets from '../../../assets/i18n/fr/errors/secrets.json';
import frErrorsSettings from '../../../assets/i18n/fr/errors/settings.json';
import frProfiles from '../../../assets/i18n/fr/profiles.json';
import frReport from '../../../assets/i18n/fr/report.json';
import type { ProfileIssue, ReceivedValue } from './validate';

export type Lang = 'fr' | 'en';

const resources = {
  fr: { profiles: frProfiles, report: frReport, 'errors/profiles': frErrorsProfiles, 'errors/secrets': frErrorsSecrets, 'errors/settings': frErrorsSettings },
  en: { profiles: enProfiles, report: enReport, 'errors/profiles': enErrorsProfiles, 'errors/secrets': enErrorsSecrets, 'errors/settings': enErrorsSettings },
};

export type Params = Record<string, string | number>;

export interface Translator {
  readonly lang: Lang;
  /** A key of a catalog namespace ("profiles", "report"). Returns the key itself when missing. */
  t(ns: 'profiles' | 'report', key: string, params?: Params): string;
  /** Whether the key exists (tests, and fallbacks for unknown codes). */
  has(ns: 'profiles' | 'report', key: string): boolean;
  /** Text of an error code "<domain>.<what>" (errors/<domain>.json); the code itself when unknown. */
  error(code: string, params?: Params): string;
}

const cache = new Map<Lang, Translator>();

export function translator(lang: Lang): Translator {
  const cached = cache.get(lang);
  if (cached) return cached;
  const i18n = createInstance();
  void i18n.init({
    lng: lang,
    fallbackLng: false,
    resources,
    ns: Object.keys(resources.fr),
    defaultNS: 'profiles',
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    // Output is plain text (terminal, clipboard, React text nodes): nothing to escape.
    interpolation: { escapeValue: false },
    returnNull: false,
    // No console banner in a CLI whose output scripts parse.
    showSupportNotice: false,
  });
  const tf: TFunction = i18n.t.bind(i18n);
  const tr: Translator = {
    lang,
    t: (ns, key, params = {}) => String(tf(key, { ns, ...params })),
    has: (ns, key) => i18n.exists(key, { ns }),
    error: (code, params = {}) => {
      const dot = code.indexOf('.');
      const ns = `errors/${code.slice(0, dot)}`;
      const key = code.slice(dot + 1);
      return dot > 0 && i18n.exists(key, { ns }) ? String(tf(key, { ns, ...params })) : code;
    },
  };
  cache.set(lang, tr);
  return tr;
}

/** 'en' for an English locale ("en_GB.UTF-8", "en-US"), otherwise French: the product is French first. */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^en\b|^en[_-]/i.test(locale) ? 'en' : 'fr';
}

function renderReceived(tr: Translator, received: ReceivedValue): string {
  return tr.t('profiles', `received_${received.type}`, received.value !== undefined ? { value: received.value } : {});
}

/** The message of one issue, without its path: "adresse attendue, reçu « salle 12 »". */
export function issueMessage(issue: ProfileIssue, lang: Lang): string {
  const tr = translator(lang);
  const base = tr.has('profiles', issue.code) ? tr.t('profiles', issue.code, issue.params) : tr.t('profiles', 'invalid_value');
  return issue.received ? base + tr.t('profiles', 'received_suffix', { received: renderReceived(tr, issue.received) }) : base;
}

/** "schools[0].rooms[2].devices[0].host : adresse attendue, reçu « salle 12 »" */
export function formatIssue(issue: ProfileIssue, lang: Lang): string {
  const tr = translator(lang);
  const message = issueMessage(issue, lang);
  return issue.pathText === '' ? tr.t('profiles', 'issue_line_root', { message }) : tr.t('profiles', 'issue_line', { path: issue.pathText, message });
}
