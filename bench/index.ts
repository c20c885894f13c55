/**
 * `npm run bench`: w3c-propagation beside OpenTelemetry JS (`@opentelemetry/core` +
 * `@opentelemetry/api`), `tctx` and the floor (bench/floor.ts), in three regimes, each in
 * processes of its own (bench/worker.ts):
 *
 * - isolated: every case in a fresh process;
 * - mixed: one process that first runs every case of the suite in a shuffled order (the seed
 *   is printed), then measures them: a server runs many code paths, and a function tuned by
 *   one caller's types or allocation pattern can fall off a cliff for another;
 * - in flight: results kept alive in a ring of 1,000 and 20,000 contexts, as a busy server
 *   keeps each request's context until the request ends (bench/in-flight.ts).
 *
 * Ratios are other-time / our-time (above 1: we are faster). A target holds only when it holds
 * in the worse of the isolated and mixed regimes. A case whose own time spreads by more than
 * 1.5x over the regimes and orders run is flagged as a cliff.
 *
 *   npm run bench                         all three regimes, one mixed order
 *   npm run bench -- --orders 5           five shuffled orders for the mixed regime
 *   npm run bench -- --quick              short rounds (or BENCH_QUICK=1)
 *   npm run bench -- --filter baggage     only cases whose id or title contains the text
 *   npm run bench -- --regime mixed       one regime: isolated, mixed or in-flight
 *   npm run bench -- --seed 7             the first mixed order's seed (then 8, 9, ...)
 *   npm run bench -- --json               also write bench/results/latest.json
 *   npm run bench:compare A.json B.json   per-case change between two runs
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCases, IMPL_LABEL, IMPLS, TARGETS, type ImplName } from './cases.js';
import { PRETENURE_MARKER, RING_SIZES, type InFlightRow } from './in-flight.js';
import type { CaseResult } from './measure.js';
import { SET_SIZE } from './inputs.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
const QUICK = flag('--quick') || process.env.BENCH_QUICK === '1';
const FILTER = (option('--filter') ?? '').toLowerCase();
const ORDERS = Math.max(1, Number(option('--orders') ?? 1) || 1);
const REGIME = option('--regime');
const FIRST_SEED = option('--seed') !== undefined ? Number(option('--seed')) : Math.floor(Math.random() * 2 ** 31);
/** A case's own time spreading more than this over regimes and orders is a cliff. */
export const CLIFF = 1.5;
/** The in-flight targets (DESIGN.md, Performance). */
export const MAX_RETAINED_BYTES = 300;
export const MIN_PASS_THROUGH_RATIO = 3;

const here = dirname(fileURLToPath(import.meta.url));
function worker(...args: string[]): unknown {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', join(here, 'worker.js'), ...args, ...(QUICK ? ['--quick'] : [])],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

export interface Regime {
  name: string;
  seed?: number;
  cases: CaseResult[];
}

export interface CaseSummary {
  id: string;
  title: string;
  /** Per implementation, ns/op in each regime, in `Report.regimes` order. */
  ns: Partial<Record<ImplName, (number | null)[]>>;
  /** Per other implementation, the worse ratio over the regimes. */
  worst: Partial<Record<ImplName, number>>;
  /** Our slowest / fastest time over the regimes: above CLIFF, a cliff. */
  spread: number;
  bytes: Partial<Record<ImplName, (number | null)[]>>;
}

export interface TargetResult {
  name: string;
  against: string;
  min: number;
  worst: number | null;
  perCase: Record<string, number | null>;
  met: boolean | null;
}

export interface Report {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  quick: boolean;
  setSize: number;
  regimes: Regime[];
  cases: CaseSummary[];
  targets: TargetResult[];
  inFlight?: InFlightRow[];
}

function fmtNs(ns: number | null | undefined): string {
  if (ns === null || ns === undefined) return '-';
  return ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(ns < 10 ? 2 : 1)} ns`;
}
const pad = (s: string, n: number, left = true) =>
  s.length >= n ? s : left ? ' '.repeat(n - s.length) + s : s + ' '.repeat(n - s.length);

function summarize(regimes: Regime[]): CaseSummary[] {
  const ids = [...new Set(regimes.flatMap((r) => r.cases.map((c) => c.id)))];
  return ids.map((id) => {
    const inRegime = regimes.map((r) => r.cases.find((c) => c.id === id));
    const first = inRegime.find((c) => c !== undefined)!;
    const summary: CaseSummary = { id, title: first.title, ns: {}, worst: {}, spread: 1, bytes: {} };
    for (const name of IMPLS) {
      if (!inRegime.some((c) => c?.results[name])) continue;
      summary.ns[name] = inRegime.map((c) => c?.results[name]?.ns ?? null);
      if (inRegime.some((c) => c?.results[name]?.bytes !== undefined))
        summary.bytes[name] = inRegime.map((c) => c?.results[name]?.bytes ?? null);
      const ratios = inRegime.map((c) => c?.ratios[name]).filter((r): r is number => r !== undefined);
      if (name !== 'ours' && ratios.length) summary.worst[name] = Math.min(...ratios);
    }
    const ours = (summary.ns.ours ?? []).filter((n): n is number => n !== null);
    summary.spread = ours.length ? Math.max(...ours) / Math.min(...ours) : 1;
    return summary;
  });
}

function printCases(regimes: Regime[], cases: CaseSummary[]): void {
  const names = regimes.map((r) => (r.seed === undefined ? r.name : `${r.name} #${r.seed}`));
  console.log(
    `ns/op per regime (${names.join(' | ')}); ` +
      'ratio = other / ours, the worse regime shown; spread = our slowest / fastest\n',
  );
  for (const c of cases) {
    const cliff = c.spread > CLIFF ? `  CLIFF (spread ${c.spread.toFixed(2)} > ${CLIFF})` : '';
    console.log(`${c.title}  [${c.id}]${cliff}`);
    for (const name of IMPLS) {
      const ns = c.ns[name];
      if (!ns) continue;
      const ratio = name === 'ours' ? `spread ${c.spread.toFixed(2)}` : `ratio ${c.worst[name]!.toFixed(2)}`;
      const bytes = c.bytes[name]
        ? `   bytes/op ${c.bytes[name]!.map((b) => (b === null ? '-' : String(b))).join(' | ')}`
        : '';
      console.log(
        `  ${pad(IMPL_LABEL[name], 16, false)}${ns.map((n) => pad(fmtNs(n), 11)).join('')}   ${ratio}${bytes}`,
      );
    }
    console.log('');
  }
}

