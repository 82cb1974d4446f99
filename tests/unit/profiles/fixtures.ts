/** Shared test data: the documented sample profile and helpers to derive broken variants from it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PROFILE_PATH = fileURLToPath(new URL('../../../docs/it/sample-profile.json', import.meta.url));
export const SAMPLE_PROFILE_TEXT = readFileSync(SAMPLE_PROFILE_PATH, 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function sample(): Json {
  return JSON.parse(SAMPLE_PROFILE_TEXT);
}

/** The sample with one change, pretty-printed like a real file (so line:column are meaningful). */
export function variant(change: (p: Json) => void): string {
  const p = sample();
  change(p);
  return JSON.stringify(p, null, 2) + '\n';
}

/** A small valid profile with two rooms, for layering and service tests. */
export function smallProfile(extra: (p: Json) => void = () => {}): Json {
  const p: Json = {
    schemaVersion: 1,
    organisation: { name: 'Mairie test', contact: { name: 'Service informatique', phone: '04 67 00 00 00' } },
    schools: [
      {
        id: 'ecole',
        name: 'École',
        rooms: [
          { id: 'salle-1', name: 'Salle 1', devices: [{ id: 'vp-1', name: 'VP 1', kind: 'projector', host: '10.1.1.10', pjlinkPassword: 'secret-vp-1' }] },
          { id: 'salle-2', name: 'Salle 2', devices: [{ id: 'vp-2', name: 'VP 2', kind: 'projector', host: 'vp-2.ecole.lan', pjlinkPassword: 'secret-vp-2' }] },
        ],
      },
    ],
  };
  extra(p);
  return p;
}

export const NNBSP = '\u202f';
/** French text from the catalogs uses U+202F before ":" and inside « »: write tests with plain spaces. */
export function fr(text: string): string {
  return text.replace(/ ([:;!?])/g, `${NNBSP}$1`).replace(/« /g, `«${NNBSP}`).replace(/ »/g, `${NNBSP}»`);
}
