/**
 * Runs every ```js block of the README against the built package (imported by its own name,
 * as a user would) and checks what each `console.log` prints against the comment after it:
 * `console.log(x); // expected` on one line, or the expected text alone on the next line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { findPackageRoot } from './helpers/paths.js';

const root = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The printed lines a block promises, in order. */
function expectedOutput(code: string): string[] {
  const lines = code.split('\n');
  const expected: string[] = [];
  lines.forEach((line, i) => {
    if (!/^\s*console\.log\(/.test(line)) return;
    const sameLine = /\);\s*\/\/ (.*)$/.exec(line);
    if (sameLine) expected.push(sameLine[1]!);
    else {
      const next = /^\s*\/\/ (.*)$/.exec(lines[i + 1] ?? '');
      if (next) expected.push(next[1]!);
    }
  });
  return expected;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? 'undefined' : JSON.stringify(value);
}

test('README has runnable examples', () => {
  assert.ok(blocks.length >= 5, `found ${blocks.length} js blocks`);
});

const outDir = join(root, 'dist', 'readme-blocks');
mkdirSync(outDir, { recursive: true });

blocks.forEach((code, n) => {
  const title =
    code
      .split('\n')
      .find((l) => l.startsWith('import'))
      ?.slice(0, 60) ?? `block ${n}`;
  test(`README block ${n + 1} prints what it says (${title})`, async () => {
    const printed: string[] = [];
    const file = join(outDir, `block-${n + 1}.mjs`);
    // Each block gets its own `console` so its output can be compared line by line.
    writeFileSync(file, `const console = globalThis.__readmeConsole;\n${code}`);
    (globalThis as Record<string, unknown>).__readmeConsole = {
      log: (...args: unknown[]) => printed.push(args.map(show).join(' ')),
    };
    await import(pathToFileURL(file).href);
    assert.equal(printed, expectedOutput(code));
  });
});

test.run();
