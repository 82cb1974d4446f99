/**
 * The one function the PJLink manager calls to get a projector's password. Resolved in main only.
 *
 * Order: a password typed in the app for this device (secret store, by device id, inventory id, then
 * host) wins over the profile's, like a user setting over a recommended one: IT fixing a projector on
 * site must not wait for the next profile. Then the profile (by inventory id, then host or address).
 */
import type { Logger } from '../core/logger';
import { pjlinkHostSecretKey, pjlinkSecretKey, type SecretStore } from './secret-store';

export interface PjlinkPasswordQuery {
  /** The registry's device id. */
  deviceId?: string | null;
  /** The IT profile's device id, when the device comes from the inventory. */
  inventoryId?: string | null;
  host?: string | null;
  addresses?: readonly string[];
}

/** Where the profile's passwords are found (ProfileService.pjlinkPassword). */
export interface ProfilePasswordSource {
  pjlinkPassword(query: { deviceId?: string | null; host?: string | null; addresses?: readonly string[] }): string | null;
}

export type PjlinkPasswordLookup = (query: PjlinkPasswordQuery) => Promise<string | null>;

export function createPjlinkPasswordLookup(deps: { profile: ProfilePasswordSource | null; secrets: SecretStore | null; logger?: Logger }): PjlinkPasswordLookup {
  return async (query) => {
    const hosts = [query.host, ...(query.addresses ?? [])].filter((h): h is string => typeof h === 'string' && h.length > 0);
    if (deps.secrets) {
      const keys = [
        ...[query.deviceId, query.inventoryId].filter((id): id is string => typeof id === 'string' && id.length > 0).map(pjlinkSecretKey),
        ...hosts.map(pjlinkHostSecretKey),
      ];
      for (const key of keys) {
        try {
          const value = await deps.secrets.get(key);
          if (value) return value;
        } catch {
          // A key the store refuses (odd characters in a discovered id) simply has no stored secret.
          deps.logger?.debug(`no stored secret under a malformed key`);
        }
      }
    }
    if (deps.profile) {
      for (const id of [query.inventoryId, query.deviceId]) {
        if (!id) continue;
        const found = deps.profile.pjlinkPassword({ deviceId: id });
        if (found) return found;
      }
      const byHost = deps.profile.pjlinkPassword({ host: query.host ?? null, addresses: query.addresses ?? [] });
      if (byHost) return byHost;
    }
    return null;
  };
}

/** Every secret value this laptop knows (profile + store), to scrub from reports. */
export async function collectKnownSecrets(deps: { profile: { knownSecrets(): string[] } | null; secrets: SecretStore | null }): Promise<string[]> {
  const out = new Set<string>(deps.profile?.knownSecrets() ?? []);
  if (deps.secrets) {
    for (const key of await deps.secrets.keys()) {
      const value = await deps.secrets.get(key).catch(() => null);
      if (value) out.add(value);
    }
  }
  return [...out];
}
