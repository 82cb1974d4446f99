import type { Notice } from '../../preload/contract/app';
import type { ProfileOverview } from '../../preload/contract/profiles';
import type { Handlers } from '../rpc/dispatcher';
import { ServiceError } from '../services/core/errors';
import type { Logger } from '../services/core/logger';
import type { ProfileService } from '../services/profiles/profile-service';
import { pjlinkSecretKey, type SecretStore } from '../services/secrets/secret-store';

type ProfileChannels = 'profile.status' | 'profile.import' | 'profile.removeImported' | 'profile.export' | 'secrets.setPjlinkPassword' | 'secrets.forgetPjlinkPassword';

/** The overview Réglages and the banner show (channel profile.status, event profile.changed). */
export function profileOverview(profiles: ProfileService, secrets: SecretStore): ProfileOverview {
  return { status: profiles.status(), summary: profiles.summary(), features: profiles.features(), secrets: secrets.protection() };
}

export function profileHandlers(deps: {
  profiles: ProfileService;
  secrets: SecretStore;
  /** The draft for "Exporter un profil depuis ce poste" (never with passwords from the UI). */
  exportDraft: () => Promise<{ text: string; rooms: number; devices: number; skipped: unknown[]; passwordsLeftOut: number }>;
  redact: (secret: string) => void;
  notify: (notice: Notice) => void;
  logger: Logger;
}): Pick<Handlers, ProfileChannels> {
  const { profiles, secrets } = deps;
  return {
    'profile.status': () => profileOverview(profiles, secrets),
    // `content` was decoded from the file as UTF-8 with its byte-order mark kept: encoding it again gives
    // the exact bytes that were signed.
    'profile.import': ({ content, signature }) => profiles.importProfile(Buffer.from(content, 'utf8'), signature ?? null),
    'profile.removeImported': async () => {
      await profiles.removeImported();
      return profileOverview(profiles, secrets);
    },
    'profile.export': async () => {
      try {
        const draft = await deps.exportDraft();
        return { text: draft.text, fileName: 'profile.json', rooms: draft.rooms, devices: draft.devices, skipped: draft.skipped.length, passwordsLeftOut: draft.passwordsLeftOut };
      } catch (e) {
        deps.logger.error(`profile export failed: ${String(e).slice(0, 300)}`);
        throw new ServiceError('profiles.export_failed', { guide: 'guide:contact-it', cause: e });
      }
    },
    'secrets.setPjlinkPassword': async ({ deviceId, password }) => {
      deps.redact(password);
      await secrets.set(pjlinkSecretKey(deviceId), password);
      const protection = secrets.protection();
      if (protection.plainTextFallback) deps.notify({ id: 'secrets-plaintext-fallback', level: 'warning', code: 'secrets.plaintext_fallback', guide: 'guide:contact-it' });
      return { stored: true as const, protection };
    },
    'secrets.forgetPjlinkPassword': async ({ deviceId }) => ({ deleted: await secrets.delete(pjlinkSecretKey(deviceId)) }),
  };
}
