#!/usr/bin/env node
// The `classe` command. Runs the built CLI (npm run build); see README « Ligne de commande ».
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('classe: the command is not built yet. Run `npm run build` first. / La commande n’est pas encore construite : lancez `npm run build`.\n');
  process.exit(1);
}
await import(built);
