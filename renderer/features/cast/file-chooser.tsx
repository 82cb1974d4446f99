import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { fileBridge } from '../../bridge/files';
import { Button } from '../../ui/button';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';
import { CastError } from './cast-error';

/** What the browser's file input proposes (the bytes decide in main anyway). */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.gif,.webp,.bmp,.avif,.mp4,.m4v,.mov,.webm,.mkv,.ogv,.mp3,.m4a,.ogg,.oga,.wav,image/*,video/*,audio/*,application/pdf';

/** "2,4 Mo" / "36 Ko": a size a teacher reads at a glance. */
function sizeText(size: number, t: (key: string, params: Record<string, string>) => string, language: string): string {
  const decimal = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '')).replace('.', language === 'fr' ? ',' : '.');
  if (size < 1024 * 1024) return t('file.sizeKb', { size: String(Math.max(1, Math.round(size / 1024))) });
  return t('file.size', { size: decimal(size / (1024 * 1024)) });
}

/**
 * « 1. Le fichier »: drop a file or choose one. In the app « Choisir un fichier » opens the native
 * dialog in main; in the web preview it opens the browser's file input (and the file is uploaded).
 */
export function FileChooser() {
  const { t, i18n } = useTranslation('cast');
  const chosen = useStore((s) => s.chosen);
  const chooseFile = useStore((s) => s.chooseFile);
  const pickFile = useStore((s) => s.pickFile);
  const clearFile = useStore((s) => s.clearFile);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const nativeDialog = fileBridge().pick !== null;

  const choose = () => {
    if (nativeDialog) void pickFile();
    else input.current?.click();
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void chooseFile(file);
  };
  const file = chosen.file;
  const size = file ? sizeText(file.size, t, i18n.language) : '';

  return (
    <div
      className={`cast-drop${over ? ' cast-drop--over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        accept={ACCEPT}
        aria-label={t('file.input')}
        data-testid="cast-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void chooseFile(f);
          e.target.value = '';
        }}
      />
      {chosen.status === 'sending' ? (
        <div className="cast-file" role="status">
          <Spinner />
          <p>{t('file.sending')}</p>
          {chosen.progress !== null ? <progress max={1} value={chosen.progress} aria-label={t('file.sendingProgress')} /> : null}
        </div>
      ) : file ? (
        <div className="cast-file" role="status">
          <Icon name={file.kind === 'pdf' ? 'guides' : file.kind === 'audio' ? 'volume' : 'present'} className="cast-file__icon" />
          <div className="cast-file__text">
            <p className="cast-file__name">{t('file.chosen', { name: file.name })}</p>
            <p className="cast-file__meta">
              {t(`file.kinds.${file.kind}`)} · {size}
            </p>
          </div>
          <div className="button-row">
            <Button icon="refresh" onClick={choose}>
              {t('file.change')}
            </Button>
            <Button variant="ghost" icon="close" onClick={clearFile}>
              {t('file.remove')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="cast-drop__empty">
          <p className="cast-drop__title">{t('file.drop')}</p>
          <p>{t('file.or')}</p>
          <Button variant="primary" size="large" icon="plus" onClick={choose}>
            {t('file.choose')}
          </Button>
          <p className="cast-drop__formats">{t('file.formats')}</p>
        </div>
      )}
      {chosen.status === 'error' && chosen.error ? <CastError error={chosen.error} onDismiss={clearFile} /> : null}
    </div>
  );
}
