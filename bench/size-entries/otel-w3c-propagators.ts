// @opentelemetry/core's two W3C propagators and CompositePropagator with @opentelemetry/api's Context.
export { W3CTraceContextPropagator, W3CBaggagePropagator, CompositePropagator } from '@opentelemetry/core';
export { ROOT_CONTEXT, context, trace, propagation } from '@opentelemetry/api';
