/**
 * Timing and allocation of one case, in the process it runs in: each implementation's median
 * ns/op over interleaved rounds (the fastest round counts: noise only adds time), and bytes
 * allocated per op where the case asks for it.
 */
import v8 from 'node:v8';
import { measure } from 'mitata';
import { IMPLS, type Case, type ImplName } from './cases.js';

export interface ImplResult {
  /** Median ns/op of the fastest round. */
  ns: number;
  /** Bytes allocated per op, when measured. */
  bytes?: number;
}

export interface CaseResult {
  id: string;
  title: string;
  note?: string;
  results: Partial<Record<ImplName, ImplResult>>;
  /** other-time / our-time. */
  ratios: Partial<Record<ImplName, number>>;
}

export interface MeasureOptions {
  /** Rounds per implementation, interleaved. */
  rounds: number;
  /** CPU time per round, ns. */
  cpuTimeNs: number;
}

export function implsOf(c: Case): Partial<Record<ImplName, () => unknown>> {
  return typeof c.impls === 'function' ? c.impls() : c.impls;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Bytes allocated per call: heap growth over `n` calls, with a GC before and none during
 * (checked with v8.GCProfiler; a run that saw a GC is redone with fewer calls).
 */
function bytesPerOp(fn: () => unknown): number | undefined {
  if (gc === undefined || typeof (v8 as { GCProfiler?: unknown }).GCProfiler !== 'function') return undefined;
  for (let n = 2048; n >= 8; n >>= 1) {
    for (let attempt = 0; attempt < 3; attempt++) {
      gc();
      const profiler = new v8.GCProfiler();
      profiler.start();
      const before = v8.getHeapStatistics().used_heap_size;
      for (let k = 0; k < n; k++) fn();
      const after = v8.getHeapStatistics().used_heap_size;
      const gcs = profiler.stop().statistics.length;
      if (gcs === 0) return Math.max(0, (after - before - overhead) / n);
    }
  }
  return undefined;
}
/** What the measuring itself allocates (the heap-statistics object), subtracted above. */
let overhead = -1;

export async function measureCase(c: Case, options: MeasureOptions, impls = implsOf(c)): Promise<CaseResult> {
  if (overhead < 0) {
    overhead = 0;
    overhead = (bytesPerOp(() => undefined) ?? 0) * 2048;
  }
  const names = IMPLS.filter((n) => impls[n] !== undefined);
  const best: Partial<Record<ImplName, number>> = {};
  for (let round = 0; round < options.rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      gc?.();
      const stats = await measure(impls[name]!, { min_cpu_time: options.cpuTimeNs });
      best[name] = Math.min(best[name] ?? Infinity, stats.p50);
    }
  }
  const res: CaseResult = { id: c.id, title: c.title, note: c.note, results: {}, ratios: {} };
  for (const name of names) {
    res.results[name] = { ns: best[name]! };
    if (c.memory) {
      const bytes = bytesPerOp(impls[name]!);
      if (bytes !== undefined) res.results[name]!.bytes = Math.round(bytes);
    }
    if (name !== 'ours') res.ratios[name] = best[name]! / best.ours!;
  }
  return res;
}

/** Runs every implementation of every case for about `ms` each, in the order given. */
export function warm(cases: readonly Case[], ms: number): void {
  for (const c of cases) {
    const impls = implsOf(c);
    for (const name of IMPLS) {
      const fn = impls[name];
      if (fn === undefined) continue;
      const end = performance.now() + ms;
      while (performance.now() < end) for (let k = 0; k < 64; k++) fn();
    }
  }
}

/** The cases in a shuffled order, reproducible from `seed` (Fisher-Yates over mulberry32). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
