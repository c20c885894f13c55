// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The W3C Trace Context propagator: `traceparent` and `tracestate` in and out of a carrier.
 *
 * extract: a single valid traceparent becomes a remote span context (TC-11, TC-13); only
 * then is tracestate looked at, and it is parsed on first use: a bad one reads as empty,
 * without touching the parent (TC-18, TC-19, TC-26). Hostile carriers leave the context
 * unchanged; extract never throws.
 * inject: only a valid span context is written, as version 00 (TC-10); tracestate only
 * when it is non-empty (TC-31), and always valid: as received, whole whatever its length
 * (TC-33); changed by `set` / `unset`, cut to 512 chars by whole members (TC-29, TC-30).
 */
import type { Context } from '../context/context.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader } from '../propagation/carriers.js';
import {
  checkContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '../propagation/propagator.js';
import {
  getSpan,
  INVALID_SPAN_CONTEXT,
  makeSpanContext,
  NonRecordingSpan,
  setSpan,
  type SpanContext,
  type TraceStateLike,
} from '../trace/span.js';
import { isValidSpanId, isValidTraceId } from '../trace/ids.js';
import { formatValidTraceparent, traceparentFlags, traceparentStart } from './traceparent.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../propagation/headers.js';
import { TraceState, type TraceStateParseOptions } from './tracestate.js';

export { TRACEPARENT_HEADER, TRACESTATE_HEADER };
import { serializeTraceState } from './tracestate-inject.js';

export interface W3CTraceContextPropagatorOptions {
  /**
   * Longest tracestate read on extract (all fields joined); longer is dropped. Default `TRACESTATE_MAX_INPUT_LENGTH`.
   * What is read is sent on whole while unchanged (TC-33).
   */
  maxTraceStateLength?: number;
}

export class W3CTraceContextPropagator implements TextMapPropagator {
  private readonly _o: TraceStateParseOptions;

  constructor(options?: W3CTraceContextPropagatorOptions) {
    this._o = { maxLength: options?.maxTraceStateLength };
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter = defaultTextMapSetter): void {
    // Hot path: rerun `npm run bench -- --filter trace-context-inject` (and pass-through) after editing.
    checkContext(context, 'inject');
    const span = getSpan(context);
    // A span context that came in and was never read is sent as it came when that is what
    // formatting would write: no span context is built for a request that is only forwarded.
    const sent = span instanceof RemoteSpan && span._sent();
    let traceparent = sent;
    let traceState: TraceStateLike | undefined = sent ? (span as RemoteSpan)._ts : undefined;
    if (!sent) {
      // Each field read once: a getter may answer differently the second time.
      const { traceId, spanId, traceFlags, traceState: state } = span?.spanContext?.() ?? INVALID_SPAN_CONTEXT;
      if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return;
      traceparent = formatValidTraceparent(traceId, spanId, traceFlags);
      traceState = state;
    }
    setter.set(carrier, TRACEPARENT_HEADER, traceparent as string);
    if (traceState) {
      const value = serializeTraceState(traceState);
      if (value) setter.set(carrier, TRACESTATE_HEADER, value);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    // Hot path: rerun `npm run bench -- --filter trace-context-extract` (and pass-through) after editing.
    checkContext(context, 'extract');
    const traceparent = readHeader(getter, carrier, TRACEPARENT_HEADER);
    // Several traceparent values (an array, or joined by a comma) are not one valid parent (TC-13).
    if (typeof traceparent !== 'string' || traceparentStart(traceparent) < 0) return context;
    // tracestate is read on first use; an invalid one then reads as empty (TC-26). A list is
    // copied: the carrier's may change before then.
    const tracestate = readHeader(getter, carrier, TRACESTATE_HEADER);
    const traceState = tracestate?.length
      ? new TraceState(typeof tracestate === 'string' ? tracestate : tracestate.slice(), this._o)
      : undefined;
    return setSpan(context, new RemoteSpan(traceparent, traceState, EXTRACTED));
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }
}

/**
 * The span an extracted context holds: the valid traceparent as it came and the tracestate,
 * three fields in all while a request is in flight. The span context is built on first use
 * (a service that starts a child span reads it; a proxy that only forwards never does).
 *
 *   _sc                     state
 *   INVALID_SPAN_CONTEXT    unread: `_h` is sent as it came when it is CANONICAL_TRACEPARENT
 *   a span context          read: built from `_h` and `_ts` by makeSpanContext; inject formats it
 */
class RemoteSpan extends NonRecordingSpan {
  /** @internal */ declare readonly _h: string;
  /** @internal */ declare readonly _ts: TraceState | undefined;

  constructor(traceparent: string, traceState: TraceState | undefined, token?: unknown) {
    super(); // the span context stays INVALID_SPAN_CONTEXT until it is read
    // The class is reachable as `span.constructor`: a header is trusted from extract alone.
    (this as { _h: string })._h = token === EXTRACTED ? traceparent : '';
    (this as { _ts: TraceState | undefined })._ts = traceState;
  }

  override spanContext(): SpanContext {
    if (this._sc === INVALID_SPAN_CONTEXT) {
      const h = this._h;
      const start = traceparentStart(h);
      // The fields at the TC-2 offsets.
      const spanId = h.slice(start + 36, start + 52);
      this._sc = makeSpanContext(h.slice(start + 3, start + 35), spanId, traceparentFlags(h, start), true, this._ts);
    }
    return this._sc;
  }

  /**
   * @internal The header as it came, while the span context is unread and it is version 00
   * with known flags (TC-10).
   */
  _sent(): string | false {
    return this._sc === INVALID_SPAN_CONTEXT && CANONICAL_TRACEPARENT.test(this._h) && this._h;
  }
}

/** What extract passes to `RemoteSpan`, and nothing else can: the header was checked. */
const EXTRACTED = {};

/** A valid traceparent as `formatTraceparent` writes it. */
const CANONICAL_TRACEPARENT = /^00-.{50}0[0-3]$/;
