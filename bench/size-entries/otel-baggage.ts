// @opentelemetry/core's baggage propagator with @opentelemetry/api's Context, for comparison.
export { W3CBaggagePropagator } from '@opentelemetry/core';
export { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
