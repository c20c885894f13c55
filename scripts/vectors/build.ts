/**
 * `npm run vectors:build`: writes vectors/trace-context.json, vectors/baggage.json and
 * vectors/schema.json from the case generators in this folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VECTORS_DIR } from '../../spec-tests/vectors/corpus.js';
import { buildFiles, FILE_NAMES } from './corpus.js';

const files = buildFiles();
mkdirSync(VECTORS_DIR, { recursive: true });
for (const name of FILE_NAMES) {
  writeFileSync(join(VECTORS_DIR, name), files[name]);
  const cases = name === 'schema.json' ? '' : `, ${JSON.parse(files[name]).cases.length} cases`;
  console.log(`vectors/${name}: ${files[name].length} chars${cases}`);
}
