/**
 * The preload: exposes `window.classe`, built from the contract, and nothing else. One function per
 * channel (ipcRenderer.invoke), `on(event, cb)` that returns an unsubscribe and never passes the
 * Electron event object. No generic send, no ipcRenderer on the page. Bundled into ONE CommonJS file
 * (a sandboxed preload cannot require anything but 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildClasseApi, EVENT_NAMES, type EventName, type Result, type Transport } from './contract';

const EVENT_CHANNEL = 'classe:event';
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !(EVENT_NAMES as string[]).includes(name)) return;
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
