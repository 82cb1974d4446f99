/**
 * `npm run web`: the web preview. Builds the host (same services as the app), serves the renderer and
 * the contract on 127.0.0.1, and prints the URL to open (it carries the per-run token).
 *
 *   node out/main/web.js [--port 8080] [--user-data DIR] [--profile FILE] [--no-discovery]
 *                        [--interface NAME…] [--demo-time-scale X] [--display-mode]
 *
 * --no-discovery: no mDNS, PJLink search, probe or DLNA; only the IT inventory, typed hosts and the
 * demo classroom (what the end-to-end tests use: they never send packets to the machine's networks).
 * --interface: discover only on these interfaces (names or IPv4 addresses; the lab uses its veth).
 * --demo-time-scale: speed of the demo projectors' warm-up and cooling (1 = about 20 s; 0.1 = 2 s).
 * --display-mode: let the preview switch this computer's display mode (« Afficher mon écran », the
 * display switch, the guides' « Dupliquer l'écran »). Off by default: the preview usually runs on a
 * developer's or trainer's computer next to a simulated classroom, whose real screens must not move
 * (see main/modules/display/display-module.ts).
 * --max-upload-mib N: the biggest file a page may upload for casting (default 4096).
 *
 * --profile FILE reads the managed IT profile from FILE instead of the OS location (as CLASSE_PROFILE
 * does); FILE.sig and trusted-keys/ next to it are used too. Typed passwords go to DIR/secrets.json.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHost } from '../host';
import { LogBook } from '../services/core/logger';
import { systemLocale } from '../services/core/locale';
import { defaultUserDataDir } from '../services/core/paths';
import { APP_VERSION } from '../services/core/version';
import { JsonFileSettingsStore } from '../services/settings/store';
import { startWebPreview } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'user-data': { type: 'string' },
      'renderer-dir': { type: 'string' },
      profile: { type: 'string' },
      'no-discovery': { type: 'boolean' },
      interface: { type: 'string', multiple: true },
      'demo-time-scale': { type: 'string' },
      'display-mode': { type: 'boolean' },
      'max-upload-mib': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected a port number, got "${values.port}"`);
  const userData = values['user-data'] ?? defaultUserDataDir();
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = values['renderer-dir'] ?? join(here, '..', 'renderer');

  const demoTimeScale = values['demo-time-scale'] === undefined ? undefined : Number(values['demo-time-scale']);
  if (demoTimeScale !== undefined && !(demoTimeScale > 0 && demoTimeScale <= 10)) throw new Error(`--demo-time-scale: expected a number between 0 and 10, got "${values['demo-time-scale']}"`);
  const maxUploadMib = values['max-upload-mib'] === undefined ? undefined : Number(values['max-upload-mib']);
  if (maxUploadMib !== undefined && !(Number.isFinite(maxUploadMib) && maxUploadMib > 0)) throw new Error(`--max-upload-mib: expected a positive number, got "${values['max-upload-mib']}"`);
  const logBook = new LogBook(500, values.quiet ? null : (l) => process.stderr.write(`[${l.level}] ${l.scope}: ${l.message}\n`), 'info');
  const host = await createHost({
    runtime: 'web',
    version: APP_VERSION,
    locale: systemLocale(),
    settingsStore: new JsonFileSettingsStore(join(userData, 'settings.json')),
    logBook,
    userDataDir: userData,
    profilePath: values.profile ?? null,
    devices: {
      networkDiscovery: !values['no-discovery'],
      ...(values.interface?.length ? { discovery: { interfaces: { only: values.interface } } } : {}),
      ...(demoTimeScale !== undefined ? { demoTimeScale } : {}),
    },
    display: { system: values['display-mode'] === true },
    ...(maxUploadMib !== undefined ? { files: { maxUploadBytes: Math.round(maxUploadMib * 1024 * 1024) } } : {}),
  });
  const preview = await startWebPreview({ host, rendererDir, port, logger: logBook.logger('web') });
  // The one line tools (and the end-to-end tests) read: the URL with its token.
  process.stdout.write(`Classe numérique — aperçu web : ${preview.url}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await preview.close();
    await host.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
