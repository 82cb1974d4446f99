import { useTranslation } from 'react-i18next';
import type { Device } from '../../../preload/contract/devices';
import { Button } from '../../ui/button';
import { useStore } from '../../store';
import { ProjectorControls } from '../projector/projector-controls';

/** The actions shown on a device card: projector controls when it speaks PJLink, and its details. */
export function DeviceActions({ device }: { device: Device }) {
  const { t } = useTranslation('home');
  const navigate = useStore((s) => s.navigate);
  return (
    <>
      {device.capabilities.includes('pjlink') ? <ProjectorControls device={device} compact /> : null}
      <Button variant="ghost" icon="chevron" onClick={() => navigate({ name: 'device', id: device.id })} aria-label={t('details', { name: device.name || t('unnamed') })}>
        {t('detailsShort')}
      </Button>
    </>
  );
}
