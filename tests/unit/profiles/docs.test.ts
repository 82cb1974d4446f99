import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/services/profiles/cli-ops';
import { defaultManagedProfilePath } from '../../../main/services/profiles/managed-paths';
import { validateProfile } from '../../../main/services/profiles/validate';
import { SAMPLE_PROFILE_TEXT } from './fixtures';

const doc = (name: string) => readFileSync(fileURLToPath(new URL(`../../../docs/it/${name}`, import.meta.url)), 'utf8');

describe('IT deployment docs', () => {
  for (const name of ['deploying.md', 'deploying.en.md']) {
    const text = doc(name);

    it(`${name}: silent installs, profile paths of every OS, and the CLI commands`, () => {
      for (const s of ['/S /allusers', 'msiexec /i', '/quiet', '.deb', 'classe profile keygen', 'classe profile sign', 'classe profile verify', 'classe profile validate', 'classe report', 'GPO', 'Intune', 'Jamf']) {
        expect(text, s).toContain(s);
      }
      expect(text).toContain(defaultManagedProfilePath('win32', {}).replace('C:\\ProgramData', '%ProgramData%'));
      expect(text).toContain(defaultManagedProfilePath('darwin', {}));
      expect(text).toContain(defaultManagedProfilePath('linux', {}));
    });

    it(`${name}: the exit code table matches the CLI`, () => {
      const rows = [...text.matchAll(/^\| (\d) \| `(\w+)`/gm)].map((m) => [Number(m[1]), m[2]]);
      expect(rows).toEqual([
        [EXIT.ok, 'valid'],
        [EXIT.tampered, 'tampered'],
        [EXIT.wrongKey, 'wrong_key'],
        [EXIT.missingSignature, 'missing'],
        [EXIT.badSignature, 'malformed'],
        [EXIT.noTrustedKeys, 'no_trusted_keys'],
      ]);
    });
  }

  it('the annotated sample profile validates and is annotated', () => {
    expect(validateProfile(SAMPLE_PROFILE_TEXT).ok).toBe(true);
    expect((SAMPLE_PROFILE_TEXT.match(/"\$comment"/g) ?? []).length).toBeGreaterThanOrEqual(8);
  });
});
