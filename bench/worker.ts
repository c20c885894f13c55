/**
 * One regime of `npm run bench`, in the process the orchestrator (bench/index.ts) starts for
 * it, so that no regime sees what another ran. Prints its results as one JSON line.
 *
 *   node --expose-gc dist/bench/worker.js isolated <case-id> [--quick]
 *       one case in a fresh process
 *   node --expose-gc dist/bench/worker.js mixed <seed> [--quick] [--filter text]
 *       every case of the suite run first, in an order shuffled from <seed>; then the
 *       (filtered) cases measured in that order: a warm process that ran everything else
 *   node --expose-gc dist/bench/worker.js in-flight [--quick]
 *       results kept alive in rings of 1,000 and 20,000 (bench/in-flight.ts)
 */
import { buildCases } from './cases.js';
import { runInFlight } from './in-flight.js';
import { measureCase, shuffled, warm, type CaseResult, type MeasureOptions } from './measure.js';

const [mode, arg, ...rest] = process.argv.slice(2);
const quick = rest.includes('--quick');
const filterAt = rest.indexOf('--filter');
const filter = filterAt >= 0 ? (rest[filterAt + 1] ?? '').toLowerCase() : '';
const options: MeasureOptions = { rounds: quick ? 1 : 5, cpuTimeNs: (quick ? 60 : 200) * 1e6 };
const matches = (c: { id: string; title: string }) =>
  filter === '' || c.id.includes(filter) || c.title.toLowerCase().includes(filter);

if (mode === 'isolated') {
  const c = buildCases().find((x) => x.id === arg);
  if (c === undefined) throw new Error(`no case ${arg}`);
  console.log(JSON.stringify(await measureCase(c, options)));
} else if (mode === 'mixed') {
  const order = shuffled(buildCases(), Number(arg));
  warm(order, quick ? 10 : 25);
  const results: CaseResult[] = [];
  for (const c of order) if (matches(c)) results.push(await measureCase(c, options));
  console.log(JSON.stringify(results));
} else if (mode === 'in-flight') {
  console.log(JSON.stringify(runInFlight({ quick })));
} else {
  throw new Error(`usage: worker.js isolated <case> | mixed <seed> | in-flight`);
}
