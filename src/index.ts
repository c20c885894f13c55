// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
// The public surface of w3c-propagation: re-exports only.

// wire codecs
export * from './entries/traceparent.js';
export * from './entries/tracestate.js';
export * from './entries/baggage.js';
export * from './entries/server-timing.js';
export { generateTraceId, generateSpanId, isValidTraceId, isValidSpanId, setRandomSource } from './trace/ids.js';
export type { RandomSource } from './trace/ids.js';
export type { Kept, KeptInspection } from './inspect/problem.js';

export { ROOT_CONTEXT, createContextKey } from './context/context.js';
export type { Context } from './context/context.js';
export { context, setContextManager, StackContextManager } from './context/manager.js';
export type { ContextManager } from './context/manager.js';
export { TraceFlags, NonRecordingSpan, INVALID_SPAN_CONTEXT, isSpanContextValid } from './trace/span.js';
export { getSpan, setSpan, deleteSpan, getSpanContext, setSpanContext } from './trace/span.js';
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
export { W3CTraceResponsePropagator } from './server-timing/propagator.js';
export {
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
