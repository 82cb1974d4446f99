import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/empty-state';

/** « Ma salle »: the devices of the room this laptop is in, with their one-click actions. */
export function HomePage() {
  const { t } = useTranslation('home');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      <EmptyState icon="projector" title={t('empty.title')}>
        <p>{t('empty.body')}</p>
        <ul>
          <li>{t('empty.tryPower')}</li>
          <li>{t('empty.tryNetwork')}</li>
          <li>{t('empty.tryIt')}</li>
        </ul>
      </EmptyState>
    </>
  );
}
