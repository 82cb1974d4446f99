import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Dialog } from '../../ui/dialog';
import { Button } from '../../ui/button';

/** "Changer de salle": the rooms IT declared (and the demo room), one big button each. */
export function RoomPicker({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('home');
  const rooms = useStore((s) => s.rooms);
  const current = useStore((s) => s.currentRoom);
  const chooseRoom = useStore((s) => s.chooseRoom);
  return (
    <Dialog open={open} title={t('room.pickTitle')} onClose={onClose} actions={<Button onClick={onClose}>{t('common:close')}</Button>}>
      {rooms.length === 0 ? <p>{t('room.none')}</p> : null}
      <ul className="room-list">
        {rooms.map((r) => (
          <li key={r.id}>
            <Button
              block
              variant={r.id === current ? 'primary' : 'secondary'}
              aria-pressed={r.id === current}
              onClick={() => {
                void chooseRoom(r.id);
                onClose();
              }}
            >
              {r.name}
              {r.school ? <span className="cn-muted"> — {r.school}</span> : null}
            </Button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
