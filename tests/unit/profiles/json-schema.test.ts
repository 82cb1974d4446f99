import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { profileJsonSchema, profileJsonSchemaText } from '../../../main/services/profiles/json-schema';

const CHECKED_IN = fileURLToPath(new URL('../../../docs/profile.schema.json', import.meta.url));

describe('docs/profile.schema.json', () => {
  it('is up to date with the zod schema (run `npm run gen:profile-schema` when this fails)', () => {
    expect(readFileSync(CHECKED_IN, 'utf8')).toBe(profileJsonSchemaText());
  });

  it('is a strict draft 2020-12 schema that lists the profile sections', () => {
    const schema = profileJsonSchema() as { $schema: string; additionalProperties: boolean; required: string[]; properties: Record<string, unknown> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'organisation']));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['schemaVersion', 'organisation', 'schools', 'placement', 'features', 'settings', 'guides', 'updates', 'managed']),
    );
  });

  it('takes the settings keys from the app settings schema', () => {
    const schema = profileJsonSchema() as { properties: { settings: { properties: { locked: { properties: Record<string, unknown> } } } } };
    expect(Object.keys(schema.properties.settings.properties.locked.properties).sort()).toEqual(
      ['$comment', 'confirmPowerOff', 'demoMode', 'displayMode', 'language', 'networkProbe', 'reminderTime', 'room', 'theme'].sort(),
    );
  });
});
