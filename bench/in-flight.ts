/**
 * The in-flight regime: a server keeps each request's context until the request ends, so
 * extracted contexts survive young-generation collections and what they retain decides how
 * much every collection copies. Results are kept in a ring of N slots (N requests in flight);
 * times include the garbage collector's work, as they would in production.
 *
 *   node --expose-gc dist/bench/in-flight.js [--quick]     both ring sizes, ours beside OpenTelemetry's
 *
 * Reported per library and ring size: ns/op of extract (traceparent + tracestate + 3-member
 * baggage), inject (into a fresh outgoing carrier, also kept), pass-through (extract, then
 * inject into a fresh carrier: a proxy or a service that calls on), and the bytes each
 * extracted context retains (heap growth over 20,000 fresh contexts, two full GCs before and after).
 */
import { pathToFileURL } from 'node:url';
import {
  W3CBaggagePropagator as OtelBaggagePropagator,
  W3CTraceContextPropagator as OtelTraceContextPropagator,
  CompositePropagator as OtelCompositePropagator,
} from '@opentelemetry/core';
import {
  ROOT_CONTEXT as OTEL_ROOT_CONTEXT,
  defaultTextMapGetter as otelGetter,
  defaultTextMapSetter as otelSetter,
} from '@opentelemetry/api';
import { CompositePropagator, ROOT_CONTEXT, W3CBaggagePropagator, W3CTraceContextPropagator } from '../src/index.js';
import * as input from './inputs.js';
import { MASK, prng } from './inputs.js';

export const RING_SIZES = [1_000, 20_000] as const;
/** Printed by bench/pretenure-check.ts where the in-flight loop starts. */
export const PRETENURE_MARKER = 'pretenure-check: in flight from here';

export interface InFlightRow {
  impl: 'ours' | 'otel';
  ring: number;
  extractNs: number;
  injectNs: number;
  passThroughNs: number;
  retainedBytes: number | undefined;
}

interface Impl {
  extract(carrier: Record<string, string>): unknown;
  inject(context: unknown, carrier: Record<string, string>): void;
}

function impls(): Record<'ours' | 'otel', Impl> {
  const ours = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
  const otel = new OtelCompositePropagator({
    propagators: [new OtelTraceContextPropagator(), new OtelBaggagePropagator()],
  });
  return {
    ours: {
      extract: (c) => ours.extract(ROOT_CONTEXT, c),
      inject: (ctx, c) => ours.inject(ctx as typeof ROOT_CONTEXT, c),
    },
    otel: {
      extract: (c) => otel.extract(OTEL_ROOT_CONTEXT, c, otelGetter),
      inject: (ctx, c) => otel.inject(ctx as typeof OTEL_ROOT_CONTEXT, c, otelSetter),
    },
  };
}

/** 1,024 incoming requests: traceparent + tracestate + 3-member baggage among ordinary headers. */
export function incomingCarriers(): Record<string, string>[] {
  const rand = prng(42);
  return input.traceparentValid.map((traceparent, i) => ({
    ...input.requestHeaders(rand),
    traceparent,
    tracestate: input.tracestate3[i]!,
    baggage: input.baggage3[i]!,
  }));
}

const gc = (globalThis as { gc?: () => void }).gc;
const now = () => performance.now();

function fullGc(): void {
  gc!();
  gc!();
}

/** Heap growth per context over `n` fresh extracts kept alive, in bytes. */
function retainedPerContext(impl: Impl, carriers: readonly Record<string, string>[], n: number): number | undefined {
  if (gc === undefined) return undefined;
  const ring: unknown[] = new Array(n).fill(undefined);
  fullGc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) ring[i] = impl.extract(carriers[i & MASK]!);
  fullGc();
  const after = process.memoryUsage().heapUsed;
  if (ring.length !== n) throw new Error('unreachable');
  return (after - before) / n;
}

