#!/usr/bin/env node
/**
 * French typography for the catalogs: a narrow no-break space (U+202F) before « : ; ! ? » and inside
 * « guillemets ». `node scripts/typography.mjs --fix` rewrites assets/i18n/fr/**.json; without --fix it
 * lists the strings that need it (the catalog test uses the same rule).
 */
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const NNBSP = '\u202f';

export function frenchTypography(s) {
  return s
    .replace(/[ \u00a0]+([:;!?»])/g, `${NNBSP}$1`)
    .replace(/«[ \u00a0]+/g, `«${NNBSP}`)
    // a guillemet or punctuation glued to the word: add the space
    .replace(/([^\s\u202f\u00a0«(])([;!?»])(?=\s|$|[.,)])/g, `$1${NNBSP}$2`)
    .replace(/«(?=[^\s\u202f\u00a0])/g, `«${NNBSP}`);
}

function* jsonFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* jsonFiles(p);
    else if (name.endsWith('.json')) yield p;
  }
}

function walk(value, fix, report, path) {
  if (typeof value === 'string') {
    const fixed = frenchTypography(value);
    if (fixed !== value) report.push(`${path}: ${value}`);
    return fix ? fixed : value;
  }
  if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) value[k] = walk(value[k], fix, report, `${path}.${k}`);
  }
  return value;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fix = process.argv.includes('--fix');
  const root = join(import.meta.dirname, '..', 'assets', 'i18n', 'fr');
  const report = [];
  for (const file of jsonFiles(root)) {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const before = report.length;
    const out = walk(data, fix, report, file.slice(root.length + 1));
    if (fix && report.length > before) writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  }
  for (const line of report) console.log(line);
  if (!fix && report.length) process.exitCode = 1;
}
