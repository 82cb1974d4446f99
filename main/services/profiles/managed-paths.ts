/**
 * Where the machine-wide managed profile lives on each OS. These folders are writable by
 * administrators only, which is why a file there may be trusted without a signature (unless it sets
 * requireSignature). `--profile` and CLASSE_PROFILE override the path for tests and the CLI.
 */
import { join, posix, win32 } from 'node:path';
import { APP_NAME } from '../core/app-meta';

export interface ManagedPathInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The `--profile` option, when given. */
  profileOption?: string | null;
}

export interface ManagedLocation {
  /** The managed profile file. */
  profile: string;
  /** Its detached signature. */
  signature: string;
  /** Folder of trusted public keys (*.pem) next to it. */
  trustedKeysDir: string;
  /** How the path was chosen. */
  origin: 'option' | 'env' | 'default';
}

export function defaultManagedProfilePath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', APP_NAME, 'profile.json');
  if (platform === 'darwin') return posix.join('/Library/Application Support', APP_NAME, 'profile.json');
  return '/etc/classe-numerique/profile.json';
}

export function resolveManagedLocation(input: ManagedPathInput): ManagedLocation {
  const path = input.platform === 'win32' ? win32 : posix;
  let profile: string;
  let origin: ManagedLocation['origin'];
  if (input.profileOption) {
    profile = path.resolve(input.profileOption);
    origin = 'option';
  } else if (input.env.CLASSE_PROFILE) {
    profile = path.resolve(input.env.CLASSE_PROFILE);
    origin = 'env';
  } else {
    profile = defaultManagedProfilePath(input.platform, input.env);
    origin = 'default';
  }
  return { profile, signature: `${profile}.sig`, trustedKeysDir: path.join(path.dirname(profile), 'trusted-keys'), origin };
}

/** The app's `--profile FILE` or `--profile=FILE` argument (the CLI and the web preview parse their own options). */
export function profileOptionFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--profile') return argv[i + 1] ?? null;
    if (a.startsWith('--profile=')) return a.slice('--profile='.length) || null;
  }
  return null;
}

/** Where the service keeps its copies inside the user data folder. */
export function profileDataPaths(userDataDir: string) {
  const dir = join(userDataDir, 'profiles');
  return {
    dir,
    imported: join(dir, 'imported.json'),
    importedSignature: join(dir, 'imported.json.sig'),
    lastGood: join(dir, 'last-good.json'),
    lastGoodSignature: join(dir, 'last-good.json.sig'),
    lastGoodMeta: join(dir, 'last-good.meta.json'),
  };
}
