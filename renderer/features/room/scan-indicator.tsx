import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Spinner } from '../../ui/spinner';

/**
 * "Recherche des appareils…": visible from the first paint (before main has even answered) and while
 * any source is still looking; announced politely to screen readers.
 */
export function ScanIndicator() {
  const { t } = useTranslation('home');
  const scanning = useStore((s) => s.scan === null || s.scan.scanning);
  return (
    <p className="scan-indicator" role="status" aria-live="polite">
      {scanning ? (
        <>
          <Spinner />
          <span>{t('scan.searching')}</span>
        </>
      ) : (
        <span className="cn-muted">{t('scan.done')}</span>
      )}
    </p>
  );
}
