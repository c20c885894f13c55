// The public surface of w3c-propagation: re-exports only.

// wire codecs
export { parseTraceparent, formatTraceparent, inspectTraceparent, TRACEPARENT_LENGTH, TRACEPARENT_VERSION, KNOWN_TRACE_FLAGS } from './traceparent.js';
export type { TraceparentFields } from './traceparent.js';
export {
  TraceState,
  parseTraceState,
  inspectTraceState,
  TRACESTATE_MAX_MEMBERS,
  TRACESTATE_MAX_KEY_LENGTH,
  TRACESTATE_MAX_VALUE_LENGTH,
  TRACESTATE_MAX_LENGTH,
  TRACESTATE_LONG_MEMBER,
  TRACESTATE_MAX_INPUT_LENGTH,
} from './tracestate.js';
export type { TraceStateMember, TraceStateParseOptions } from './tracestate.js';
export { generateTraceId, generateSpanId, isValidTraceId, isValidSpanId, setRandomSource } from './ids.js';
export type { RandomSource } from './ids.js';
export type { Problem, Inspection, Kept, KeptInspection } from './problem.js';
export { encodeBaggageValue, decodeBaggageValue } from './percent.js';
export { Baggage, createBaggage, parseBaggage, formatBaggage, EMPTY_BAGGAGE, DEFAULT_BAGGAGE_LIMITS } from './baggage.js';
export type { BaggageEntry, BaggageProperty, BaggageMember, BaggageLimits } from './baggage.js';
export { inspectBaggage } from './baggage-inspect.js';

// values
export { ROOT_CONTEXT, createContextKey } from './context.js';
export type { Context } from './context.js';
export { context, setContextManager, StackContextManager } from './context-manager.js';
export type { ContextManager } from './context-manager.js';
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
} from './span.js';
export { getBaggage, setBaggage, deleteBaggage, getBaggageValue, setBaggageValue } from './baggage-context.js';
export type { SpanContext, Span, TraceStateLike } from './span.js';

// propagators
export { CompositePropagator, defaultTextMapGetter, defaultTextMapSetter } from './propagation.js';
export type { TextMapGetter, TextMapSetter, TextMapPropagator } from './propagation.js';
export { W3CTraceContextPropagator, TRACEPARENT_HEADER, TRACESTATE_HEADER } from './w3c-trace-context.js';
export type { W3CTraceContextPropagatorOptions } from './w3c-trace-context.js';
export { W3CBaggagePropagator, BAGGAGE_HEADER } from './w3c-baggage.js';
export type { W3CBaggagePropagatorOptions } from './w3c-baggage.js';

// beyond request headers: the Server-Timing response metric (TC-34), environment variables
export { formatServerTimingTrace, parseServerTimingTrace, SERVER_TIMING_HEADER, SERVER_TIMING_TRACE_METRIC } from './server-timing.js';
export type { ServerTimingEntry } from './server-timing.js';
export { inspectServerTimingTrace } from './server-timing-inspect.js';
export type { ServerTimingTrace } from './server-timing-inspect.js';
export { W3CTraceResponsePropagator, getResponseSpanContext, setResponseSpanContext, deleteResponseSpanContext } from './w3c-trace-response.js';
export { envGetter, envSetter, envVariableName } from './env-carrier.js';
export type { EnvCarrier } from './env-carrier.js';

// tracing
export { createTracer } from './tracer.js';
export type { Tracer, TracerOptions, SpanOptions, RecordingSpan, SpanProcessor, AttributeValue } from './tracer.js';
export { consoleExporter, formatSpanLine, spanToRecord } from './console-exporter.js';
export type { ConsoleExporterOptions } from './console-exporter.js';
