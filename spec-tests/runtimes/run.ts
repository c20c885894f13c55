/**
 * The runtime matrix from the command line: `npm run test:runtimes [-- NAME...]`.
 *
 * Runs the smoke check (smoke.ts) on each runtime in turn, prints each runtime's report,
 * then a summary. Exits 1 if any runtime failed a check, printed no result line, or could
 * not start (with the reason): a missing runtime never passes silently.
 */
import { RUNTIMES, runRuntime } from './runtimes.js';

const names = process.argv.slice(2);
const unknown = names.filter((n) => !RUNTIMES.some((r) => r.name === n));
if (unknown.length > 0) {
  console.error(`unknown runtime(s): ${unknown.join(', ')}; known: ${RUNTIMES.map((r) => r.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length === 0 ? RUNTIMES : RUNTIMES.filter((r) => names.includes(r.name));

const start = Date.now();
const outcomes = [];
for (const runtime of selected) {
  const outcome = await runRuntime(runtime);
  outcomes.push(outcome);
  console.log(`--- ${runtime.name} ${outcome.version} (${(outcome.ms / 1000).toFixed(1)}s)`);
  console.log(outcome.output);
}

console.log('\n=== runtime matrix');
for (const o of outcomes) {
  const status = o.ok ? 'ok  ' : 'FAIL';
  const line =
    o.line === undefined
      ? o.output.startsWith('COULD NOT START')
        ? 'could not start'
        : 'no result line'
      : `${o.name}: ${o.passed} passed, ${o.failed} failed`;
  console.log(`${status} ${o.name.padEnd(9)} ${line.padEnd(34)} ${o.version}`);
}
const bad = outcomes.filter((o) => !o.ok);
const seconds = ((Date.now() - start) / 1000).toFixed(1);
console.log(`${outcomes.length - bad.length} of ${outcomes.length} runtimes passed in ${seconds}s`);
if (bad.length > 0) {
  console.error(`RUNTIME MATRIX FAILED: ${bad.map((o) => o.name).join(', ')} (see above)`);
  process.exitCode = 1;
}
