/**
 * Runs a corpus case through this library, three ways: the fast codecs (parse + format), the
 * propagators (extract from a carrier holding the header lines, inject into a fresh one) and the
 * inspectors. Each gives what it keeps and what it sends on.
 */
import {
  formatBaggage,
  formatTraceparent,
  getBaggage,
  getSpanContext,
  inspectBaggage,
  inspectTraceparent,
  inspectTraceState,
  parseBaggage,
  parseTraceparent,
  parseTraceState,
  ROOT_CONTEXT,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type Baggage,
  type TraceState,
  type TraceparentFields,
} from '../../src/index.js';
import { FIXED_TRACEPARENT } from '../../scripts/vectors/cases-tracestate.js';
import type { BaggageMemberKept, Outcome, TraceparentKept, VectorCase } from '../../scripts/vectors/types.js';

/** Several traceparent lines as an HTTP stack hands them over: joined by ", " (RFC 9110). */
export function oneValue(input: string | string[]): string {
  return typeof input === 'string' ? input : input.join(', ');
}

function traceparentKept(f: TraceparentFields | undefined): TraceparentKept | null {
  return f ? { version: '00', traceId: f.traceId, spanId: f.spanId, traceFlags: f.traceFlags } : null;
}

export function baggageKept(b: Baggage | undefined): BaggageMemberKept[] {
  return (b?.members() ?? []).map((m) => ({
    key: m.key,
    value: m.value,
    properties: (m.properties ?? []).map((p) => ({ ...p })),
  }));
}

/** parse* then format* / serialize(). */
export function runFast(c: VectorCase): Outcome<unknown> {
  switch (c.header) {
    case 'traceparent': {
      const f = parseTraceparent(oneValue(c.input));
      return { expect: traceparentKept(f), output: f ? formatTraceparent(f) : null };
    }
    case 'tracestate': {
      const ts = parseTraceState(c.input);
      return ts ? { expect: [...ts], output: ts.serialize() || null } : { expect: null, output: null };
    }
    case 'baggage': {
      const b = parseBaggage(c.input);
      return { expect: baggageKept(b), output: formatBaggage(b) || null };
    }
  }
}

export interface PropagatorResult extends Outcome<unknown> {
  /** Whether a span context came out of extract (tracestate cases: the fixed parent survived, TC-19). */
  parent: boolean;
}

/** The propagator's extract from `{ header: input }` and inject into `{}`. */
export function runPropagator(c: VectorCase): PropagatorResult {
  const out: Record<string, string> = {};
  if (c.header === 'baggage') {
    const propagator = new W3CBaggagePropagator();
    const ctx = propagator.extract(ROOT_CONTEXT, { baggage: c.input });
    propagator.inject(ctx, out);
    return { expect: baggageKept(getBaggage(ctx)), output: out.baggage ?? null, parent: false };
  }
  const propagator = new W3CTraceContextPropagator();
  const carrier =
    c.header === 'traceparent' ? { traceparent: c.input } : { traceparent: FIXED_TRACEPARENT, tracestate: c.input };
  const ctx = propagator.extract(ROOT_CONTEXT, carrier);
  propagator.inject(ctx, out);
  const sc = getSpanContext(ctx);
  if (c.header === 'traceparent')
    return { expect: traceparentKept(sc), output: out.traceparent ?? null, parent: sc !== undefined };
  return {
    expect: sc?.traceState ? [...(sc.traceState as TraceState)] : [],
    output: out.tracestate ?? null,
    parent: sc !== undefined,
  };
}

export interface InspectResult {
  valid: boolean;
  /** What inspect says a propagator keeps and sends on (its `kept`). */
  kept: Outcome<unknown>;
}

/** What inspect* says of the case's input. */
export function runInspect(c: VectorCase): InspectResult {
  switch (c.header) {
    case 'traceparent': {
      const r = inspectTraceparent(oneValue(c.input));
      return { valid: r.valid, kept: { expect: traceparentKept(r.kept.value), output: r.kept.sends ?? null } };
    }
    case 'tracestate': {
      const r = inspectTraceState(c.input);
      return {
        valid: r.valid,
        kept: { expect: r.kept.value?.map((m) => [m.key, m.value]) ?? null, output: r.kept.sends ?? null },
      };
    }
    case 'baggage': {
      const r = inspectBaggage(c.input);
      const members = (r.kept.value ?? []).map((m) => ({
        key: m.key,
        value: m.value,
        properties: (m.properties ?? []).map((p) => ({ ...p })),
      }));
      return { valid: r.valid, kept: { expect: members, output: r.kept.sends ?? null } };
    }
  }
}
