import type { StateCreator } from 'zustand';
import type { AppInfo, Notice } from '../../preload/contract/app';
import type { ErrorInfo } from '../../preload/contract';
import { formatRoute, parseRoute, type Route } from '../app/router';
import { api } from './api';
import type { RootState } from './index';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface Toast {
  id: string;
  level: Notice['level'];
  /** Catalog key (namespace:key) and its parameters. */
  messageKey: string;
  params?: Record<string, string | number>;
  guide?: string;
}

export interface AppSlice {
  info: AppInfo | null;
  connection: ConnectionState;
  route: Route;
  toasts: Toast[];
  loadInfo(): Promise<void>;
  setConnection(state: ConnectionState): void;
  navigate(route: Route): void;
  syncRouteFromLocation(hash: string): void;
  pushToast(toast: Omit<Toast, 'id'> & { id?: string }): void;
  pushError(error: ErrorInfo): void;
  dismissToast(id: string): void;
}

export const appInitialState = {
  info: null,
  connection: 'connecting' as ConnectionState,
  route: { name: 'home' } as Route,
  toasts: [] as Toast[],
};

let toastSeq = 0;
const MAX_TOASTS = 4;

export const createAppSlice: StateCreator<RootState, [], [], AppSlice> = (set, get) => ({
  ...appInitialState,
  async loadInfo() {
    const r = await api().app.info();
    if (r.ok) set({ info: r.value });
  },
  setConnection(connection) {
    set({ connection });
  },
  navigate(route) {
    set({ route });
    const hash = formatRoute(route);
    if (typeof window !== 'undefined' && window.location.hash !== hash) window.location.hash = hash;
  },
  syncRouteFromLocation(hash) {
    set({ route: parseRoute(hash) });
  },
  pushToast(toast) {
    const id = toast.id ?? `t${++toastSeq}`;
    set({ toasts: [...get().toasts.filter((t) => t.id !== id), { ...toast, id }].slice(-MAX_TOASTS) });
  },
  pushError(error) {
    const toast: Omit<Toast, 'id'> = { level: 'error', messageKey: `errors:${error.code}` };
    if (error.params) toast.params = error.params;
    if (error.guide) toast.guide = error.guide;
    get().pushToast(toast);
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
});
