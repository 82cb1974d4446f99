/** Temporary managed folders, keys and signatures for profile service tests. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogBook } from '../../../main/services/core/logger';
import { resolveManagedLocation, type ManagedLocation } from '../../../main/services/profiles/managed-paths';
import { ProfileService, type ProfileServiceOptions } from '../../../main/services/profiles/profile-service';
import { generateSigningKeyPair, parsePrivateKey, signProfileBytes } from '../../../main/services/profiles/signatures';
import type { ProfileStatus } from '../../../main/services/profiles/status';
import { SettingsService } from '../../../main/services/settings/settings-service';
import { MemorySettingsStore } from '../../../main/services/settings/store';

export interface Sandbox {
  root: string;
  location: ManagedLocation;
  userDataDir: string;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'classe-profiles-'));
  const location = resolveManagedLocation({ platform: 'linux', env: {}, profileOption: join(root, 'etc', 'profile.json') });
  mkdirSync(join(root, 'etc'), { recursive: true });
  const userDataDir = join(root, 'user');
  return { root, location, userDataDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface TestKey {
  keyId: string;
  publicKeyPem: string;
  privateKeyPem: string;
  sign(text: string | Buffer): string;
}

export function testKey(): TestKey {
  const pair = generateSigningKeyPair();
  const key = parsePrivateKey(pair.privateKeyPem);
  if (!key) throw new Error('key');
  return { ...pair, sign: (text) => signProfileBytes(Buffer.from(text), key).text };
}

export function trustKey(sb: Sandbox, key: TestKey, name = `${key.keyId}.pem`): void {
  mkdirSync(sb.location.trustedKeysDir, { recursive: true });
  writeFileSync(join(sb.location.trustedKeysDir, name), key.publicKeyPem);
}

export function writeManaged(sb: Sandbox, text: string, signWith?: TestKey): void {
  writeFileSync(sb.location.profile, text);
  if (signWith) writeFileSync(sb.location.signature, signWith.sign(text));
  else rmSync(sb.location.signature, { force: true });
}

export function toText(profile: unknown): string {
  return JSON.stringify(profile, null, 2) + '\n';
}

export async function makeService(sb: Sandbox, opts: Partial<ProfileServiceOptions> = {}) {
  const logBook = new LogBook(500, null, 'debug');
  const settings = new SettingsService(new MemorySettingsStore(), 'fr-FR', logBook.logger('settings'));
  await settings.init();
  const service = new ProfileService({
    location: sb.location,
    userDataDir: sb.userDataDir,
    settings,
    logger: logBook.logger('profiles'),
    redact: (s) => logBook.redact(s),
    networkInterfaces: () => ({}),
    watch: false,
    pollIntervalMs: 0,
    ...opts,
  });
  return { service, settings, logBook };
}

/** Resolves with the first status event matching the predicate. */
export function nextStatus(service: ProfileService, predicate: (s: ProfileStatus) => boolean): Promise<ProfileStatus> {
  return new Promise((resolve) => {
    const off = service.on('status', (s) => {
      if (predicate(s)) {
        off();
        resolve(s);
      }
    });
  });
}
