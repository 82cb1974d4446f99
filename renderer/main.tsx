/**
 * Renderer entry. Installs window.classe (preload in Electron, WebSocket in the web preview), loads the
 * first data, subscribes to events once, and renders the shell. The first paint does not wait for main.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import './ui/styles/tokens.css';
import './ui/styles/base.css';
import './ui/styles/components.css';
import './app/shell.css';
import { installBridge } from './bridge/install';
import { setApi } from './store/api';
import { setFileBridge } from './bridge/files';
import { useStore } from './store';
import { subscribeToEvents } from './store/events';
import { createI18n, applyLanguage } from './i18n';
import { App } from './app/app';
import { ErrorBoundary } from './app/error-boundary';
import { applyTheme } from './app/theme';

const bridge = installBridge();
setApi(bridge.api);
setFileBridge(bridge.files);
const i18n = createI18n(navigator.language.toLowerCase().startsWith('en') ? 'en' : 'fr');

const store = useStore.getState();
store.syncRouteFromLocation(window.location.hash);
window.addEventListener('hashchange', () => useStore.getState().syncRouteFromLocation(window.location.hash));
subscribeToEvents(bridge.api);
bridge.onConnection((state) => {
  const previous = useStore.getState().connection;
  useStore.getState().setConnection(state);
  // After a reconnection, refresh what may have changed meanwhile.
  if (state === 'open' && previous === 'closed') {
    void useStore.getState().loadSettings();
    void useStore.getState().loadProfile();
    void useStore.getState().loadDevices();
    void useStore.getState().loadReminders();
  }
});
// A hidden window does not need fresh projector statuses every second: polling slows down.
document.addEventListener('visibilitychange', () => void bridge.api.app.visibility({ visible: document.visibilityState === 'visible' }));

// Language and theme follow the settings (resolved in main).
useStore.subscribe((s, prev) => {
  if (s.settings !== prev.settings && s.settings) {
    applyLanguage(i18n, s.settings.resolvedLanguage);
    applyTheme(s.settings.values.theme);
  }
});
void store.loadInfo();
void store.loadSettings();
void store.loadProfile();
void store.loadDevices();
void store.loadReminders();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ErrorBoundary i18n={i18n}>
        <App />
      </ErrorBoundary>
    </I18nextProvider>
  </StrictMode>,
);
