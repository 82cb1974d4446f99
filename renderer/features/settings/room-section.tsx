import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { api } from '../../store/api';
import { Card } from '../../ui/card';
import { Button } from '../../ui/button';
import { findRoom } from '../profiles/summary';
import { RoomPicker } from '../room/room-picker';
import { AddDeviceDialog } from '../room/add-device-dialog';
import { LockedNote } from './locked-note';

/**
 * « Salle »: the room this laptop is in (with « Changer de salle » unless IT locked it), the devices
 * added by hand (removable), and the rooms the IT profile declares, with their devices.
 */
export function RoomSection() {
  const { t } = useTranslation(['settings', 'home']);
  const roomId = useStore((s) => s.settings?.values.room ?? null);
  const locked = useStore((s) => s.settings?.sources.room === 'locked');
  const rooms = useStore((s) => s.rooms);
  const devicesById = useStore((s) => s.devicesById);
  const pushError = useStore((s) => s.pushError);
  const summary = useStore((s) => s.profile?.summary ?? null);
  const [picking, setPicking] = useState(false);
  const [adding, setAdding] = useState(false);
  const manual = useMemo(() => Object.values(devicesById).filter((d) => d.sources.includes('manual') && !d.inInventory), [devicesById]);
  const listed = findRoom(summary, roomId);
  const other = rooms.find((r) => r.id === roomId);
  const room = listed ?? (other ? { name: other.name, school: other.school ?? '' } : null);
  const schools = summary?.schools ?? [];
  const roomCount = schools.reduce((n, s) => n + s.rooms.length, 0);
  const placedBySubnet = summary?.placement.via === 'subnet' && summary.placement.room === roomId;
  return (
    <Card as="section" aria-labelledby="settings-room" className="settings-section">
      <h2 id="settings-room">{t('sections.room')}</h2>
      <div className="settings-field">
        <p className="settings-field__label">{t('room.current')}</p>
        <p className="settings-field__value">
          {roomId === null ? t('room.none') : room ? t('room.inSchool', { room: room.name, school: room.school }) : t('room.unknown', { id: roomId })}
        </p>
        {placedBySubnet ? <p className="cn-muted">{t('room.viaSubnet')}</p> : null}
        <LockedNote settingKey="room" />
        {!locked && rooms.length > 0 ? (
          <Button icon="home" onClick={() => setPicking(true)}>
            {t('home:room.change')}
          </Button>
        ) : null}
      </div>
      <div className="settings-field">
        <p className="settings-field__label">{t('room.manualDevices')}</p>
        {manual.length === 0 ? <p className="cn-muted">{t('room.noManualDevices')}</p> : null}
        <ul className="settings-manual">
          {manual.map((d) => (
            <li key={d.id}>
              <span>
                {d.name || t('home:unnamed')} <span className="cn-muted">({d.host ?? d.addresses[0] ?? '—'})</span>
              </span>
              <Button
                variant="ghost"
                icon="close"
                aria-label={t('room.removeDevice', { name: d.name || d.host })}
                onClick={async () => {
                  const r = await api().devices.remove({ id: d.id });
                  if (!r.ok) pushError(r.error);
                }}
              >
                {t('room.remove')}
              </Button>
            </li>
          ))}
        </ul>
        <Button icon="plus" onClick={() => setAdding(true)}>
          {t('home:add.open')}
        </Button>
      </div>
      <RoomPicker open={picking} onClose={() => setPicking(false)} />
      <AddDeviceDialog open={adding} onClose={() => setAdding(false)} />
      {roomCount === 0 ? (
        <p className="cn-muted">{t('room.noProfileRooms')}</p>
      ) : (
        <details className="settings-details">
          <summary>{t('room.profileRooms', { count: roomCount })}</summary>
          {schools.map((school) => (
            <section key={school.id} aria-label={school.name} className="settings-rooms">
              {schools.length > 1 ? <h3>{school.name}</h3> : null}
              <ul>
                {school.rooms.map((r) => (
                  <li key={r.id}>
                    <span className="settings-rooms__name">{r.name}</span>
                    {' — '}
                    <span className="cn-muted">
                      {r.devices.length === 0 ? t('room.noDevices') : r.devices.map((d) => `${d.name} (${t(`kinds.${d.kind}`)})`).join(', ')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </details>
      )}
    </Card>
  );
}
