import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Card } from '../../ui/card';
import { findRoom } from '../profiles/summary';
import { LockedNote } from './locked-note';

/**
 * « Salle »: the room this laptop is in (read-only here: choosing a room comes with the devices
 * screens) and the rooms the IT profile declares, with their devices.
 */
export function RoomSection() {
  const { t } = useTranslation('settings');
  const roomId = useStore((s) => s.settings?.values.room ?? null);
  const summary = useStore((s) => s.profile?.summary ?? null);
  const room = findRoom(summary, roomId);
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
      </div>
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
