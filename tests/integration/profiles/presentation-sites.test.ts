/**
 * features.presentationSites from a real profile service (managed file on disk) to the allow-list the
 * presentation window checks: the list in force, the defaults without the key, a hot reload that
 * changes it, and a broken edit that keeps the last good list (never the wider defaults).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPresentationUrl, DEFAULT_PRESENTATION_SITES, webPolicyFromSites } from '../../../main/services/display/presentation-url';
import type { ProfileChange } from '../../../main/services/profiles/profile-service';
import { smallProfile } from '../../unit/profiles/fixtures';
import { makeService, nextStatus, sandbox, toText, writeManaged, type Sandbox } from './helpers';

let sb: Sandbox;
const disposers: (() => void)[] = [];
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => {
  for (const d of disposers.splice(0)) d();
  sb.cleanup();
});

const withSites = (sites: string[] | undefined, name = 'Mairie test') =>
  toText(
    smallProfile((p) => {
      p.organisation.name = name;
      if (sites) p.features = { presentationSites: sites };
    }),
  );

async function start(opts: Parameters<typeof makeService>[1] = {}) {
  const { service } = await makeService(sb, opts);
  disposers.push(() => service.dispose());
  await service.start();
  // As main/app/index.ts wires it: the features in force, read at each check.
  const policy = webPolicyFromSites(() => service.features().presentationSites);
  const allowed = (url: string) => checkPresentationUrl(url, policy()).ok;
  return { service, policy, allowed };
}

describe('presentation sites from the IT profile', () => {
  it('uses the profile’s list, and the defaults without a profile or without the key', async () => {
    const none = await start();
    expect(none.service.features().presentationSites).toEqual(DEFAULT_PRESENTATION_SITES);
    expect(none.allowed('https://www.lumni.fr/video/les-volcans')).toBe(true);

    writeManaged(sb, withSites(['*.ac-montpellier.fr', 'www.herault.fr']));
    await none.service.reload();
    expect(none.allowed('https://pedagogie.ac-montpellier.fr/cm2')).toBe(true);
    expect(none.allowed('https://www.herault.fr/')).toBe(true);
    expect(checkPresentationUrl('https://www.lumni.fr/', none.policy())).toMatchObject({ ok: false, code: 'display.presentation_url_not_allowed', host: 'www.lumni.fr' });

    writeManaged(sb, withSites(undefined));
    await none.service.reload();
    expect(none.allowed('https://www.lumni.fr/')).toBe(true);
    expect(none.allowed('https://www.herault.fr/')).toBe(false);

    writeManaged(sb, withSites([]));
    await none.service.reload();
    expect(none.allowed('https://www.lumni.fr/')).toBe(false);
  });

  it('follows a managed file edited while the app runs, and tells the UI through the changed event', async () => {
    writeManaged(sb, withSites(['www.lumni.fr']));
    const { service, allowed } = await start({ watch: false, pollIntervalMs: 100 });
    expect(allowed('https://www.lumni.fr/')).toBe(true);
    const changes: ProfileChange[] = [];
    service.on('changed', (c) => changes.push(c));
    const edited = nextStatus(service, (s) => s.organisation === 'Mairie modifiée');
    writeManaged(sb, withSites(['*.education.gouv.fr'], 'Mairie modifiée'));
    await edited;
    expect(allowed('https://eduscol.education.gouv.fr/')).toBe(true);
    expect(allowed('https://www.lumni.fr/')).toBe(false);
    expect(changes.at(-1)?.features.presentationSites).toEqual(['*.education.gouv.fr']);
  });

  it('keeps the last good list when an edit breaks the profile', async () => {
    writeManaged(sb, withSites(['www.lumni.fr']));
    const { service, allowed } = await start();
    writeManaged(sb, withSites(['https://www.youtube.com/']));
    const status = await service.reload();
    expect(status.state).toBe('fallback');
    expect(status.problem?.issues[0]).toMatchObject({ pathText: 'features.presentationSites[0]', code: 'expected_site_pattern' });
    expect(service.features().presentationSites).toEqual(['www.lumni.fr']);
    expect(allowed('https://www.youtube.com/')).toBe(false);
    expect(allowed('https://eduscol.education.gouv.fr/')).toBe(false);
  });
});
