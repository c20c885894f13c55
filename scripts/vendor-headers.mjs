#!/usr/bin/env node
/**
 * Writes the two lines every vendorable file (each .ts under src/ but src/node/) starts with:
 * its licence as an SPDX identifier, alone on its line as SPDX tools read it, then the package
 * and version it came from, so a copy in an SDK says what it is a copy of. Run it after changing
 * `version` or `license` in package.json; spec-tests/packaging/vendor-headers.test.ts fails until then.
 *
 *   node scripts/vendor-headers.mjs
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { name, version, license } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const header = [
  `// SPDX-License-Identifier: ${license}`,
  `// ${name} ${version} (vendorable with its imports: see README "Vendoring")`,
];

let changed = 0;
for (const file of readdirSync(join(ROOT, 'src'), { recursive: true })) {
  const path = file.split('\\').join('/');
  if (!path.endsWith('.ts') || path.startsWith('node/')) continue;
  const full = join(ROOT, 'src', path);
  const lines = readFileSync(full, 'utf8').split('\n');
  // Replace an older header, or put one in front.
  const old = lines[0].startsWith('// SPDX-License-Identifier:') ? (lines[1].startsWith(`// ${name} `) ? 2 : 1) : 0;
  const text = [...header, ...lines.slice(old)].join('\n');
  if (text === lines.join('\n')) continue;
  writeFileSync(full, text);
  changed++;
  console.log(`src/${path}`);
}
console.log(`${changed} file(s) updated to ${name} ${version}, ${license}`);
