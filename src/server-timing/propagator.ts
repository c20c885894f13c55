// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The Trace Context response propagator (TC-34): the server's span in and out of a response's
 * `Server-Timing` header, as the `trace` metric.
 *
 * inject (server side) writes the span of the context it is given: the server's own span for
 * this request (`setSpan(requestContext, span)`, or the active context inside
 * `startActiveSpan`). The flags are that span's sampled and random bits, nothing else. A span
 * that continues the caller's trace carries the caller's random flag (`createTracer` keeps the
 * parent's flags, TC-16), which is what TC-34 asks of a continued trace; a restarted trace
 * reports its own. Nothing is written for an invalid span context, nor for a remote one: that
 * is the caller's span (the context straight from `extract`), not a position of the server's.
 * The metric is appended to the Server-Timing value already in the carrier; a `trace` metric
 * already there is replaced (inject twice, one metric), the other well-formed metrics are kept
 * as written, and a malformed one is dropped, so the header written always matches the grammar.
 * The value is read with the setter when it also has `get` (a getter and setter in one object,
 * e.g. over a Node `ServerResponse`), otherwise with the default getter.
 *
 * extract (client side) puts the span the server reported on the context under its own key:
 * `getResponseSpanContext(ctx)`. The client's current span is untouched. Never throws.
 */
import { createContextKey, type Context } from '../context/context.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader } from '../propagation/carriers.js';
import {
  checkContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '../propagation/propagator.js';
import {
  isTraceName,
  newScan,
  parseServerTimingTrace,
  scanMetric,
  SERVER_TIMING_HEADER,
  SERVER_TIMING_TRACE_METRIC,
} from './server-timing.js';
import { getSpan, INVALID_SPAN_CONTEXT, makeSpanContext, type SpanContext } from '../trace/span.js';
import { isValidSpanId, isValidTraceId } from '../trace/ids.js';
import { skipOws } from '../internal/chars.js';
import { formatValidTraceparent } from '../trace-context/traceparent.js';

const RESPONSE_SPAN_CONTEXT_KEY = createContextKey('w3c-propagation response span context');

/** The span a server reported in its response (set by `W3CTraceResponsePropagator.extract`). */
export function getResponseSpanContext(context: Context): SpanContext | undefined {
  return (context.getValue(RESPONSE_SPAN_CONTEXT_KEY) as SpanContext | undefined) || undefined;
}

export function setResponseSpanContext(context: Context, spanContext: SpanContext): Context {
  return context.setValue(RESPONSE_SPAN_CONTEXT_KEY, spanContext);
}

export function deleteResponseSpanContext(context: Context): Context {
  return context.deleteValue(RESPONSE_SPAN_CONTEXT_KEY);
}

export class W3CTraceResponsePropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter = defaultTextMapSetter): void {
    checkContext(context, 'inject');
    // Each field read once: a getter may answer differently the second time.
    const { traceId, spanId, traceFlags, isRemote } = getSpan(context)?.spanContext?.() ?? INVALID_SPAN_CONTEXT;
    if (!isValidTraceId(traceId) || !isValidSpanId(spanId) || isRemote) return;
    const metric = SERVER_TIMING_TRACE_METRIC + ';desc=' + formatValidTraceparent(traceId, spanId, traceFlags);
    const getter =
      typeof (setter as Partial<TextMapGetter>).get === 'function'
        ? (setter as unknown as TextMapGetter)
        : defaultTextMapGetter;
    const existing = readHeader(getter, carrier, SERVER_TIMING_HEADER);
    const others =
      existing === undefined ? '' : withoutTraceMetrics(typeof existing === 'string' ? existing : existing.join(','));
    setter.set(carrier, SERVER_TIMING_HEADER, others === '' ? metric : others + ', ' + metric);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    checkContext(context, 'extract');
    const value = readHeader(getter, carrier, SERVER_TIMING_HEADER);
    const fields = value === undefined ? undefined : parseServerTimingTrace(value);
    if (fields === undefined) return context;
    return setResponseSpanContext(context, makeSpanContext(fields.traceId, fields.spanId, fields.traceFlags, true));
  }

  fields(): string[] {
    return [SERVER_TIMING_HEADER];
  }
}

/**
 * The well-formed metrics of a Server-Timing value other than `trace`, each as written (OWS
 * around it dropped), joined by `, `. A malformed one is dropped: an unclosed quote in it would
 * swallow the metric written after it.
 */
function withoutTraceMetrics(s: string): string {
  const scan = newScan();
  let out = '';
  for (let i = 0; i <= s.length; ) {
    const next = scanMetric(s, i, scan) + 1;
    const end = skipOws(s, next - 1, scan.nameStart);
    if (end > scan.nameStart && scan.errorAt < 0 && !isTraceName(s, scan.nameStart, scan.nameEnd))
      out += (out === '' ? '' : ', ') + s.slice(scan.nameStart, end);
    i = next;
  }
  return out;
}
