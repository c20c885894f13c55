// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
// The public surface of w3c-propagation: re-exports only.

// wire codecs
export {
  parseTraceparent,
  formatTraceparent,
  TRACEPARENT_LENGTH,
  TRACEPARENT_VERSION,
  KNOWN_TRACE_FLAGS,
} from './trace-context/traceparent.js';
export { inspectTraceparent } from './trace-context/traceparent-inspect.js';
export type { TraceparentFields } from './trace-context/traceparent.js';
export {
  TraceState,
  parseTraceState,
  TRACESTATE_MAX_MEMBERS,
  TRACESTATE_MAX_KEY_LENGTH,
  TRACESTATE_MAX_VALUE_LENGTH,
  TRACESTATE_MAX_LENGTH,
  TRACESTATE_LONG_MEMBER,
  TRACESTATE_MAX_INPUT_LENGTH,
} from './trace-context/tracestate.js';
export { inspectTraceState } from './trace-context/tracestate-inspect.js';
export type { TraceStateParseOptions } from './trace-context/tracestate.js';
export type { TraceStateMember } from './trace-context/tracestate-inspect.js';
export { generateTraceId, generateSpanId, isValidTraceId, isValidSpanId, setRandomSource } from './trace/ids.js';
export type { RandomSource } from './trace/ids.js';
export type { Problem, Inspection, Kept, KeptInspection } from './inspect/problem.js';
export { encodeBaggageValue, decodeBaggageValue } from './baggage/percent.js';
export {
  Baggage,
  createBaggage,
  parseBaggage,
  formatBaggage,
  EMPTY_BAGGAGE,
  DEFAULT_BAGGAGE_LIMITS,
} from './baggage/baggage.js';
export type { BaggageEntry, BaggageProperty, BaggageMember, BaggageLimits } from './baggage/baggage.js';
export { inspectBaggage } from './baggage/inspect.js';

// values
export { ROOT_CONTEXT, createContextKey } from './context/context.js';
export type { Context } from './context/context.js';
export { context, setContextManager, StackContextManager } from './context/manager.js';
export type { ContextManager } from './context/manager.js';
export {
  TraceFlags,
  NonRecordingSpan,
  INVALID_SPAN_CONTEXT,
  getSpan,
  setSpan,
  deleteSpan,
  getSpanContext,
  setSpanContext,
  isSpanContextValid,
} from './trace/span.js';
export { getBaggage, setBaggage, deleteBaggage, getBaggageValue, setBaggageValue } from './baggage/context.js';
export type { SpanContext, Span, TraceStateLike } from './trace/span.js';

// propagators
export { defaultTextMapGetter, defaultTextMapSetter } from './propagation/carriers.js';
export { CompositePropagator } from './propagation/composite.js';
export type { TextMapGetter, TextMapSetter, TextMapPropagator } from './propagation/propagator.js';
export { W3CTraceContextPropagator, TRACEPARENT_HEADER, TRACESTATE_HEADER } from './trace-context/propagator.js';
export type { W3CTraceContextPropagatorOptions } from './trace-context/propagator.js';
export { W3CBaggagePropagator, BAGGAGE_HEADER } from './baggage/propagator.js';
export type { W3CBaggagePropagatorOptions } from './baggage/propagator.js';

// beyond request headers: the Server-Timing response metric (TC-34), environment variables
export {
  formatServerTimingTrace,
  parseServerTimingTrace,
  SERVER_TIMING_HEADER,
  SERVER_TIMING_TRACE_METRIC,
} from './server-timing/server-timing.js';
export type { ServerTimingEntry } from './server-timing/server-timing.js';
export { inspectServerTimingTrace } from './server-timing/inspect.js';
export type { ServerTimingTrace } from './server-timing/inspect.js';
export {
  W3CTraceResponsePropagator,
  getResponseSpanContext,
  setResponseSpanContext,
  deleteResponseSpanContext,
} from './server-timing/propagator.js';
export { envGetter, envSetter, envVariableName } from './propagation/env.js';
export type { EnvCarrier } from './propagation/env.js';

// tracing
export { createTracer } from './trace/tracer.js';
export type {
  Tracer,
  TracerOptions,
  SpanOptions,
  RecordingSpan,
  SpanProcessor,
  AttributeValue,
} from './trace/tracer.js';
export { consoleExporter, formatSpanLine, spanToRecord } from './trace/console-exporter.js';
export type { ConsoleExporterOptions } from './trace/console-exporter.js';
