// The Trace Context response propagator with Context: inject the server's span, extract the reported one.
export { W3CTraceResponsePropagator, getResponseSpanContext } from '../../src/server-timing/propagator.js';
export { ROOT_CONTEXT } from '../../src/context/context.js';
export { setSpanContext } from '../../src/trace/span.js';
