import { useTranslation } from 'react-i18next';
import type { Device } from '../../../preload/contract/devices';
import type { DemoFault } from '../../../preload/contract/projector';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { api } from '../../store/api';
import { useStore } from '../../store';

const FAULTS: DemoFault[] = ['lamp-warning', 'lamp-error', 'overheat', 'filter', 'cover', 'fan', 'no-signal', 'unplug-network', 'wrong-password', 'greet-then-silent', 'standby-wrong-input-muted', 'clear'];

/** Trainer panel of the demo classroom: make a simulated device fail the way real ones do. */
export function DemoPanel({ device }: { device: Device }) {
  const { t } = useTranslation(['projector', 'simulator']);
  const pushError = useStore((s) => s.pushError);
  const pushToast = useStore((s) => s.pushToast);
  return (
    <Card as="section" aria-labelledby="demo-panel-title" className="demo-panel">
      <h2 id="demo-panel-title">{t('projector:demo.title')}</h2>
      <p className="cn-muted">{t('projector:demo.hint')}</p>
      <div className="button-row">
        {FAULTS.map((fault) => (
          <Button
            key={fault}
            variant={fault === 'clear' ? 'primary' : 'secondary'}
            onClick={async () => {
              const r = await api().demo.fault({ deviceId: device.id, fault });
              if (!r.ok) pushError(r.error);
              else pushToast({ level: 'info', messageKey: 'projector:demo.applied', params: { fault: t(`simulator:fault.${fault}`) } });
              void useStore.getState().loadProjectorStatus(device.id, true);
            }}
          >
            {t(`simulator:fault.${fault}`)}
          </Button>
        ))}
      </div>
    </Card>
  );
}
