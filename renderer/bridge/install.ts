/**
 * Provides `window.classe`. In Electron the preload has already exposed it; in the web preview we build
 * the same API from the contract over the WebSocket.
 */
import { buildClasseApi } from '../../preload/api';
import type { ClasseApi } from '../../preload/contract';
import { takeTokenFromLocation, WebSocketTransport, type ConnectionState } from './transport-web';
import { electronFileBridge, webFileBridge, type FileBridge } from './files';

declare global {
  interface Window {
    classe?: ClasseApi;
  }
}

export interface Bridge {
  api: ClasseApi;
  kind: 'electron' | 'web';
  /** Connection state changes (always 'open' in Electron). */
  onConnection(cb: (s: ConnectionState) => void): () => void;
  /** Chosen files → opaque ids (native dialog / preload in Electron, upload in the web preview). */
  files: FileBridge;
}

export function installBridge(): Bridge {
  if (window.classe) {
    const files = window.classeFiles ? electronFileBridge(window.classe, window.classeFiles) : { pick: () => window.classe!.files.pick(), register: async () => ({ ok: false as const, error: { code: 'files.picker_unavailable' } }) };
    return { api: window.classe, kind: 'electron', onConnection: (cb) => (cb('open'), () => {}), files };
  }
  const token = takeTokenFromLocation() ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = new WebSocketTransport(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
  const api = buildClasseApi(transport);
  Object.defineProperty(window, 'classe', { value: api, writable: false, configurable: false });
  return {
    api,
    kind: 'web',
    files: webFileBridge(token),
    onConnection: (cb) => {
      cb(transport.state);
      return transport.onState(cb);
    },
  };
}
