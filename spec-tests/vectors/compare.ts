/**
 * When an implementation's answer to a case is right: its `{ expect, output }` equals the case's
 * own or one of its `accept` pairs. Shared by the corpus tests and `npm run vectors:anchors`.
 */
import type { BaggageMemberKept, Outcome, VectorCase } from '../../scripts/vectors/types.js';

/** A stable text for an outcome: objects rebuilt in one key order, so equal values print equally. */
export function canonical(header: VectorCase['header'], o: Outcome<unknown>, emptyIsDiscarded = false): string {
  let kept = o.expect;
  if (header === 'baggage' && Array.isArray(kept)) {
    kept = (kept as BaggageMemberKept[]).map((m) => ({
      key: m.key,
      value: m.value,
      properties: (m.properties ?? []).map((p) =>
        p.value === undefined ? { key: p.key } : { key: p.key, value: p.value },
      ),
    }));
  } else if (header === 'traceparent' && kept !== null && typeof kept === 'object') {
    const t = kept as Record<string, unknown>;
    kept = { version: t.version, traceId: t.traceId, spanId: t.spanId, traceFlags: t.traceFlags };
  } else if (header === 'tracestate' && emptyIsDiscarded && Array.isArray(kept) && kept.length === 0) {
    kept = null;
  }
  return JSON.stringify({ expect: kept, output: o.output });
}

/**
 * Whether `got` is an accepted answer to `c`. With `emptyIsDiscarded`, a tracestate kept with no
 * members counts as discarded: a propagator's API often cannot tell the two apart.
 */
export function isAccepted(c: VectorCase, got: Outcome<unknown>, emptyIsDiscarded = false): boolean {
  const mine = canonical(c.header, got, emptyIsDiscarded);
  const answers: Outcome<unknown>[] = c.accept ?? [{ expect: c.expect, output: c.output }];
  return answers.some((a) => canonical(c.header, a, emptyIsDiscarded) === mine);
}

/** Whether `got` is exactly the case's own answer (this library's). */
export function isOwnAnswer(c: VectorCase, got: Outcome<unknown>, emptyIsDiscarded = false): boolean {
  return (
    canonical(c.header, got, emptyIsDiscarded) ===
    canonical(c.header, { expect: c.expect, output: c.output }, emptyIsDiscarded)
  );
}
