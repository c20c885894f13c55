#!/usr/bin/env node
/**
 * `npm run lint`: runs every check, even after one fails, so one run lists all there is to fix;
 * exits 1 when any failed.
 *   biome check        lint rules (biome.json) and formatting (fix: npm run format)
 *   check-lines        lines <= 120 characters, which the formatter cannot ensure for strings and comments
 *   typecheck          the core strict against ES2017 alone, src/node/ with Node's types (src/tsconfig.json)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STEPS = [
  ['biome check', 'npx', ['--no-install', 'biome', 'check', '--reporter=concise', '--max-diagnostics=none', '.']],
  ['check-lines', process.execPath, ['scripts/check-lines.mjs']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
];

const failed = [];
for (const [name, command, args] of STEPS) {
  console.log(`\n== ${name}`);
  // npx and npm are .cmd files on Windows, which only a shell runs.
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) failed.push(name);
}
console.log(failed.length === 0 ? '\nlint: every check passed' : `\nlint: failed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
