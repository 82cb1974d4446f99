import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { guideRoute } from '../../app/router';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';

/**
 * After « Projeter sans fil »: what the system just opened (or not) and the screen's name to pick in
 * its list, since the OS shows every receiver around, not only this classroom's.
 */
export function WirelessDialog() {
  const { t } = useTranslation(['cast', 'common']);
  const opened = useStore((s) => s.wireless);
  const close = useStore((s) => s.closeWireless);
  const navigate = useStore((s) => s.navigate);
  const text = !opened ? '' : opened.method !== 'guide' && !opened.opened ? 'wireless.notOpened' : `wireless.${opened.method}`;
  return (
    <Dialog
      open={opened !== null}
      title={opened ? t('wireless.title', { name: opened.name }) : ''}
      onClose={close}
      actions={
        <>
          <Button
            icon="guides"
            onClick={() => {
              close();
              navigate(guideRoute(opened?.guide ?? 'guide:wireless'));
            }}
          >
            {t('common:openGuide')}
          </Button>
          <Button variant="primary" onClick={close}>
            {t('common:close')}
          </Button>
        </>
      }
    >
      {opened ? <p>{t(text, { name: opened.name })}</p> : null}
    </Dialog>
  );
}
