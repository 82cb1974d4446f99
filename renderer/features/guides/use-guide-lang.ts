import { useTranslation } from 'react-i18next';
import type { GuideLang } from '../../../preload/contract/guide-document';

/** Guides are asked in the language the interface is shown in. */
export function useGuideLang(): GuideLang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'fr';
}
