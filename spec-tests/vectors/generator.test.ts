/**
 * The corpus generator (scripts/vectors/) writes every expectation from the spec digests, never
 * from this library: its modules import only each other. build.ts and anchors.ts are the two
 * commands around it (write the files; compare libraries), which may import more.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './corpus.js';

const DIR = join(ROOT, 'scripts', 'vectors');
const COMMANDS = new Set(['build.ts', 'anchors.ts']);

function specifiers(code: string): string[] {
  return [...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[1]);
}

test('the corpus generator imports only its own modules: not the library, the tests or node:', () => {
  const modules = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !COMMANDS.has(f));
  const found = `found the generator: ${modules.join(', ')}`;
  assert.ok(modules.includes('cases-tracestate.ts') && modules.includes('corpus.ts'), found);
  for (const file of modules) {
    const imports = specifiers(readFileSync(join(DIR, file), 'utf8'));
    for (const s of imports) assert.match(s, /^\.\/[\w-]+\.js$/, `scripts/vectors/${file} imports ${s}`);
  }
});

test('the import scan sees imports across lines, types included', () => {
  const code = "import {\n  a,\n  b,\n} from '../../src/index.js';\nimport type { T } from './types.js';\n";
  assert.equal(specifiers(code), ['../../src/index.js', './types.js']);
});

test.run();
