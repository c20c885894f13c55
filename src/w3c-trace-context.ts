/**
 * The W3C Trace Context propagator: `traceparent` and `tracestate` in and out of a carrier.
 *
 * extract: a single valid traceparent becomes a remote span context (TC-11, TC-13); only
 * then is tracestate looked at, and it is parsed on first use: a bad one reads as empty,
 * without touching the parent (TC-18, TC-19, TC-26). Hostile carriers leave the context unchanged; extract never throws.
 * inject: only a valid span context is written, as version 00 (TC-10); tracestate only
 * when it is non-empty (TC-31), and always valid.
 */
import type { Context } from './context.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from './propagation.js';
import { getSpanContext, isSpanContextValid, setSpanContext, type SpanContext, type TraceStateLike } from './span.js';
import { formatValidTraceparent, traceparentFlags, traceparentStart } from './traceparent.js';
import { parseTraceState, TraceState, type TraceStateParseOptions } from './tracestate.js';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

export interface W3CTraceContextPropagatorOptions {
  /** Longest tracestate read on extract (all fields joined); longer is dropped. Default `TRACESTATE_MAX_INPUT_LENGTH`. */
  maxTraceStateLength?: number;
}

export class W3CTraceContextPropagator implements TextMapPropagator {
  private readonly _o: TraceStateParseOptions;

  constructor(options: W3CTraceContextPropagatorOptions = {}) {
    this._o = { maxLength: options.maxTraceStateLength };
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter = defaultTextMapSetter): void {
    const spanContext = getSpanContext(context);
    if (!isSpanContextValid(spanContext)) return;
    const header = formatValidTraceparent(spanContext.traceId, spanContext.spanId, spanContext.traceFlags);
    setter.set(carrier, TRACEPARENT_HEADER, header);
    const traceState = spanContext.traceState;
    if (traceState) {
      const value = serializeTraceState(traceState);
      if (value) setter.set(carrier, TRACESTATE_HEADER, value);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    const traceparent = readHeader(getter, carrier, TRACEPARENT_HEADER);
    // Several traceparent values (an array, or joined by a comma) are not one valid parent (TC-13).
    if (typeof traceparent !== 'string') return context;
    const start = traceparentStart(traceparent);
    if (start < 0) return context;
    // The span context is built here in one go, not from parseTraceparent's result and then
    // extended: one object, with or without traceState, in the same key order.
    const traceId = traceparent.slice(start + 3, start + 35);
    const spanId = traceparent.slice(start + 36, start + 52);
    const traceFlags = traceparentFlags(traceparent, start);
    // tracestate is read on first use; an invalid one then reads as empty (TC-26).
    const tracestate = readHeader(getter, carrier, TRACESTATE_HEADER);
    const spanContext: SpanContext =
      tracestate !== undefined && tracestate.length > 0
        ? { traceId, spanId, traceFlags, isRemote: true, traceState: new TraceState(tracestate, this._o) }
        : { traceId, spanId, traceFlags, isRemote: true };
    return setSpanContext(context, spanContext);
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }
}

/**
 * Our own TraceState is valid by construction; any other implementation (OpenTelemetry's,
 * a hand-made object) is read back through the parser, so an invalid value is never sent.
 */
function serializeTraceState(traceState: TraceStateLike): string {
  if (traceState instanceof TraceState) return traceState.serialize();
  try {
    const raw = traceState.serialize();
    return (typeof raw === 'string' && parseTraceState(raw)?.serialize()) || '';
  } catch {
    return '';
  }
}
