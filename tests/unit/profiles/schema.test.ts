import { describe, expect, it } from 'vitest';
import { formatIssue, issueMessage } from '../../../main/services/profiles/messages';
import { PROFILE_LIMITS } from '../../../main/services/profiles/schema';
import { validateProfile, type ProfileIssue } from '../../../main/services/profiles/validate';
import { fr, SAMPLE_PROFILE_TEXT, variant, type Json } from './fixtures';

describe('the documented sample profile', () => {
  it('validates, with 10 rooms (9 classrooms with projector and screen, 1 VPI room)', () => {
    const result = validateProfile(SAMPLE_PROFILE_TEXT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rooms = result.profile.schools?.flatMap((s) => s.rooms) ?? [];
    expect(rooms).toHaveLength(10);
    const classrooms = rooms.filter((r) => r.devices.some((d) => d.kind === 'projector') && r.devices.some((d) => d.kind === 'screen'));
    expect(classrooms).toHaveLength(9);
    expect(rooms.filter((r) => r.devices.some((d) => d.kind === 'interactive-projector'))).toHaveLength(1);
  });
});

interface BadCase {
  name: string;
  text: string | Uint8Array;
  origin?: 'managed' | 'imported' | 'remote';
  code: string;
  path: string;
  /** Part of the French message (plain spaces; French typography is applied). */
  message: string;
  /** The text found at the reported line:column. */
  at?: string;
}

const set = (path: (string | number)[], value: unknown) => (p: Json) => {
  let cur = p;
  for (const seg of path.slice(0, -1)) cur = cur[seg];
  cur[path[path.length - 1] as string | number] = value;
};
const device = (room: number, i = 0) => ['schools', 0, 'rooms', room, 'devices', i];

const cases: BadCase[] = [
  { name: 'missing comma', text: '{\n  "schemaVersion": 1\n  "organisation": {}\n}', code: 'json_comma_expected', path: '', message: 'virgule attendue', at: '"organisation"' },
  { name: 'trailing comma', text: '{\n  "schemaVersion": 1,\n}', code: 'json_trailing_comma', path: '', message: 'virgule en trop', at: '}' },
  { name: 'a comment', text: '{\n  // salle 1\n  "schemaVersion": 1\n}', code: 'json_comment', path: '', message: 'commentaires ne sont pas permis', at: '// salle 1' },
  { name: 'an unterminated string', text: '{\n  "schemaVersion": 1,\n  "organisation": "Mairie\n}', code: 'json_unterminated_string', path: '', message: 'texte non terminé' },
  { name: 'single quotes', text: "{ 'schemaVersion': 1 }", code: 'json_single_quotes', path: '', message: 'guillemets doubles', at: "'schemaVersion'" },
  { name: 'a key without quotes', text: '{\n  schemaVersion: 1\n}', code: 'json_property_name_expected', path: '', message: 'nom de clé entre guillemets attendu', at: 'schemaVersion: 1' },
  { name: 'text after the JSON', text: '{ "schemaVersion": 1 } x', code: 'json_end_of_file_expected', path: '', message: 'texte en trop', at: 'x' },
  { name: 'an empty file', text: '  \n', code: 'empty_file', path: '', message: 'le fichier est vide' },
  { name: 'bytes that are not UTF-8', text: Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), code: 'not_utf8', path: '', message: 'UTF-8' },
  { name: 'a 10 MB file', text: '{"schemaVersion":1,"$comment":"' + 'x'.repeat(10 * 1024 * 1024) + '"}', code: 'file_too_large', path: '', message: 'fichier trop volumineux' },
  { name: 'deep nesting', text: '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}', code: 'too_deep', path: '', message: 'imbrication trop profonde : 32 niveaux au plus' },
  { name: 'a duplicate key', text: '{\n  "schemaVersion": 1,\n  "schemaVersion": 1\n}', code: 'duplicate_key', path: 'schemaVersion', message: 'clé « schemaVersion » en double', at: '"schemaVersion": 1\n}' },
  { name: 'a list at the root', text: '[1, 2]', code: 'expected_object', path: '', message: 'objet { … } attendu, reçu une liste' },
  { name: 'another schema version', text: variant(set(['schemaVersion'], 2)), code: 'unsupported_schema_version', path: 'schemaVersion', message: 'version de format non prise en charge : 1 attendu, reçu 2', at: '2' },
  { name: 'no organisation', text: variant((p) => delete p.organisation), code: 'missing_key', path: 'organisation', message: 'champ obligatoire « organisation » manquant' },
  { name: 'an unknown top-level key', text: variant(set(['volume'], 11)), code: 'unknown_key', path: 'volume', message: 'clé inconnue « volume »', at: '"volume"' },
  {
    name: 'a misspelt key',
    text: variant((p) => {
      const d = p.schools[0].rooms[1].devices[0];
      d.pjlinkPasword = d.pjlinkPassword;
      delete d.pjlinkPassword;
    }),
    code: 'unknown_key_suggestion',
    path: 'schools[0].rooms[1].devices[0].pjlinkPasword',
    message: 'vouliez-vous dire « pjlinkPassword » ?',
    at: '"pjlinkPasword"',
  },
  { name: 'a host that is not an address', text: variant(set([...device(2), 'host'], 'salle 12')), code: 'expected_host', path: 'schools[0].rooms[2].devices[0].host', message: 'adresse attendue, reçu « salle 12 »', at: '"salle 12"' },
  { name: 'an impossible IPv4 address', text: variant(set([...device(0), 'host'], '999.1.1.1')), code: 'expected_host', path: 'schools[0].rooms[0].devices[0].host', message: 'adresse attendue, reçu « 999.1.1.1 »', at: '"999.1.1.1"' },
  { name: 'a port too large', text: variant(set([...device(9), 'pjlinkPort'], 70000)), code: 'too_big_number', path: 'schools[0].rooms[9].devices[0].pjlinkPort', message: 'nombre trop grand : 65535 au plus, reçu 70000', at: '70000' },
  { name: 'a fractional port', text: variant(set([...device(9), 'pjlinkPort'], 4352.5)), code: 'expected_integer', path: 'schools[0].rooms[9].devices[0].pjlinkPort', message: 'nombre entier attendu, reçu 4352.5', at: '4352.5' },
  { name: 'a port written as text', text: variant(set([...device(9), 'pjlinkPort'], '4352')), code: 'expected_number', path: 'schools[0].rooms[9].devices[0].pjlinkPort', message: 'nombre attendu, reçu « 4352 »', at: '"4352"' },
  { name: 'an unknown device kind', text: variant(set([...device(0), 'kind'], 'tv')), code: 'expected_one_of', path: 'schools[0].rooms[0].devices[0].kind', message: 'une de ces valeurs attendue : "projector", "interactive-projector", "screen", "cast-receiver", reçu « tv »', at: '"tv"' },
  { name: 'the kind "unknown"', text: variant(set([...device(0), 'kind'], 'unknown')), code: 'expected_one_of', path: 'schools[0].rooms[0].devices[0].kind', message: 'reçu « unknown »' },
  { name: 'a subnet prefix over 32', text: variant(set(['placement', 'subnets', 3, 'cidr'], '10.34.104.0/33')), code: 'expected_cidr', path: 'placement.subnets[3].cidr', message: 'sous-réseau attendu, par exemple « 10.12.3.0/24 », reçu « 10.34.104.0/33 »', at: '"10.34.104.0/33"' },
  { name: 'a subnet that is a name', text: variant(set(['placement', 'subnets', 0, 'cidr'], 'salle 1')), code: 'expected_cidr', path: 'placement.subnets[0].cidr', message: 'sous-réseau attendu' },
  { name: 'a subnet rule for an unknown room', text: variant(set(['placement', 'subnets', 1, 'room'], 'salle-99')), code: 'unknown_room', path: 'placement.subnets[1].room', message: 'salle « salle-99 » inconnue', at: '"salle-99"' },
  { name: 'an unknown default room', text: variant(set(['placement', 'defaultRoom'], 'gymnase')), code: 'unknown_room', path: 'placement.defaultRoom', message: 'salle « gymnase » inconnue' },
  { name: 'a locked value that is invalid', text: variant(set(['settings', 'locked', 'theme'], 'purple')), code: 'expected_one_of', path: 'settings.locked.theme', message: 'une de ces valeurs attendue : "system", "light", "dark", reçu « purple »', at: '"purple"' },
  { name: 'a locked setting that does not exist', text: variant(set(['settings', 'locked', 'volume'], 3)), code: 'unknown_key', path: 'settings.locked.volume', message: 'clé inconnue « volume »', at: '"volume"' },
  { name: 'a locked room of the wrong type', text: variant(set(['settings', 'locked', 'room'], 12)), code: 'expected_string', path: 'settings.locked.room', message: 'texte attendu, reçu 12', at: '12' },
  { name: 'a recommended boolean given as text', text: variant(set(['settings', 'recommended', 'demoMode'], 'oui')), code: 'expected_boolean', path: 'settings.recommended.demoMode', message: 'true ou false attendu, reçu « oui »' },
  { name: 'a lock that contradicts a feature', text: variant(set(['settings', 'locked', 'networkProbe'], true)), code: 'conflicts_with_feature', path: 'settings.locked.networkProbe', message: 'contredit features.networkProbeAllowed' },
  { name: 'two rooms with the same id', text: variant(set(['schools', 0, 'rooms', 4, 'id'], 'salle-1')), code: 'duplicate_id', path: 'schools[0].rooms[4].id', message: 'identifiant « salle-1 » déjà utilisé par schools[0].rooms[0]' },
  { name: 'two devices with the same id', text: variant(set([...device(3, 1), 'id'], 'vp-salle-4')), code: 'duplicate_id', path: 'schools[0].rooms[3].devices[1].id', message: 'identifiant « vp-salle-4 » déjà utilisé' },
  { name: 'two devices with the same host', text: variant(set([...device(5), 'host'], '10.34.101.10')), code: 'duplicate_host', path: 'schools[0].rooms[5].devices[0].host', message: 'adresse « 10.34.101.10 » déjà utilisée par schools[0].rooms[0].devices[0]' },
  { name: 'an id with a space', text: variant(set(['schools', 0, 'rooms', 2, 'id'], 'salle 3')), code: 'expected_id', path: 'schools[0].rooms[2].id', message: 'identifiant attendu' },
  { name: 'an e-mail address without @', text: variant(set(['organisation', 'contact', 'email'], 'informatique.mairie')), code: 'expected_email', path: 'organisation.contact.email', message: 'adresse e-mail attendue, reçu « informatique.mairie »' },
  { name: 'a help URL that is not a web address', text: variant(set(['organisation', 'contact', 'helpUrl'], 'ftp://support.example.org')), code: 'expected_url', path: 'organisation.contact.helpUrl', message: 'adresse web attendue' },
  { name: 'a phone number with letters', text: variant(set(['organisation', 'contact', 'phone'], 'appeler Paul')), code: 'expected_phone', path: 'organisation.contact.phone', message: 'numéro de téléphone attendu' },
  { name: 'no way to reach IT', text: variant(set(['organisation', 'contact'], { name: 'Service informatique' })), code: 'contact_needs_channel', path: 'organisation.contact', message: 'indiquez au moins un moyen de joindre le service informatique' },
  { name: 'an empty room name', text: variant(set(['schools', 0, 'rooms', 0, 'name'], '')), code: 'empty_text', path: 'schools[0].rooms[0].name', message: 'texte vide' },
  { name: 'a huge string', text: variant(set(['schools', 0, 'name'], 'É'.repeat(300_000))), code: 'too_long', path: 'schools[0].name', message: 'texte trop long : 200 caractères au plus (il en a 300000)' },
  {
    name: 'too many devices in a room',
    text: variant((p) => {
      p.schools[0].rooms[0].devices = Array.from({ length: PROFILE_LIMITS.devicesPerRoom + 1 }, (_, i) => ({ id: `d${i}`, name: `D${i}`, kind: 'screen', host: `10.9.0.${i + 1}` }));
    }),
    code: 'too_many',
    path: 'schools[0].rooms[0].devices',
    message: 'trop d’éléments : 50 au plus (il y en a 51)',
  },
  { name: 'a guide pack with a folder and entries', text: variant(set(['guides', 'packs', 0, 'folder'], 'guides')), code: 'guide_pack_source', path: 'guides.packs[0]', message: 'indiquez soit « folder », soit « entries », pas les deux' },
  { name: 'a trusted key that is not an Ed25519 key', text: variant(set(['managed', 'trustedKeys'], ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'])), code: 'expected_public_key', path: 'managed.trustedKeys[0]', message: 'clé publique Ed25519 au format PEM attendue' },
  { name: 'a remote profile over plain HTTP', text: variant(set(['managed', 'remoteProfile'], { url: 'http://profils.example.org/ecole.json' })), code: 'expected_https_url', path: 'managed.remoteProfile.url', message: 'adresse web sécurisée attendue (https://)' },
  { name: 'a refresh period too short', text: variant(set(['managed', 'remoteProfile'], { url: 'https://profils.example.org/ecole.json', refreshMinutes: 1 })), code: 'too_small_number', path: 'managed.remoteProfile.refreshMinutes', message: 'nombre trop petit : 5 au moins' },
  { name: 'a managed section in an imported profile', origin: 'imported', text: SAMPLE_PROFILE_TEXT, code: 'managed_only', path: 'managed', message: 'la section « managed » n’est permise que dans le fichier géré', at: '"managed"' },
  { name: 'an unknown language', text: variant(set(['features', 'language'], 'de')), code: 'expected_one_of', path: 'features.language', message: 'reçu « de »' },
  {
    name: 'a presentation site with its scheme',
    text: variant(set(['features', 'presentationSites', 1], 'https://www.lumni.fr')),
    code: 'expected_site_pattern',
    path: 'features.presentationSites[1]',
    message: 'site attendu : un nom comme « www.lumni.fr », ou « *.lumni.fr » pour ses sous-domaines (sans https://, ni port, ni chemin), reçu « https://www.lumni.fr »',
    at: '"https://www.lumni.fr"',
  },
  { name: 'a presentation site with a path', text: variant(set(['features', 'presentationSites', 4], 'www.herault.fr/college')), code: 'expected_site_pattern', path: 'features.presentationSites[4]', message: 'reçu « www.herault.fr/college »', at: '"www.herault.fr/college"' },
  { name: 'a presentation site with a port', text: variant(set(['features', 'presentationSites', 0], 'lumni.fr:8443')), code: 'expected_site_pattern', path: 'features.presentationSites[0]', message: 'site attendu' },
  { name: 'a wildcard over a whole top-level domain', text: variant(set(['features', 'presentationSites', 2], '*.fr')), code: 'expected_site_pattern', path: 'features.presentationSites[2]', message: 'reçu « *.fr »' },
  { name: 'a presentation site given as an IP address', text: variant(set(['features', 'presentationSites', 3], '10.34.1.5')), code: 'expected_site_pattern', path: 'features.presentationSites[3]', message: 'site attendu' },
  {
    name: 'too many presentation sites',
    text: variant(set(['features', 'presentationSites'], Array.from({ length: PROFILE_LIMITS.presentationSites + 1 }, (_, i) => `site-${i}.example.org`))),
    code: 'too_many',
    path: 'features.presentationSites',
    message: 'trop d’éléments : 100 au plus (il y en a 101)',
  },
  { name: 'auto-update given as text', text: variant(set(['updates', 'autoUpdate'], 'yes')), code: 'expected_boolean', path: 'updates.autoUpdate', message: 'true ou false attendu' },
  { name: 'schools that are not a list', text: variant(set(['schools'], { id: 'x' })), code: 'expected_array', path: 'schools', message: 'liste [ … ] attendue, reçu un objet' },
  {
    name: 'the room given twice',
    text: variant((p) => {
      p.placement.defaultRoom = 'salle-vpi';
      p.settings.recommended.room = 'salle-1';
    }), code: 'room_set_twice', path: 'settings.recommended.room', message: 'salle indiquée deux fois' },
];

describe('a bad profile is rejected with its path, line:column and message', () => {
  it('covers at least 30 distinct bad profiles', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      const result = validateProfile(c.text, { origin: c.origin ?? 'managed' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const issue = result.issues.find((i) => i.code === c.code && i.pathText === c.path);
      expect(issue, `issues: ${JSON.stringify(result.issues.map((i) => [i.code, i.pathText]))}`).toBeDefined();
      const found = issue as ProfileIssue;
      expect(issueMessage(found, 'fr')).toContain(fr(c.message));
      // Every issue has an English message from the catalog, not a bare code.
      expect(issueMessage(found, 'en')).not.toContain(found.code);
      expect(found.line).toBeGreaterThanOrEqual(1);
      expect(found.column).toBeGreaterThanOrEqual(1);
      if (c.at !== undefined) {
        const text = typeof c.text === 'string' ? c.text : new TextDecoder().decode(c.text);
        const line = text.split('\n')[found.line - 1] ?? '';
        const rest = [line.slice(found.column - 1), ...text.split('\n').slice(found.line)].join('\n');
        expect(rest.startsWith(c.at), `at ${found.line}:${found.column}: ${JSON.stringify(rest.slice(0, 40))}`).toBe(true);
      }
    });
  }
});

describe('presentation sites (features.presentationSites)', () => {
  it('accepts host names, subdomain wildcards, internationalised names, and an empty list', () => {
    const sites = ['lumni.fr', '*.lumni.fr', 'www.Education.gouv.fr', '*.ac-montpellier.fr', 'intranet', 'école-numérique.fr', '*.xn--cole-9oa.fr', 'lumni.fr.'];
    const accepted = validateProfile(variant(set(['features', 'presentationSites'], sites)));
    expect(accepted.ok, JSON.stringify(accepted.ok ? null : accepted.issues.map((i) => [i.code, i.pathText]))).toBe(true);
    expect(validateProfile(variant(set(['features', 'presentationSites'], []))).ok).toBe(true);
    expect(validateProfile(variant((p) => delete p.features.presentationSites)).ok).toBe(true);
  });

  it('reports every bad site with its own index', () => {
    const result = validateProfile(variant(set(['features', 'presentationSites'], ['lumni.fr', '*', 'www.lumni.fr/video', ' lumni.fr', '*.*.lumni.fr', 'user@lumni.fr', 'lumni_fr.example', ''])));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.pathText} ${i.code}`)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `features.presentationSites[${i}] expected_site_pattern`));
    expect(formatIssue(result.issues[1] as ProfileIssue, 'en')).toBe(
      'features.presentationSites[2]: site expected: a name such as "www.lumni.fr", or "*.lumni.fr" for its subdomains (no https://, port or path), got "www.lumni.fr/video"',
    );
  });
});

describe('validation messages', () => {
  it('formats the path and message as in the issue text', () => {
    const result = validateProfile(variant(set([...device(2), 'host'], 'salle 12')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues[0] as ProfileIssue;
    expect(formatIssue(issue, 'fr')).toBe(fr('schools[0].rooms[2].devices[0].host : adresse attendue, reçu « salle 12 »'));
    expect(formatIssue(issue, 'en')).toBe('schools[0].rooms[2].devices[0].host: address expected, got "salle 12"');
  });

  it('never repeats a password, even an invalid one', () => {
    const secret = 'my secret pass';
    const long = 'p'.repeat(40);
    const result = validateProfile(
      variant((p) => {
        p.schools[0].rooms[0].devices[0].pjlinkPassword = secret;
        p.schools[0].rooms[1].devices[0].pjlinkPassword = long;
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = result.issues.map((i) => `${i.pathText}:${i.code}`);
    expect(codes).toContain('schools[0].rooms[0].devices[0].pjlinkPassword:expected_pjlink_password');
    expect(codes).toContain('schools[0].rooms[1].devices[0].pjlinkPassword:too_long');
    const all = JSON.stringify(result.issues) + result.issues.map((i) => formatIssue(i, 'fr') + formatIssue(i, 'en')).join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(long);
  });

  it('caps the received value shown for a huge string', () => {
    const result = validateProfile(variant(set([...device(0), 'host'], 'a b'.repeat(100))));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const msg = issueMessage(result.issues.find((i) => i.code === 'expected_host') as ProfileIssue, 'fr');
    expect(msg.length).toBeLessThan(120);
  });

  it('reports every error of a file, sorted by position', () => {
    const result = validateProfile(
      variant((p) => {
        p.schools[0].rooms[0].devices[0].host = 'salle 1';
        p.schools[0].rooms[5].devices[0].kind = 'tv';
        p.updates.autoUpdate = 'yes';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.code)).toEqual(['expected_host', 'expected_one_of', 'expected_boolean']);
    const lines = result.issues.map((i) => i.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it('accepts a UTF-8 byte order mark and "$comment" keys', () => {
    const result = validateProfile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE_PROFILE_TEXT)]));
    expect(result.ok).toBe(true);
  });

  it('treats "__proto__" as an unknown key, not as a prototype', () => {
    const result = validateProfile(variant(() => {}).replace('"schemaVersion": 1,', '"schemaVersion": 1,\n  "__proto__": { "polluted": true },'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.pathText])).toContainEqual(['unknown_key', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads whom to call from a profile that is invalid elsewhere', () => {
    const result = validateProfile(variant(set([...device(2), 'host'], 'salle 12')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.contact).toMatchObject({ phone: '04 67 00 00 00', organisation: 'Ville de Pézenas — écoles publiques' });
  });
});
