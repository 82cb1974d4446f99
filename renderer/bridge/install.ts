/**
 * Provides `window.classe`. In Electron the preload has already exposed it; in the web preview we build
 * the same API from the contract over the WebSocket.
 */
import { buildClasseApi, type ClasseApi } from '../../preload/contract';
import { takeTokenFromLocation, WebSocketTransport, type ConnectionState } from './transport-web';

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
}

export function installBridge(): Bridge {
  if (window.classe) {
    return { api: window.classe, kind: 'electron', onConnection: (cb) => (cb('open'), () => {}) };
  }
  const token = takeTokenFromLocation() ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = new WebSocketTransport(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
  const api = buildClasseApi(transport);
  Object.defineProperty(window, 'classe', { value: api, writable: false, configurable: false });
  return {
    api,
    kind: 'web',
    onConnection: (cb) => {
      cb(transport.state);
      return transport.onState(cb);
    },
  };
}
