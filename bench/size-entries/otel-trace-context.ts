// @opentelemetry/core's trace-context propagator with @opentelemetry/api's Context, for comparison.
export { W3CTraceContextPropagator } from '@opentelemetry/core';
export { ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
