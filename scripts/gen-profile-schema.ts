/**
 * Writes docs/profile.schema.json from the zod profile schema.
 * Run: npx tsx scripts/gen-profile-schema.ts   (or: npm run gen:profile-schema)
 * tests/unit/profiles/json-schema.test.ts fails when the checked-in file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { profileJsonSchemaText } from '../main/services/profiles/json-schema';

const target = fileURLToPath(new URL('../docs/profile.schema.json', import.meta.url));
writeFileSync(target, profileJsonSchemaText());
console.log(`wrote ${target}`);
