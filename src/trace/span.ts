// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * Span values: `SpanContext`, `TraceFlags`, `Span`, `NonRecordingSpan`, and the accessors
 * that keep a span in a `Context`. Shapes match OpenTelemetry's API.
 */
import { createContextKey, type Context } from '../context/context.js';
import { blankObject } from '../internal/alloc.js';
import { isValidSpanId, isValidTraceId } from './ids.js';

/** trace-flags bits (TC-14). Test them with masks: `flags & TraceFlags.SAMPLED`. */
export const TraceFlags = {
  NONE: 0x00,
  /** The caller may have recorded trace data. */
  SAMPLED: 0x01,
  /** Level 2: the right-most 7 bytes of the trace id are random (TC-15). */
  RANDOM: 0x02,
} as const;
export type TraceFlags = number;

/** What `SpanContext.traceState` must offer: our `TraceState`, or OpenTelemetry's. */
export interface TraceStateLike {
  get(key: string): string | undefined;
  set(key: string, value: string): TraceStateLike;
  unset(key: string): TraceStateLike;
  serialize(): string;
}

export interface SpanContext {
  traceId: string;
  spanId: string;
  traceFlags: TraceFlags;
  traceState?: TraceStateLike;
  /** True when the span context came from another process through a propagator. */
  isRemote?: boolean;
}

export interface Span {
  spanContext(): SpanContext;
  isRecording(): boolean;
  end(endTime?: number): void;
}

/**
 * @internal Every span context this library makes: one plain object with all five fields in one
 * order, so code that reads span contexts sees one hidden class (bench/PERFORMANCE.md, "Inject
 * and the span contexts the bench made"), made without a literal (src/internal/alloc.ts).
 */
export function makeSpanContext(
  traceId: string,
  spanId: string,
  traceFlags: TraceFlags,
  isRemote: boolean,
  traceState?: TraceStateLike,
): SpanContext {
  const spanContext = blankObject<SpanContext>();
  spanContext.traceId = traceId;
  spanContext.spanId = spanId;
  spanContext.traceFlags = traceFlags;
  spanContext.isRemote = isRemote;
  (spanContext as { traceState: TraceStateLike | undefined }).traceState = traceState;
  return spanContext;
}

/** The invalid span context: all-zero ids. Frozen: the frozen form of the one hidden class. */
export const INVALID_SPAN_CONTEXT: SpanContext = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ makeSpanContext('00000000000000000000000000000000', '0000000000000000', 0, false),
);

/** A span that only carries a span context: what extract puts in a Context. */
export class NonRecordingSpan implements Span {
  /** @internal */ protected _sc: SpanContext;

  constructor(spanContext: SpanContext = INVALID_SPAN_CONTEXT) {
    this._sc = spanContext;
  }

  spanContext(): SpanContext {
    return this._sc;
  }

  isRecording(): false {
    return false;
  }

  end(): void {}
}

const SPAN_KEY = createContextKey('w3c-propagation span');

export function getSpan(context: Context): Span | undefined {
  return (context.getValue(SPAN_KEY) as Span | undefined) || undefined;
}

export function setSpan(context: Context, span: Span): Context {
  return context.setValue(SPAN_KEY, span);
}

export function deleteSpan(context: Context): Context {
  return context.deleteValue(SPAN_KEY);
}

export function getSpanContext(context: Context): SpanContext | undefined {
  return getSpan(context)?.spanContext();
}

export function setSpanContext(context: Context, spanContext: SpanContext): Context {
  return setSpan(context, new NonRecordingSpan(spanContext));
}

/** Both ids valid: lowercase hex of the right length, not all zero. */
export function isSpanContextValid(spanContext: SpanContext | undefined): spanContext is SpanContext {
  return spanContext !== undefined && isValidTraceId(spanContext.traceId) && isValidSpanId(spanContext.spanId);
}