function evaluateTargets(cases: CaseSummary[]): TargetResult[] {
  return TARGETS.map((t) => {
    const perCase: Record<string, number | null> = {};
    for (const id of t.cases) perCase[id] = cases.find((c) => c.id === id)?.worst[t.against] ?? null;
    const known = Object.values(perCase).filter((r): r is number => r !== null);
    const worst = known.length ? Math.min(...known) : null;
    return {
      name: t.name,
      against: t.against,
      min: t.min,
      worst,
      perCase,
      met: worst === null ? null : worst >= t.min,
    };
  });
}

/**
 * Allocation sites of this library's extract path that V8 decides to tenure with 20,000
 * contexts in flight (bench/pretenure-check.ts), canonical headers and headers with OWS.
 */
function tenuredSites(): number {
  let sites = 0;
  for (const args of [[], ['--ows']]) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--trace-pretenuring-statistics', join(here, 'pretenure-check.js'), ...args],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const after = out.slice(out.indexOf(PRETENURE_MARKER));
    sites += new Set(
      after
        .split('\n')
        .filter((l) => l.includes('=> tenure'))
        .map((l) => /AllocationSite\((\w+)\)/.exec(l)?.[1]),
    ).size;
  }
  return sites;
}

function inFlightTargets(rows: InFlightRow[], tenured: number): TargetResult[] {
  const row = (impl: 'ours' | 'otel', ring: number) => rows.find((r) => r.impl === impl && r.ring === ring)!;
  const big = RING_SIZES[RING_SIZES.length - 1]!;
  const retained = row('ours', big).retainedBytes ?? null;
  const passThrough = row('otel', big).passThroughNs / row('ours', big).passThroughNs;
  return [
    {
      name:
        'in flight: bytes retained per extracted context (tp + ts + 3-member baggage), ' +
        `${big.toLocaleString('en')} in flight`,
      against: 'absolute, at most',
      min: MAX_RETAINED_BYTES,
      worst: retained,
      perCase: {},
      met: retained === null ? null : retained <= MAX_RETAINED_BYTES,
    },
    {
      name: `in flight: pass-through vs OpenTelemetry, ${big.toLocaleString('en')} in flight`,
      against: 'otel',
      min: MIN_PASS_THROUGH_RATIO,
      worst: passThrough,
      perCase: {},
      met: passThrough >= MIN_PASS_THROUGH_RATIO,
    },
    {
      name: 'in flight: allocation sites of the extract path V8 tenures',
      against: 'absolute, at most',
      min: 0,
      worst: tenured,
      perCase: {},
      met: tenured === 0,
    },
  ];
}

