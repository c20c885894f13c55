#!/usr/bin/env node
/**
 * `npm run lint` step: every line of the TypeScript and JavaScript sources is at most 120
 * characters (the formatter's line width; it cannot break long strings, comments or regexes,
 * so this catches what it leaves). Prints each offending line as file:line and exits 1.
 *
 *   node scripts/check-lines.mjs [dir-or-file...]   (default: the folders below)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 120;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_DIRS = ['src', 'bin', 'bench', 'examples', 'spec-tests', 'scripts'];
const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
const SKIP = new Set(['node_modules', 'dist']);

function* sources(path) {
  if (statSync(path).isFile()) {
    if (SOURCE.test(path)) yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    yield* sources(join(path, entry.name));
  }
}

const targets = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_DIRS.map((d) => join(ROOT, d));
let over = 0;
const files = new Set();
for (const target of targets) {
  for (const file of sources(target)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      // Code points, not UTF-16 units: an emoji in a string is one character on screen.
      const length = [...lines[i].replace(/\r$/, '')].length;
      if (length <= MAX) continue;
      const name = relative(ROOT, file);
      console.log(`${name}:${i + 1}: ${length} characters (max ${MAX})`);
      files.add(name);
      over++;
    }
  }
}
if (over > 0) {
  console.log(`check-lines: ${over} line${over === 1 ? '' : 's'} over ${MAX} characters in ${files.size} files`);
  process.exit(1);
}
console.log(`check-lines: every line is at most ${MAX} characters`);
