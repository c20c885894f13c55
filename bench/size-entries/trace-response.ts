// The Trace Context response propagator with Context: inject the server's span, extract the reported one.
export { W3CTraceResponsePropagator, getResponseSpanContext } from '../../src/w3c-trace-response.js';
export { ROOT_CONTEXT } from '../../src/context.js';
export { setSpanContext } from '../../src/span.js';
