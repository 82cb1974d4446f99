/**
 * « Choisir un fichier » in the app: the native dialog, opened by main (the page never sees a path).
 * The filter lists what can be cast or presented; the file is then checked by its bytes anyway
 * (FileRegistry), since a name proves nothing.
 */
import type { BrowserWindow, Dialog } from 'electron';

export const CHOOSABLE_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp', 'avif', 'mp4', 'm4v', 'mov', 'webm', 'mkv', 'ogv', 'mp3', 'm4a', 'ogg', 'oga', 'wav'] as const;

export interface FilePickerTexts {
  title: string;
  filterName: string;
}

export function createFilePicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parent: () => BrowserWindow | null,
  texts: () => FilePickerTexts,
): () => Promise<string | null> {
  return async () => {
    const { title, filterName } = texts();
    const options = { title, properties: ['openFile' as const], filters: [{ name: filterName, extensions: [...CHOOSABLE_EXTENSIONS] }] };
    const window = parent();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  };
}
