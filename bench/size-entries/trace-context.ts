// The trace-context propagator with Context: extract, read the span context, inject.
export { W3CTraceContextPropagator } from '../../src/w3c-trace-context.js';
export { ROOT_CONTEXT } from '../../src/context.js';
export { context } from '../../src/context-manager.js';
export { getSpanContext, setSpanContext } from '../../src/span.js';
