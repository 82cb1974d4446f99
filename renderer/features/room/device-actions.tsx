import { useT } from '../../i18n/use-t';
import type { Device } from '../../../preload/contract/devices';
import { Button } from '../../ui/button';
import { useStore } from '../../store';
import { ProjectorControls } from '../projector/projector-controls';

const CAST = ['googlecast', 'dlna'] as const;
const MIRRORING = ['miracast', 'airplay'] as const;

/**
 * The actions shown on a device card: projector controls when it speaks PJLink, « Projeter » for a
 * Cast/DLNA screen, « Projeter sans fil » for a Miracast/AirPlay receiver, and its details.
 */
export function DeviceActions({ device }: { device: Device }) {
  const t = useT('home');
  const navigate = useStore((s) => s.navigate);
  const openWireless = useStore((s) => s.openWireless);
  const name = device.name || t('unnamed');
  return (
    <>
      {device.capabilities.includes('pjlink') ? <ProjectorControls device={device} compact /> : null}
      {CAST.some((c) => device.capabilities.includes(c)) ? (
        <Button icon="cast" onClick={() => navigate({ name: 'cast', deviceId: device.id })} aria-label={t('castOn', { name })}>
          {t('castHere')}
        </Button>
      ) : null}
      {MIRRORING.some((c) => device.capabilities.includes(c)) ? (
        <Button icon="cast" onClick={() => void openWireless(device.id)} aria-label={t('wirelessOn', { name })}>
          {t('wireless')}
        </Button>
      ) : null}
      <Button variant="ghost" icon="chevron" onClick={() => navigate({ name: 'device', id: device.id })} aria-label={t('details', { name: device.name || t('unnamed') })}>
        {t('detailsShort')}
      </Button>
    </>
  );
}
