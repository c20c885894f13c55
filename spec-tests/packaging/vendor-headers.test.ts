/**
 * Every vendorable file (each .ts under src/ but src/node/, the sets README "Vendoring" lists)
 * starts with its licence and the package version it came from, so a copy in an SDK still says
 * what it is. The SPDX line holds the identifier alone: SPDX tools read the rest of that line as
 * the licence expression. `node scripts/vendor-headers.mjs` writes both lines.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../helpers/paths.js';

const ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, 'src');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
};

function srcFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

const vendorable = srcFiles().filter((f) => !f.startsWith('node/'));

test('vendor headers: found the vendorable files, the OpenTelemetry bridge and the entries included', () => {
  assert.ok(vendorable.length >= 30, `found ${vendorable.length}: ${vendorable.join(', ')}`);
  for (const f of ['index.ts', 'otel/index.ts', 'entries/baggage.ts', 'trace-context/traceparent.ts'])
    assert.ok(vendorable.includes(f), `${f} is vendorable`);
});

test('vendor headers: the package licence is one SPDX identifier', () => {
  assert.match(pkg.license, /^[A-Za-z0-9.+-]+$/);
});

test(`vendor headers: every vendorable file starts with the SPDX licence line, then ${pkg.name} ${pkg.version}`, () => {
  const header = [
    `// SPDX-License-Identifier: ${pkg.license}`,
    `// ${pkg.name} ${pkg.version} (vendorable with its imports: see README "Vendoring")`,
  ];
  const wrong = vendorable.filter((file) => {
    const lines = readFileSync(join(SRC, file), 'utf8').split('\n');
    return lines[0] !== header[0] || lines[1] !== header[1];
  });
  const fix = 'run `node scripts/vendor-headers.mjs`';
  assert.equal(wrong, [], `these files do not start with\n${header.join('\n')}\n(${fix})`);
});

test.run();
