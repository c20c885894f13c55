/**
 * The W3C Trace Context propagator: `traceparent` and `tracestate` in and out of a carrier.
 *
 * extract: a single valid traceparent becomes a remote span context (TC-11, TC-13); only
 * then is tracestate looked at, and it is parsed on first use: a bad one reads as empty,
 * without touching the parent (TC-18, TC-19, TC-26). Hostile carriers leave the context unchanged; extract never throws.
 * inject: only a valid span context is written, as version 00 (TC-10); tracestate only
 * when it is non-empty (TC-31), and always valid.
 */
import type { Context } from '../context/context.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader } from '../propagation/carriers.js';
import { type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '../propagation/propagator.js';
import { getSpan, INVALID_SPAN_CONTEXT, isSpanContextValid, NonRecordingSpan, setSpan, type SpanContext } from '../trace/span.js';
import { formatValidTraceparent, traceparentFlags, traceparentStart } from './traceparent.js';
import { TraceState, type TraceStateParseOptions } from './tracestate.js';
import { serializeTraceState } from './tracestate-inject.js';

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
    const span = getSpan(context);
    // A span context that came in and was never read is sent as it came when that is what
    // formatting would write: no span context is built for a request that is only forwarded.
    const sent = span instanceof RemoteSpan && span._sent();
    const spanContext = sent ? undefined : span?.spanContext();
    if (!sent && !isSpanContextValid(spanContext)) return;
    setter.set(carrier, TRACEPARENT_HEADER, sent || formatValidTraceparent(spanContext!.traceId, spanContext!.spanId, spanContext!.traceFlags));
    const traceState = sent ? (span as RemoteSpan)._ts : spanContext!.traceState;
    if (traceState) {
      const value = serializeTraceState(traceState);
      if (value) setter.set(carrier, TRACESTATE_HEADER, value);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    const traceparent = readHeader(getter, carrier, TRACEPARENT_HEADER);
    // Several traceparent values (an array, or joined by a comma) are not one valid parent (TC-13).
    if (typeof traceparent !== 'string' || traceparentStart(traceparent) < 0) return context;
    // tracestate is read on first use; an invalid one then reads as empty (TC-26). A list is
    // copied: the carrier's may change before then.
    const tracestate = readHeader(getter, carrier, TRACESTATE_HEADER);
    const traceState = tracestate !== undefined && tracestate.length > 0 ? new TraceState(typeof tracestate === 'string' ? tracestate : tracestate.slice(), this._o) : undefined;
    return setSpan(context, new RemoteSpan(traceparent, traceState));
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }
}

/**
 * The span an extracted context holds: the valid traceparent as it came and the tracestate,
 * three fields in all while a request is in flight. The span context is built on first use
 * (a service that starts a child span reads it; a proxy that only forwards never does).
 */
class RemoteSpan extends NonRecordingSpan {
  /** @internal */ declare readonly _h: string;
  /** @internal */ declare readonly _ts: TraceState | undefined;

  constructor(traceparent: string, traceState: TraceState | undefined) {
    super(); // the span context stays INVALID_SPAN_CONTEXT until it is read
    (this as { _h: string })._h = traceparent;
    (this as { _ts: TraceState | undefined })._ts = traceState;
  }

  override spanContext(): SpanContext {
    if (this._sc === INVALID_SPAN_CONTEXT) {
      const h = this._h;
      const start = traceparentStart(h);
      // The fields at the TC-2 offsets, in one object with or without traceState, in one key order.
      const traceId = h.slice(start + 3, start + 35);
      const spanId = h.slice(start + 36, start + 52);
      const traceFlags = traceparentFlags(h, start);
      this._sc = this._ts ? { traceId, spanId, traceFlags, isRemote: true, traceState: this._ts } : { traceId, spanId, traceFlags, isRemote: true };
    }
    return this._sc;
  }

  /** @internal The header as it came, while the span context is unread and it is version 00 with known flags (TC-10). */
  _sent(): string | false {
    return this._sc === INVALID_SPAN_CONTEXT && CANONICAL.test(this._h) && this._h;
  }
}

/** A valid traceparent as `formatTraceparent` writes it. */
const CANONICAL = /^00-.{50}0[0-3]$/;
