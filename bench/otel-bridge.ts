/**
 * `npm run bench:otel`: the OpenTelemetry bridge cases (bench/cases-otel.ts), ours against
 * `@opentelemetry/core`'s propagators on `@opentelemetry/api`, measured with mitata as
 * bench/index.ts measures: interleaved rounds per implementation, the fastest round's median
 * counts (noise only adds time). Ratios are otel-time / our-time (above 1: the bridge is faster).
 *
 *   npm run bench:otel                    isolated: each case in a fresh process, then mixed:
 *                                         every case in one process after all of them ran once
 *   npm run bench:otel -- --quick         shorter rounds
 *   npm run bench:otel -- --case <id>     one case, in this process
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { measure } from 'mitata';
import { OTEL_BRIDGE_TARGETS, otelBridgeCases, sink, type BenchCase } from './cases-otel.js';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const caseAt = argv.indexOf('--case');
const ONLY = caseAt >= 0 ? argv[caseAt + 1] : undefined;
const ROUNDS = QUICK ? 2 : 5;
const CPU_TIME_NS = (QUICK ? 60 : 200) * 1e6;
const NAMES = ['ours', 'otel'] as const;

interface Result {
  id: string;
  ns: { ours: number; otel: number };
  bytes?: { ours?: number; otel?: number };
  ratio: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Bytes allocated per call: heap growth over n calls with no GC in between (else retried smaller). */
function bytesPerOp(fn: () => unknown): number | undefined {
  if (gc === undefined) return undefined;
  for (let n = 2048; n >= 8; n >>= 1) {
    gc();
    const profiler = new v8.GCProfiler();
    profiler.start();
    const before = v8.getHeapStatistics().used_heap_size;
    for (let k = 0; k < n; k++) fn();
    const after = v8.getHeapStatistics().used_heap_size;
    if (profiler.stop().statistics.length === 0) return Math.max(0, (after - before) / n);
  }
  return undefined;
}

async function run(c: BenchCase): Promise<Result> {
  const impls = typeof c.impls === 'function' ? c.impls() : c.impls;
  const best = { ours: Infinity, otel: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? NAMES : [...NAMES].reverse()) {
      gc?.();
      const stats = await measure(impls[name]!, { min_cpu_time: CPU_TIME_NS });
      best[name] = Math.min(best[name], stats.p50);
    }
  }
  const result: Result = { id: c.id, ns: best, ratio: best.otel / best.ours };
  if (c.memory) {
    const ours = bytesPerOp(impls.ours!);
    const otel = bytesPerOp(impls.otel!);
    if (ours !== undefined && otel !== undefined) result.bytes = { ours: Math.round(ours), otel: Math.round(otel) };
  }
  return result;
}

function print(c: BenchCase, r: Result): void {
  const bytes = r.bytes ? `   bytes/op ${r.bytes.ours} vs ${r.bytes.otel}` : '';
  console.log(`  ${r.id.padEnd(34)} ours ${r.ns.ours.toFixed(1).padStart(8)} ns   otel ${r.ns.otel.toFixed(1).padStart(8)} ns   ratio ${r.ratio.toFixed(2)}${bytes}`);
  if (c.note) console.log(`  ${''.padEnd(34)} (${c.note})`);
}

/** Runs one case in a fresh Node process: nothing else has run there. */
function isolated(id: string): Result {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', script, '--case', id, '--json', ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`case ${id} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Result;
}

function verdicts(label: string, results: Result[]): void {
  for (const t of OTEL_BRIDGE_TARGETS) {
    const worst = Math.min(...t.cases.map((id) => results.find((r) => r.id === id)?.ratio ?? NaN));
    console.log(`  ${worst >= t.min ? 'met    ' : 'NOT MET'}  ${label}: ${t.name} >= ${t.min}: ${worst.toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  const cases = otelBridgeCases();
  if (ONLY !== undefined) {
    const c = cases.find((x) => x.id === ONLY);
    if (!c) throw new Error(`no case ${ONLY}; ids: ${cases.map((x) => x.id).join(', ')}`);
    const r = await run(c);
    if (argv.includes('--json')) console.log(JSON.stringify(r));
    else print(c, r);
    return;
  }
  console.log(`OpenTelemetry bridge vs @opentelemetry/core — node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${QUICK ? 'quick' : 'full'} run`);
  console.log('ns/op (median of the fastest round); ratio = otel-time / ours-time\n');
  console.log('isolated (each case in a fresh process):');
  const alone = cases.map((c) => {
    const r = isolated(c.id);
    print(c, r);
    return r;
  });
  const shuffled = [...cases].sort(() => Math.random() - 0.5);
  console.log(`\nmixed (one process; every case ran once first, in a shuffled order: ${shuffled.map((c) => cases.indexOf(c)).join(',')}):`);
  for (const c of shuffled) {
    const impls = typeof c.impls === 'function' ? c.impls() : c.impls;
    for (let k = 0; k < 20_000; k++) impls.ours!(), impls.otel!();
  }
  const mixed: Result[] = [];
  for (const c of cases) {
    const r = await run(c);
    print(c, r);
    mixed.push(r);
  }
  console.log('\ntargets (the worse regime counts):');
  verdicts('isolated', alone);
  verdicts('mixed', mixed);
  if (sink === Symbol.for('never')) console.log(sink);
}

await main();