function printInFlight(rows: InFlightRow[]): void {
  console.log('In flight: results kept alive in a ring (ns/op includes the garbage collector)');
  console.log(
    `  ${pad('library', 16, false)}${pad('ring', 8)}${pad('extract', 11)}${pad('inject', 11)}` +
      `${pad('pass-through', 14)}${pad('retained', 14)}`,
  );
  for (const r of rows) {
    const retained = r.retainedBytes === undefined ? '-' : `${Math.round(r.retainedBytes)} B/ctx`;
    console.log(
      `  ${pad(IMPL_LABEL[r.impl], 16, false)}${pad(r.ring.toLocaleString('en'), 8)}` +
        `${pad(fmtNs(r.extractNs), 11)}${pad(fmtNs(r.injectNs), 11)}` +
        `${pad(fmtNs(r.passThroughNs), 14)}${pad(retained, 14)}`,
    );
  }
  for (const ring of RING_SIZES) {
    const ours = rows.find((r) => r.impl === 'ours' && r.ring === ring)!;
    const otel = rows.find((r) => r.impl === 'otel' && r.ring === ring)!;
    console.log(
      `  ratios at ${ring.toLocaleString('en')}: extract ${(otel.extractNs / ours.extractNs).toFixed(2)}, ` +
        `inject ${(otel.injectNs / ours.injectNs).toFixed(2)}, ` +
        `pass-through ${(otel.passThroughNs / ours.passThroughNs).toFixed(2)}`,
    );
  }
  console.log('');
}

function printTargets(targets: TargetResult[]): void {
  console.log('Targets (the worse regime counts):');
  for (const t of targets) {
    if (t.met === null) continue;
    const detail = Object.entries(t.perCase)
      .filter(([, r]) => r !== null)
      .map(([id, r]) => `${id} ${r!.toFixed(2)}`)
      .join(', ');
    const wanted = t.against.startsWith('absolute') ? `<= ${t.min}` : `>= ${t.min.toFixed(1)}`;
    console.log(
      `  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name} ${wanted}: ${t.worst!.toFixed(2)}${detail ? `  (${detail})` : ''}`,
    );
  }
}

async function main(): Promise<void> {
  const all = buildCases();
  const cases = all.filter((c) => FILTER === '' || c.id.includes(FILTER) || c.title.toLowerCase().includes(FILTER));
  const runInFlight =
    (REGIME === undefined || REGIME === 'in-flight') &&
    (FILTER === '' || 'in-flight'.includes(FILTER) || FILTER === 'in flight');
  if (cases.length === 0 && !runInFlight) {
    console.log(`no case matches --filter ${FILTER}; ids: ${all.map((c) => c.id).join(', ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `w3c-propagation benchmarks — node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ` +
      `${QUICK ? 'quick' : 'full'} run, ${SET_SIZE} distinct inputs per case`,
  );
  const regimes: Regime[] = [];
  if (cases.length && (REGIME === undefined || REGIME === 'isolated')) {
    console.log(`isolated: ${cases.length} cases, each in a fresh process ...`);
    regimes.push({ name: 'isolated', cases: cases.map((c) => worker('isolated', c.id) as CaseResult) });
  }
  if (cases.length && (REGIME === undefined || REGIME === 'mixed')) {
    for (let k = 0; k < ORDERS; k++) {
      const seed = FIRST_SEED + k;
      console.log(`mixed: every case run first in the order of seed ${seed}, then measured ...`);
      regimes.push({
        name: 'mixed',
        seed,
        cases: worker('mixed', String(seed), ...(FILTER ? ['--filter', FILTER] : [])) as CaseResult[],
      });
    }
  }
  console.log('');
  const summaries = summarize(regimes);
  printCases(regimes, summaries);
  const targets = evaluateTargets(summaries);
  let inFlight: InFlightRow[] | undefined;
  if (runInFlight) {
    inFlight = worker('in-flight') as InFlightRow[];
    printInFlight(inFlight);
    const tenured = tenuredSites();
    console.log(
      `V8 tenured ${tenured} allocation site(s) of this library's extract path with 20,000 contexts in flight ` +
        '(--trace-pretenuring-statistics; bench/pretenure-check.ts)\n',
    );
    targets.push(...inFlightTargets(inFlight, tenured));
  }
  printTargets(targets);
  const cliffs = summaries.filter((c) => c.spread > CLIFF);
  console.log(
    cliffs.length
      ? `\nCliffs (our time spreads over ${CLIFF}x across regimes and orders): ` +
          cliffs.map((c) => `${c.id} ${c.spread.toFixed(2)}`).join(', ')
      : `\nNo cliff: every case's time stays within ${CLIFF}x across regimes and orders.`,
  );

  if (flag('--json')) {
    const report: Report = {
      date: new Date().toISOString(),
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      quick: QUICK,
      setSize: SET_SIZE,
      regimes,
      cases: summaries,
      targets,
      inFlight,
    };
    const dir = join(here, '..', '..', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'latest.json');
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nwrote ${file}`);
  }
}

await main();
