/**
 * Per-user data folder outside Electron (web preview, CLI). Electron uses app.getPath('userData').
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_DIR_NAME } from './app-meta';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CLASSE_USER_DATA) return env.CLASSE_USER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}
