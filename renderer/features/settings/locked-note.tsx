import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Icon } from '../../ui/icon';
import type { SettingKey } from '../../../preload/contract/settings';

/** « Géré par votre service informatique » under a setting the IT profile locks. */
export function LockedNote({ settingKey }: { settingKey: SettingKey }) {
  const { t } = useTranslation('settings');
  const locked = useStore((s) => s.settings?.sources[settingKey] === 'locked');
  if (!locked) return null;
  return (
    <p className="cn-locked">
      <Icon name="lock" />
      {t('managed')}
    </p>
  );
}
