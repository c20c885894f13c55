/**
 * Does V8 tenure an allocation site of this library's extract path? Run by the bench's in-flight
 * regime in a process of its own, under `--trace-pretenuring-statistics`: extract and
 * pass-through with 20,000 contexts in flight (only this library runs), then the orchestrator
 * counts the sites V8 decided to allocate straight into the old generation after the marker.
 * The rule (bench/PERFORMANCE.md, "The warm-order cliff"): none. `npm test` checks the same rule
 * per extract path, naming the function of each tenured site (spec-tests/performance-rules/).
 *
 *   node --expose-gc --trace-pretenuring-statistics dist/bench/pretenure-check.js [--ows]
 */
import { CompositePropagator, ROOT_CONTEXT, W3CBaggagePropagator, W3CTraceContextPropagator } from '../src/index.js';
import { incomingCarriers, PRETENURE_MARKER } from './in-flight.js';
import { MASK } from './inputs.js';
import { blankObject } from '../src/internal/alloc.js';

const carriers = incomingCarriers();
// Headers with OWS take the parser's non-canonical path: both must keep nothing tenured.
if (process.argv.includes('--ows')) for (const c of carriers) c.baggage = c.baggage!.replace(/,/g, ', ');
const propagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
});
const ring: unknown[] = new Array(20_000).fill(undefined);
console.log(PRETENURE_MARKER);
for (let i = 0; i < 600_000; i++) {
  const ctx = propagator.extract(ROOT_CONTEXT, carriers[i & MASK]!);
  if (i & 1) {
    // Not a literal: the carriers kept in the ring would get this script's own site tenured.
    const out = blankObject<Record<string, string>>();
    propagator.inject(ctx, out);
    ring[(i + 1) % ring.length] = out;
  }
  ring[i % ring.length] = ctx;
}
