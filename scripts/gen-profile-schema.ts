/**
 * Writes docs/profile.schema.json from the zod profile schema.
 * Run: npx tsx scripts/gen-profile-schema.ts   (or: npm run gen:profile-schema)
 * With --check it writes nothing and exits 1 when the checked-in file is stale (`npm test` runs this
 * step; tests/unit/profiles/json-schema.test.ts checks the same text, from the same function).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { profileJsonSchemaText } from '../main/services/profiles/json-schema';

const target = fileURLToPath(new URL('../docs/profile.schema.json', import.meta.url));
const text = profileJsonSchemaText();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (current === text) console.log(`${target} is up to date`);
  else {
    console.error(`${target} is out of date with the profile schema: run \`npm run gen:profile-schema\` and commit the result.`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
