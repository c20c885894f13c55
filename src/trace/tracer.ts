// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * A minimal tracer: starts spans with the right ids and flags, and hands each ended span
 * to `onEnd`. It is enough to propagate a trace correctly; export and sampling policy
 * belong to the caller.
 *
 * - A span whose context has a valid parent is its child: same trace id, a new span id,
 *   the parent's flags (the random flag unchanged, TC-16) and tracestate (TC-17).
 * - Otherwise it starts a new trace: random ids (TC-32), the sampled flag (unless
 *   `sampled: false`) and the random flag, since every id here is fully random (TC-15).
 *
 *   const tracer = createTracer({ onEnd: consoleExporter() });
 *   const span = tracer.startSpan('GET /', {}, parentContext);
 *   span.end();
 */
import { context as activeContext } from '../context/manager.js';
import type { Context } from '../context/context.js';
import { generateSpanId, generateTraceId } from './ids.js';
import { getSpanContext, isSpanContextValid, makeSpanContext, setSpan, TraceFlags } from './span.js';
import type { Span, SpanContext } from './span.js';

export type AttributeValue = string | number | boolean;

export interface SpanOptions {
  /** Start a new trace even when the context has a parent. */
  root?: boolean;
  /** For a new trace: set the sampled flag (default true). Children keep the parent's. */
  sampled?: boolean;
  attributes?: Record<string, AttributeValue>;
  /** Start time in milliseconds since the epoch (default: now). */
  startTime?: number;
}

/** A span that records its name, parent, times and attributes. */
export interface RecordingSpan extends Span {
  readonly name: string;
  /** The parent's span id; undefined for the root of a trace. */
  readonly parentSpanId: string | undefined;
  /** Milliseconds since the epoch. */
  readonly startTime: number;
  /** Milliseconds since the epoch; undefined until `end()`. */
  readonly endTime: number | undefined;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  setAttribute(key: string, value: AttributeValue): this;
  /** Ends the span and hands it to `onEnd`; later calls do nothing. */
  end(endTime?: number): void;
}

export type SpanProcessor = (span: RecordingSpan) => void;

export interface TracerOptions {
  /** Called once for every ended span, in the order given. */
  onEnd?: SpanProcessor | readonly SpanProcessor[];
  /** Milliseconds since the epoch; default `performance.timeOrigin + performance.now()` or `Date.now()`. */
  now?: () => number;
}

export interface Tracer {
  startSpan(name: string, options?: SpanOptions, context?: Context): RecordingSpan;
  /**
   * Runs `fn(span)` with the new span active and returns what `fn` returns. It ends
   * nothing: call `span.end()` yourself, after an awaited promise settles if `fn` is async.
   */
  startActiveSpan<R>(name: string, fn: (span: RecordingSpan) => R): R;
  startActiveSpan<R>(name: string, options: SpanOptions, fn: (span: RecordingSpan) => R): R;
  startActiveSpan<R>(name: string, options: SpanOptions, context: Context, fn: (span: RecordingSpan) => R): R;
}

function defaultClock(): () => number {
  const perf = (globalThis as { performance?: { now?: () => number; timeOrigin?: number } }).performance;
  if (perf && typeof perf.now === 'function' && typeof perf.timeOrigin === 'number') {
    const origin = perf.timeOrigin;
    return () => origin + perf.now!();
  }
  return Date.now;
}

// Fields are declared without initializers and all assigned in the constructor, in this order:
// every span gets one hidden class, and the class is erasable (no parameter properties).
class TracerSpan implements RecordingSpan {
  readonly name: string;
  private readonly _spanContext: SpanContext;
  readonly parentSpanId: string | undefined;
  readonly startTime: number;
  private readonly _now: () => number;
  private readonly _onEnd: readonly SpanProcessor[];
  endTime: number | undefined;
  readonly attributes: Record<string, AttributeValue>;

  constructor(
    name: string,
    spanContext: SpanContext,
    parentSpanId: string | undefined,
    startTime: number,
    attributes: Record<string, AttributeValue> | undefined,
    now: () => number,
    onEnd: readonly SpanProcessor[],
  ) {
    this.name = name;
    this._spanContext = spanContext;
    this.parentSpanId = parentSpanId;
    this.startTime = startTime;
    this._now = now;
    this._onEnd = onEnd;
    this.endTime = undefined;
    this.attributes = Object.assign(Object.create(null), attributes);
  }

  spanContext(): SpanContext {
    return this._spanContext;
  }

  isRecording(): boolean {
    return this.endTime === undefined;
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (this.endTime === undefined) this.attributes[key] = value;
    return this;
  }

  end(endTime?: number): void {
    if (this.endTime !== undefined) return;
    this.endTime = typeof endTime === 'number' ? endTime : this._now();
    for (const processor of this._onEnd) processor(this);
  }
}

export function createTracer(options: TracerOptions = {}): Tracer {
  const onEnd =
    options.onEnd === undefined ? [] : typeof options.onEnd === 'function' ? [options.onEnd] : [...options.onEnd];
  for (const processor of onEnd) {
    if (typeof processor !== 'function')
      throw new TypeError('createTracer: onEnd takes a function or an array of functions');
  }
  const now = options.now ?? defaultClock();

  function startSpan(
    name: string,
    spanOptions: SpanOptions = {},
    ctx: Context = activeContext.active(),
  ): RecordingSpan {
    const parent = spanOptions.root ? undefined : getSpanContext(ctx);
    let spanContext: SpanContext;
    let parentSpanId: string | undefined;
    if (parent !== undefined && isSpanContextValid(parent)) {
      spanContext = makeSpanContext(parent.traceId, generateSpanId(), parent.traceFlags, false, parent.traceState);
      parentSpanId = parent.spanId;
    } else {
      const sampled = spanOptions.sampled === false ? TraceFlags.NONE : TraceFlags.SAMPLED;
      spanContext = makeSpanContext(generateTraceId(), generateSpanId(), sampled | TraceFlags.RANDOM, false);
    }
    const startTime = typeof spanOptions.startTime === 'number' ? spanOptions.startTime : now();
    return new TracerSpan(String(name), spanContext, parentSpanId, startTime, spanOptions.attributes, now, onEnd);
  }

  function startActiveSpan<R>(name: string, ...rest: unknown[]): R {
    const fn = rest[rest.length - 1];
    if (typeof fn !== 'function') throw new TypeError('startActiveSpan: the last argument is the function to run');
    const spanOptions = rest.length >= 2 ? (rest[0] as SpanOptions) : undefined;
    const ctx = rest.length >= 3 ? (rest[1] as Context) : activeContext.active();
    const span = startSpan(name, spanOptions, ctx);
    return activeContext.with(setSpan(ctx, span), fn as (span: RecordingSpan) => R, span);
  }

  return { startSpan, startActiveSpan } as Tracer;
}
