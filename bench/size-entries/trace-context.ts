// The trace-context propagator with Context: extract, read the span context, inject.
export { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
export { ROOT_CONTEXT } from '../../src/context/context.js';
export { context } from '../../src/context/manager.js';
export { getSpanContext, setSpanContext } from '../../src/trace/span.js';