interface Loops {
  extract(ops: number): void;
  inject(ops: number): void;
  passThrough(ops: number): void;
}

/** The three loops over one ring; the ring is full before any is timed. */
function loops(impl: Impl, carriers: readonly Record<string, string>[], ringSize: number): Loops {
  const contexts: unknown[] = new Array(ringSize).fill(undefined);
  const outgoing: unknown[] = new Array(ringSize).fill(undefined);
  let slot = 0;
  for (let i = 0; i < ringSize; i++) contexts[i] = impl.extract(carriers[i & MASK]!);
  return {
    extract(ops) {
      for (let i = 0; i < ops; i++, slot = slot + 1 === ringSize ? 0 : slot + 1)
        contexts[slot] = impl.extract(carriers[i & MASK]!);
    },
    inject(ops) {
      for (let i = 0; i < ops; i++, slot = slot + 1 === ringSize ? 0 : slot + 1) {
        const carrier: Record<string, string> = {};
        impl.inject(contexts[slot], carrier);
        outgoing[slot] = carrier;
      }
    },
    passThrough(ops) {
      for (let i = 0; i < ops; i++, slot = slot + 1 === ringSize ? 0 : slot + 1) {
        const ctx = impl.extract(carriers[i & MASK]!);
        const carrier: Record<string, string> = {};
        impl.inject(ctx, carrier);
        contexts[slot] = ctx;
        outgoing[slot] = carrier;
      }
    },
  };
}

/** Fastest of `rounds` timed runs of `ops` calls, interleaving the implementations: ns/op. */
function timeInterleaved(
  runs: Record<'ours' | 'otel', (ops: number) => void>,
  ops: number,
  rounds: number,
): Record<'ours' | 'otel', number> {
  const best = { ours: Infinity, otel: Infinity };
  for (let r = 0; r < rounds; r++) {
    for (const name of ['ours', 'otel'] as const) {
      const start = now();
      runs[name](ops);
      best[name] = Math.min(best[name], ((now() - start) * 1e6) / ops);
    }
  }
  return best;
}

export function runInFlight(options: { quick?: boolean } = {}): InFlightRow[] {
  const carriers = incomingCarriers();
  const both = impls();
  const rounds = options.quick ? 2 : 5;
  const rows: InFlightRow[] = [];
  for (const ring of RING_SIZES) {
    // Enough ops per round to turn the ring over several times: collections are part of the cost.
    const ops = Math.max(options.quick ? 40_000 : 120_000, ring * 4);
    const l = { ours: loops(both.ours, carriers, ring), otel: loops(both.otel, carriers, ring) };
    const extract = timeInterleaved({ ours: l.ours.extract, otel: l.otel.extract }, ops, rounds);
    const inject = timeInterleaved({ ours: l.ours.inject, otel: l.otel.inject }, ops, rounds);
    const passThrough = timeInterleaved({ ours: l.ours.passThrough, otel: l.otel.passThrough }, ops, rounds);
    for (const impl of ['ours', 'otel'] as const) {
      // Heap growth over fewer than 20,000 contexts is within the heap counters' noise.
      rows.push({
        impl,
        ring,
        extractNs: extract[impl],
        injectNs: inject[impl],
        passThroughNs: passThrough[impl],
        retainedBytes: retainedPerContext(both[impl], carriers, Math.max(ring, 20_000)),
      });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = runInFlight({ quick: process.argv.includes('--quick') });
  for (const r of rows) {
    console.log(
      `${r.impl.padEnd(5)} ring ${String(r.ring).padStart(6)}` +
        `  extract ${r.extractNs.toFixed(0).padStart(6)} ns` +
        `  inject ${r.injectNs.toFixed(0).padStart(6)} ns` +
        `  pass-through ${r.passThroughNs.toFixed(0).padStart(6)} ns` +
        `  retained ${r.retainedBytes?.toFixed(0)} B/context`,
    );
  }
}
