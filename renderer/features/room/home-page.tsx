import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { EmptyState } from '../../ui/empty-state';
import { Button } from '../../ui/button';
import { Banner } from '../../ui/banner';
import { DeviceCard } from './device-card';
import { ScanIndicator } from './scan-indicator';
import { AddDeviceDialog } from './add-device-dialog';
import { RoomPicker } from './room-picker';
import { splitByRoom } from './devices-slice';
import { DeviceActions } from './device-actions';
import { ReminderBanners } from '../reminders/reminder-banners';
import type { Device } from '../../../preload/contract/devices';

/**
 * A card with its actions, memoised on the device object: an update replaces only the devices that
 * changed, so with 500 devices one change re-renders one card, not 500. (Passing `actions` as a fresh
 * element to the memoised DeviceCard from the list would defeat its memo on every list render.)
 */
const RoomDeviceCard = memo(function RoomDeviceCard({ device }: { device: Device }) {
  return <DeviceCard device={device} actions={<DeviceActions device={device} />} />;
});

function DeviceGrid({ devices, label }: { devices: Device[]; label: string }) {
  return (
    <ul className="device-grid" aria-label={label}>
      {devices.map((d) => (
        <RoomDeviceCard key={d.id} device={d} />
      ))}
    </ul>
  );
}

/** « Ma salle »: the devices of the room this laptop is in, with their one-click actions. */
export function HomePage() {
  const { t } = useTranslation('home');
  const devicesById = useStore((s) => s.devicesById);
  const currentRoom = useStore((s) => s.currentRoom);
  const rooms = useStore((s) => s.rooms);
  const roomChoice = useStore((s) => s.roomChoice);
  const scanning = useStore((s) => s.scan === null || s.scan.scanning);
  const refresh = useStore((s) => s.refreshDevices);
  const chooseRoom = useStore((s) => s.chooseRoom);
  const noNetwork = useStore((s) => s.scan?.problem === 'no-network');
  const demoOn = useStore((s) => s.settings?.values.demoMode === true);
  const demoAllowed = useStore((s) => s.profile?.features.demoModeVisible !== false && s.settings?.sources.demoMode !== 'locked');
  const updateSetting = useStore((s) => s.updateSetting);
  const [adding, setAdding] = useState(false);
  const [picking, setPicking] = useState(false);
  const { here, nearby, elsewhere } = useMemo(() => splitByRoom(devicesById, currentRoom), [devicesById, currentRoom]);
  const room = rooms.find((r) => r.id === currentRoom) ?? null;
  const nothing = here.length === 0 && nearby.length === 0;

  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p className="room-name">{room ? room.name : t('room.unknown')}</p>
        {rooms.length > 0 ? (
          <Button icon="home" onClick={() => setPicking(true)}>
            {t('room.change')}
          </Button>
        ) : null}
        <Button icon="refresh" onClick={() => void refresh(false)} disabled={scanning}>
          {t('scan.again')}
        </Button>
      </div>
      <ScanIndicator />
      <ReminderBanners />
      {noNetwork ? (
        <Banner tone="warning" role="status">
          <p>{t('scan.noNetwork')}</p>
        </Banner>
      ) : null}
      {demoOn && currentRoom === 'demo' ? (
        <Banner
          tone="info"
          role="status"
          actions={
            demoAllowed ? (
              <Button onClick={() => void updateSetting('demoMode', false)}>{t('demo.leave')}</Button>
            ) : null
          }
        >
          <p>{t('demo.banner')}</p>
        </Banner>
      ) : null}
      {roomChoice === 'ask' && rooms.length > 0 && !currentRoom ? (
        <Banner tone="info" role="status">
          <p>{t('room.ask')}</p>
          <div className="button-row">
            {rooms.slice(0, 12).map((r) => (
              <Button key={r.id} onClick={() => void chooseRoom(r.id)}>
                {r.name}
              </Button>
            ))}
          </div>
        </Banner>
      ) : null}

      {here.length > 0 ? <DeviceGrid devices={here} label={t('sections.here')} /> : null}

      {nearby.length > 0 ? (
        <section aria-labelledby="nearby-title" className="device-section">
          <h2 id="nearby-title">{t('sections.nearby')}</h2>
          <DeviceGrid devices={nearby} label={t('sections.nearby')} />
        </section>
      ) : null}

      {nothing && !scanning ? (
        <EmptyState icon="projector" title={t('empty.title')}>
          <p>{t('empty.body')}</p>
          <ul>
            <li>{t('empty.tryPower')}</li>
            <li>{t('empty.tryNetwork')}</li>
            <li>{t('empty.tryIt')}</li>
          </ul>
          {demoAllowed && !demoOn ? (
            <Button variant="primary" icon="demo" onClick={() => void updateSetting('demoMode', true)}>
              {t('demo.try')}
            </Button>
          ) : null}
        </EmptyState>
      ) : null}

      <div className="button-row home-tools">
        <Button icon="search" onClick={() => void refresh(true)} disabled={scanning}>
          {t('scan.further')}
        </Button>
        <Button icon="plus" onClick={() => setAdding(true)}>
          {t('add.open')}
        </Button>
      </div>

      {elsewhere.length > 0 ? (
        <details className="device-section other-rooms">
          <summary>{t('sections.elsewhere', { count: elsewhere.length })}</summary>
          <DeviceGrid devices={elsewhere} label={t('sections.elsewhereLabel')} />
        </details>
      ) : null}

      <AddDeviceDialog open={adding} onClose={() => setAdding(false)} />
      <RoomPicker open={picking} onClose={() => setPicking(false)} />
    </>
  );
}
