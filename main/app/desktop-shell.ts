/** The desktop-only abilities the host asks for (see main/services/core/desktop.ts), with Electron. */
import { app, dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DesktopShell } from '../services/core/desktop';

export function createDesktopShell(getWindow: () => BrowserWindow | null): DesktopShell {
  return {
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
