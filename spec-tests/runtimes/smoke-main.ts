/**
 * Entry for runtimes that run a file (Node, Bun, Deno): prints the smoke report and sets the
 * exit code, through globals only (`process.exitCode` in Node and Bun, `Deno.exitCode`).
 *
 *   node dist/spec-tests/runtimes/smoke-main.js
 *   bun dist/spec-tests/runtimes/smoke-main.js
 *   deno run dist/spec-tests/runtimes/smoke-main.js
 */
import { runSmoke } from './smoke.js';

const result = runSmoke();
console.log(result.report);
if (result.failed > 0 || result.passed === 0) {
  const g = globalThis as Record<string, any>;
  if (g.Deno !== undefined) g.Deno.exitCode = 1;
  else if (g.process !== undefined) g.process.exitCode = 1;
}
