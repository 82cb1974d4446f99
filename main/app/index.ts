/**
 * Electron entry: lifecycle, single instance, security, the app protocol, the main window and the IPC
 * binding of the host's handlers. All logic lives in main/services and main/host.ts; this file is glue.
 *
 * `Classe numérique --cli <command…>` runs the `classe` command line with the packaged app (the fuses
 * forbid ELECTRON_RUN_AS_NODE), without opening a window.
 */
import { app, BrowserWindow, dialog, ipcMain, nativeTheme } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost, type Host } from '../host';
import { LogBook } from '../services/core/logger';
import { APP_NAME } from '../services/core/app-meta';
import { APP_VERSION } from '../services/core/version';
import { runCli } from '../cli/run';
import { registerAppScheme, handleAppProtocol, APP_ORIGIN, APP_URL } from './protocol';
import { applyAppSecurity } from './security';
import { bindIpc } from './ipc';
import { createMainWindow } from './window';
import { ElectronSettingsStore } from './settings-store';
import { createDesktopShell } from './desktop-shell';
import { createSafeStorageCipher } from './secret-cipher';
import { FileSecretStore } from '../services/secrets/file-secret-store';
import { profileOptionFromArgv } from '../services/profiles/managed-paths';
import { createTranslator } from '../services/core/i18n';
import { setupAppDisplays, type AppDisplays } from './displays';
import { createFilePicker } from './file-dialog';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliIndex = process.argv.indexOf('--cli');

if (cliIndex !== -1) {
  app.dock?.hide();
  void runCli(process.argv.slice(cliIndex + 1), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
  }).then((code) => app.exit(code));
} else {
  startApp();
}

function startApp(): void {
  // Every renderer is sandboxed, whatever its options say.
  app.enableSandbox();
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const allowedOrigins = devUrl ? [APP_ORIGIN, new URL(devUrl).origin] : [APP_ORIGIN];
  const logBook = new LogBook(1000, (l) => {
    if (!app.isPackaged) process.stderr.write(`[${l.level}] ${l.scope}: ${l.message}\n`);
  });
  let host: Host | null = null;
  let mainWindow: BrowserWindow | null = null;
  let displays: AppDisplays | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(async () => {
    // The IT department's help site (profile contact) may open in the browser, like the guides' links.
    const profileLinkHosts = (): string[] => {
      const helpUrl = host?.services.profiles.status().contact?.helpUrl;
      if (!helpUrl) return [];
      try {
        return [new URL(helpUrl).hostname];
      } catch {
        return [];
      }
    };
    applyAppSecurity(allowedOrigins, profileLinkHosts, logBook.logger('security'), {
      exempt: (contents) => displays?.presentation.ownsContents(contents) ?? false,
    });
    handleAppProtocol(join(outDir, 'renderer'));
    // The projector display (followed from Electron's screen) and « Présenter sur le vidéoprojecteur ».
    displays = setupAppDisplays({
      viewerRoot: join(outDir, 'renderer'),
      viewerDevServerUrl: devUrl ?? null,
      logger: logBook.logger('displays'),
      devTools: !app.isPackaged,
      // The profile's allowed sites (its defaults when it lists none), read at each check: a hot reload applies.
      presentationSites: () => host?.services.profiles.features().presentationSites ?? null,
    });
    // « Choisir un fichier »: the native dialog, in the teacher's language.
    const pickFile = createFilePicker(dialog, () => mainWindow, () => {
      const t = createTranslator(host?.services.settings.view().resolvedLanguage ?? 'fr');
      return { title: t('cast:file.pickTitle'), filterName: t('cast:file.filterName') };
    });
    const userData = app.getPath('userData');
    const secretStore = new FileSecretStore(join(userData, 'secrets.json'), { cipher: createSafeStorageCipher(), logger: logBook.logger('secrets') });
    host = await createHost({
      runtime: 'electron',
      version: APP_VERSION,
      electronVersion: process.versions.electron ?? null,
      locale: app.getLocale(),
      settingsStore: new ElectronSettingsStore(userData),
      logBook,
      userDataDir: userData,
      profilePath: profileOptionFromArgv(process.argv),
      secretStore,
      desktop: createDesktopShell(() => BrowserWindow.getFocusedWindow() ?? mainWindow, displays.tracker),
      files: { pickFile },
      display: { tracker: displays.tracker, presentation: displays.presentation },
    });
    const started = host;
    bindIpc({
      ipcMain,
      dispatcher: host.dispatcher,
      events: host.events,
      allowedOrigins,
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      logger: logBook.logger('ipc'),
    });
    mainWindow = createMainWindow({
      outDir,
      userData: app.getPath('userData'),
      url: devUrl ?? APP_URL,
      title: APP_NAME,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#111418' : '#f4f6f9',
    });
    mainWindow.on('closed', () => (mainWindow = null));
    // Linux without a keyring: typed passwords cannot be encrypted. Say so once the page listens.
    if (secretStore.protection().plainTextFallback) {
      logBook.logger('secrets').warn('OS encryption unavailable: typed passwords are kept as plain text in a user-only file');
      mainWindow.webContents.once('did-finish-load', () =>
        started.events.emit('app.notice', { id: 'secrets-plaintext-fallback', level: 'warning', code: 'secrets.plaintext_fallback', guide: 'guide:contact-it' }),
      );
    }
  }, (e: unknown) => {
    logBook.logger('app').error(`start-up failed: ${String(e)}`);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    displays?.dispose();
    void host?.dispose();
  });
}
