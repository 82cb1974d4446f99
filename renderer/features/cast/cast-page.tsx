import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Card } from '../../ui/card';
import { FileChooser } from './file-chooser';
import { CastTargetsList } from './cast-targets';
import { DisplayModeSwitch } from './display-mode-switch';
import './cast.css';

/**
 * « Projeter »: a file (drop or choose) to a screen — the projector by cable (presentation window, in
 * the app), a Google Cast or DLNA screen, or, for Miracast/AirPlay receivers, the system's mirroring —
 * with the controls and the screen's own status; and the laptop's display mode.
 */
export function CastPage({ deviceId }: { deviceId?: string }) {
  const { t } = useTranslation('cast');
  const devicesById = useStore((s) => s.devicesById);
  const loadTargets = useStore((s) => s.loadCastTargets);
  const loadCasts = useStore((s) => s.loadCasts);
  const loadDisplay = useStore((s) => s.loadDisplay);

  useEffect(() => {
    void loadCasts();
    void loadDisplay();
  }, [loadCasts, loadDisplay]);
  // Screens come and go with discovery: the targets follow the registry.
  useEffect(() => {
    const timer = setTimeout(() => void loadTargets(), 150);
    return () => clearTimeout(timer);
  }, [devicesById, loadTargets]);

  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      <p className="cast-hint">{t('intro')}</p>
      <div className="cast-page">
        <Card as="section" aria-labelledby="cast-file-title">
          <h2 id="cast-file-title">{t('file.title')}</h2>
          <FileChooser />
        </Card>
        <section aria-labelledby="cast-targets-title">
          <h2 id="cast-targets-title">{t('targets.title')}</h2>
          <CastTargetsList preferred={deviceId ?? null} />
        </section>
        <Card as="section" aria-labelledby="cast-display-title">
          <h2 id="cast-display-title">{t('display.title')}</h2>
          <DisplayModeSwitch />
        </Card>
      </div>
    </>
  );
}
