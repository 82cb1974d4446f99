import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/empty-state';

export function GuidesPage() {
  const { t } = useTranslation('guides');
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      <EmptyState icon="guides" title={t('empty.title')}>
        <p>{t('empty.body')}</p>
      </EmptyState>
    </>
  );
}
