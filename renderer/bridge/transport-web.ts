/**
 * window.classe over the web preview's WebSocket, for when there is no Electron preload. Same API,
 * same results: the renderer cannot tell the difference. The token comes from the URL fragment
 * (#token=…), which the server never sees in a request line; it is kept in sessionStorage so that a
 * reload keeps working, and removed from the address bar.
 */
import type { ChannelName, EventName, Result, Transport } from '../../preload/contract';

export type ConnectionState = 'connecting' | 'open' | 'closed';

const TOKEN_KEY = 'classe.web.token';

export function takeTokenFromLocation(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})/.exec(loc.hash);
  if (m) {
    storage.setItem(TOKEN_KEY, m[1]!);
    const rest = loc.hash.replace(/(?:^#|&)token=[A-Za-z0-9_-]+/, '').replace(/^&/, '');
    history.replaceState(null, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : '#/'}`);
    return m[1]!;
  }
  return storage.getItem(TOKEN_KEY);
}

interface Pending {
  resolve: (r: Result<unknown>) => void;
}

export class WebSocketTransport implements Transport {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: string[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private retry = 0;
  state: ConnectionState = 'connecting';

  constructor(private readonly url: string) {
    this.connect();
  }

  onState(cb: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  private setState(s: ConnectionState) {
    this.state = s;
    for (const cb of this.stateListeners) cb(s);
  }

  private connect() {
    this.setState('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.setState('open');
      for (const m of this.queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (ev) => this.onMessage(String(ev.data));
    ws.onclose = () => {
      this.ws = null;
      this.setState('closed');
      // Calls in flight will never be answered: fail them clearly.
      for (const [id, p] of this.pending) {
        p.resolve({ ok: false, error: { code: 'app.offline' } });
        this.pending.delete(id);
      }
      const delay = Math.min(10_000, 250 * 2 ** this.retry++);
      setTimeout(() => this.connect(), delay);
    };
  }

  private onMessage(text: string) {
    let msg: { t?: string; id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    if (msg.t === 'result' && typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (p && msg.result) {
        this.pending.delete(msg.id);
        p.resolve(msg.result);
      }
    } else if (msg.t === 'event' && typeof msg.event === 'string') {
      for (const cb of this.listeners.get(msg.event) ?? []) cb(msg.payload);
    }
  }

  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    const text = JSON.stringify({ t: 'call', id, channel, input });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
      else this.queue.push(text);
    });
  }

  subscribe(event: EventName, callback: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callback);
    return () => set.delete(callback);
  }
}
