/**
 * Builds a span context every way the library builds one and prints, as JSON, whether each has
 * the hidden class of the first (`%HaveSameMap`). Run by span-context-shape.test.ts:
 *
 *   node --allow-natives-syntax dist/spec-tests/performance-rules/shape-child.js
 */
import {
  createTracer,
  getResponseSpanContext,
  getSpanContext,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  setSpan,
  W3CTraceContextPropagator,
  W3CTraceResponsePropagator,
  type SpanContext,
} from '../../src/index.js';

const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const tc = new W3CTraceContextPropagator();
const tracer = createTracer();
const withState = () => tc.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: 'rojo=00f067aa0ba902b7' });
const without = () => tc.extract(ROOT_CONTEXT, { traceparent: TP });
const server: Record<string, string> = {};
new W3CTraceResponsePropagator().inject(setSpan(ROOT_CONTEXT, tracer.startSpan('server')), server);

const made: Record<string, () => SpanContext> = {
  'tracer root span': () => tracer.startSpan('root').spanContext(),
  'extract with tracestate, then getSpanContext': () => getSpanContext(withState())!,
  'extract without tracestate, then getSpanContext': () => getSpanContext(without())!,
  'tracer child of an extracted span with tracestate': () => tracer.startSpan('child', {}, withState()).spanContext(),
  'tracer child of an extracted span without tracestate': () => tracer.startSpan('child', {}, without()).spanContext(),
  'Server-Timing response propagator extract': () =>
    getResponseSpanContext(new W3CTraceResponsePropagator().extract(ROOT_CONTEXT, server))!,
};

const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const first = made['tracer root span']!();
const result: Record<string, { sameMap: boolean; keys: string[] }> = {};
for (const [how, make] of Object.entries(made)) {
  const sc = make();
  result[how] = { sameMap: sameMap(first, sc), keys: Object.keys(sc) };
}
// Frozen, so it has the frozen form of the class: the same as any span context frozen.
result['INVALID_SPAN_CONTEXT (frozen)'] = {
  sameMap: sameMap(Object.freeze(made['tracer root span']!()), INVALID_SPAN_CONTEXT),
  keys: Object.keys(INVALID_SPAN_CONTEXT),
};
console.log(JSON.stringify(result));
