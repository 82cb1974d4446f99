/**
 * The profile format as a JSON Schema (draft 2020-12) for editors. Generated from the zod schema by
 * scripts/gen-profile-schema.ts into docs/profile.schema.json; a unit test fails when the checked-in
 * file differs from what this function returns. Rules that JSON Schema cannot express (host, subnet,
 * public key, cross references) are checked by `classe profile validate`.
 */
import { z } from 'zod';
import { Profile } from './schema';

export const PROFILE_SCHEMA_ID = 'https://classe-numerique.fr/schemas/profile-v1.schema.json';

export function profileJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Profile, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: PROFILE_SCHEMA_ID,
    title: 'Classe numérique — profil de configuration (schemaVersion 1)',
    description:
      'IT configuration profile for Classe numérique. Validate with `classe profile validate FILE`, which also checks hosts, subnets, keys and cross references and prints line:column for every error.',
    ...rest,
  };
}

export function profileJsonSchemaText(): string {
  return JSON.stringify(profileJsonSchema(), null, 2) + '\n';
}
