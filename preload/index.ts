/**
 * The preload: exposes `window.classe`, built from the contract, and one helper for dropped files,
 * `window.classeFiles.register(file)`. One function per channel (ipcRenderer.invoke), `on(event, cb)`
 * that returns an unsubscribe and never passes the Electron event object. No generic send, no
 * ipcRenderer on the page. Bundled into ONE CommonJS file (a sandboxed preload cannot require
 * anything but 'electron').
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
// Names only at run time (no zod in the preload): see ./api.ts.
import { buildClasseApi } from './api';
import { EVENT_NAMES } from './contract/names';
import type { EventName, Result, Transport } from './contract';
import type { FileRef } from './contract/files';

const EVENT_CHANNEL = 'classe:event';
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !(EVENT_NAMES as readonly string[]).includes(name)) return;
  for (const cb of listeners.get(name as EventName) ?? []) {
    try {
      cb(payload);
    } catch {
      // a page callback error must not stop the others
    }
  }
});

const transport: Transport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe(event, callback) {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(callback);
    return () => {
      set.delete(callback);
    };
  },
};

contextBridge.exposeInMainWorld('classe', buildClasseApi(transport));

/**
 * A file dropped on the page: Electron no longer puts paths on File objects, only the preload can ask
 * (webUtils.getPathForFile). The path goes straight to main (`files.register`), which checks the file
 * itself; the page gets the opaque FileRef. Anything but a File is refused here.
 */
contextBridge.exposeInMainWorld('classeFiles', {
  register(file: unknown): Promise<Result<FileRef>> {
    if (!(file instanceof File)) return Promise.resolve({ ok: false, error: { code: 'files.invalid_path', params: { name: '' } } });
    let path = '';
    try {
      path = webUtils.getPathForFile(file);
    } catch {
      path = '';
    }
    // A File made by the page itself (not from the disk) has no path.
    if (!path) return Promise.resolve({ ok: false, error: { code: 'files.invalid_path', params: { name: file.name.slice(0, 80) } } });
    return ipcRenderer.invoke('files.register', { path }) as Promise<Result<FileRef>>;
  },
});
