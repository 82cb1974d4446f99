/**
 * How the page hands main a chosen file, identically for the rest of the renderer (docs/security.md,
 * « Fichiers choisis »): it always gets back an opaque FileRef, never sends a path it made up.
 *  - Electron: the native dialog in main (`files.pick`); a dropped or input File goes through the
 *    preload's `classeFiles.register(file)` (webUtils.getPathForFile → main checks the path).
 *  - Web preview: no dialog in main; the File's bytes are uploaded to the preview (POST /files).
 */
import type { ClasseApi, Result } from '../../preload/contract';
import type { FileRef } from '../../preload/contract/files';
import { uploadFile } from './files-web';

export interface FileBridge {
  /** The app's native dialog; null in the web preview (the page uses its own file input). */
  pick: (() => Promise<Result<FileRef | null>>) | null;
  /** A File from a drop or the file input. `onProgress` (0–1) while an upload is sent. */
  register(file: File, onProgress?: (fraction: number) => void): Promise<Result<FileRef>>;
}

declare global {
  interface Window {
    /** Set by the app's preload only. */
    classeFiles?: { register(file: File): Promise<Result<FileRef>> };
  }
}

export function electronFileBridge(api: ClasseApi, preload: NonNullable<Window['classeFiles']>): FileBridge {
  return {
    pick: () => api.files.pick(),
    register: (file) => preload.register(file),
  };
}

export function webFileBridge(token: string): FileBridge {
  return {
    pick: null,
    register: (file, onProgress) => uploadFile(file, token, onProgress),
  };
}

let current: FileBridge | null = null;

export function setFileBridge(bridge: FileBridge): void {
  current = bridge;
}

export function fileBridge(): FileBridge {
  if (!current) throw new Error('The file bridge is not installed yet');
  return current;
}
