// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The W3C Trace Context propagator for OpenTelemetry JS: this library's codecs, working on
 * OpenTelemetry's own Context through the `@opentelemetry/api` module it is given.
 *
 * extract: a single valid traceparent (TC-2 .. TC-13) becomes a remote span context set with
 * `api.trace.setSpanContext`; only then is tracestate looked at (TC-18), as an `OtelTraceState`
 * read on first use: an invalid one reads as empty without touching the parent (TC-19, TC-26).
 * The span goes into a `ReceivedContext` over the given context, not a copy of it
 * (received-context.ts).
 * inject: writes nothing when `@opentelemetry/core`'s `suppressTracing` marked the context (as
 * core's propagators do), nor for a span context whose ids `formatTraceparent` refuses: 32 and
 * 16 lowercase hex chars, not all zero (TC-3, TC-5, TC-6). That is stricter than
 * `api.isSpanContextValid`, which also accepts upper case: whatever is sent, OpenTelemetry deems
 * valid too, and one check is made instead of two. The traceparent is version 00 with only the
 * known flag bits (TC-10). A tracestate is sent only when non-empty (TC-31): ours as it is (as
 * received, whole whatever its length, TC-33; changed by `set` / `unset`, cut to 512 chars,
 * TC-30), any other (OpenTelemetry's, a hand-made one) through its own `serialize()`, then
 * checked and cut to 512 chars by this library's parser, so nothing invalid leaves.
 */
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../propagation/headers.js';
import type { Context } from '../context/context.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader } from '../propagation/carriers.js';
import {
  checkContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '../propagation/propagator.js';
import { blankObject } from '../internal/alloc.js';
import { isValidSpanId, isValidTraceId } from '../trace/ids.js';
import { formatValidTraceparent, traceparentFlags, traceparentStart } from '../trace-context/traceparent.js';
import { type TraceStateParseOptions } from '../trace-context/tracestate.js';
import { isSendableTraceState, serializeTraceState } from '../trace-context/tracestate-inject.js';
import { SUPPRESS_TRACING_KEY_DESCRIPTION, type OtelApi, type OtelSpanContext } from './api.js';
import { ReceivedContext } from './received-context.js';
import { OtelTraceState, type TraceStateWarn } from './trace-state.js';

export class OtelTraceContextPropagator implements TextMapPropagator {
  private readonly _api: OtelApi;
  private readonly _suppress: symbol;
  private readonly _o: TraceStateParseOptions;
  private readonly _w: TraceStateWarn;

  constructor(api: OtelApi, options: { maxTraceStateLength?: number | undefined } = {}) {
    this._api = api;
    this._suppress = api.createContextKey(SUPPRESS_TRACING_KEY_DESCRIPTION);
    this._o = { maxLength: options.maxTraceStateLength };
    this._w = (message) => api.diag?.warn(message);
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter = defaultTextMapSetter): void {
    // Hot path: rerun `npm run bench -- --filter otel-bridge-inject` after editing.
    checkContext(context, 'inject');
    if (context.getValue(this._suppress) === true) return;
    const spanContext = this._api.trace.getSpanContext(context);
    if (spanContext === undefined) return;
    const { traceId, spanId } = spanContext;
    // Lowercase only (TC-3), not all zero (TC-5, TC-6).
    if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return;
    setter.set(carrier, TRACEPARENT_HEADER, formatValidTraceparent(traceId, spanId, spanContext.traceFlags));
    const traceState = spanContext.traceState;
    if (traceState) {
      // Ours is the TraceState inside (valid by construction, sent by its own method: a subclass may
      // replace `serialize`); any other as the core propagator checks it, with the fast path.
      const ours = traceState instanceof OtelTraceState ? traceState._s : traceState;
      const value = serializeTraceState(ours, isSendableTraceState);
      if (value) setter.set(carrier, TRACESTATE_HEADER, value);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    // Hot path: rerun `npm run bench -- --filter otel-bridge-extract` after editing.
    checkContext(context, 'extract');
    const traceparent = readHeader(getter, carrier, TRACEPARENT_HEADER);
    // Several traceparent values are not one valid parent (TC-13).
    if (typeof traceparent !== 'string') return context;
    const start = traceparentStart(traceparent);
    if (start < 0) return context;
    // A list is copied: the tracestate is read later, and the carrier's list may change by then.
    const header = readHeader(getter, carrier, TRACESTATE_HEADER);
    const tracestate = typeof header === 'string' ? header : header?.slice();
    // The one span context this bridge makes: no literal (src/internal/alloc.ts), fields in one
    // order; `traceState` only when there is one, as OpenTelemetry's own propagator makes it.
    const spanContext = blankObject<OtelSpanContext>();
    spanContext.traceId = traceparent.slice(start + 3, start + 35);
    spanContext.spanId = traceparent.slice(start + 36, start + 52);
    spanContext.traceFlags = traceparentFlags(traceparent, start);
    spanContext.isRemote = true;
    if (tracestate !== undefined && tracestate.length > 0)
      spanContext.traceState = new OtelTraceState(tracestate, this._o, this._w);
    return this._api.trace.setSpanContext(ReceivedContext.over(context), spanContext);
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }
}
