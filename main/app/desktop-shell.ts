/** The desktop-only abilities the host asks for (see main/services/core/desktop.ts), with Electron. */
import { app, dialog, type BrowserWindow, type Rectangle } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DesktopShell } from '../services/core/desktop';
import type { ProjectorDisplayTracker } from '../services/display/projector-tracker';

export function createDesktopShell(getWindow: () => BrowserWindow | null, tracker: Pick<ProjectorDisplayTracker, 'current'> | null = null): DesktopShell {
  let savedBounds: Rectangle | null = null;
  return {
    async placeOnProjector(on) {
      const win = getWindow();
      if (!win || win.isDestroyed()) return { moved: false };
      if (!on) {
        if (win.isFullScreen()) win.setFullScreen(false);
        if (savedBounds) win.setBounds(savedBounds);
        savedBounds = null;
        return { moved: true };
      }
      const projector = tracker?.current()?.projector?.display;
      if (!projector) return { moved: false };
      savedBounds = win.getBounds();
      // Onto the projector first: the page's requestFullscreen() then fills that display.
      win.setBounds({ ...projector.bounds });
      return { moved: true };
    },
    async savePageAsPdf(suggestedName) {
      const win = getWindow();
      if (!win || win.isDestroyed()) return { saved: false };
      const { canceled, filePath } = await dialog.showSaveDialog(win, {
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (canceled || !filePath) return { saved: false };
      // The page's print CSS makes the one-page « fiche mémo » (no background, A4).
      const data = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: false });
      await writeFile(filePath, data);
      return { saved: true };
    },
  };
}
