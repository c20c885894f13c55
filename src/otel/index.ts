// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * `w3c-propagation/otel`: this library's W3C propagators as OpenTelemetry JS propagators,
 * working on OpenTelemetry's own Context, span context and baggage.
 *
 *   import * as api from '@opentelemetry/api';
 *   import { createOtelPropagators } from 'w3c-propagation/otel';
 *   api.propagation.setGlobalPropagator(createOtelPropagators(api).composite);
 *
 * `api` is the `@opentelemetry/api` module the application already uses, passed in: this
 * package never imports it, so there is one copy of it and its globals, and this package keeps
 * no dependencies. Runs wherever OpenTelemetry's API does (no runtime-specific import).
 */
import type { BaggageLimits } from '../baggage/baggage.js';
import { CompositePropagator } from '../propagation/composite.js';
import { type TextMapPropagator } from '../propagation/propagator.js';
import type { OtelApi } from './api.js';
import { OtelBaggagePropagator } from './baggage.js';
import { OtelTraceContextPropagator } from './trace-context.js';

export { OtelTraceState } from './trace-state.js';
export { SUPPRESS_TRACING_KEY_DESCRIPTION } from './api.js';
export type {
  OtelApi,
  OtelSpanContext,
  OtelTraceStateLike,
  OtelBaggage,
  OtelBaggageEntry,
  OtelBaggageEntryMetadata,
} from './api.js';
export type { TextMapPropagator, TextMapGetter, TextMapSetter } from '../propagation/propagator.js';
export type { Context } from '../context/context.js';

export interface OtelPropagatorsOptions {
  /**
   * Longest tracestate read on extract (all fields joined); longer is dropped.
   * Default 32,768 (`TRACESTATE_MAX_INPUT_LENGTH`).
   */
  maxTraceStateLength?: number;
  /**
   * Baggage limits for both directions, as `W3CBaggagePropagator` takes them: unset fields keep
   * `DEFAULT_BAGGAGE_LIMITS`; `maxMembers` and `maxTotalBytes` cannot go below the spec's
   * 64 / 8,192 (RangeError, BG-16).
   */
  baggageLimits?: Partial<BaggageLimits>;
}

export interface OtelPropagators {
  /** `traceparent` and `tracestate` (W3C Trace Context). */
  traceContext: TextMapPropagator;
  /** `baggage` (W3C Baggage). */
  baggage: TextMapPropagator;
  /** Both: trace context, then baggage. What `propagation.setGlobalPropagator` usually gets. */
  composite: TextMapPropagator;
}

/** This library's W3C propagators for the given `@opentelemetry/api` module. */
export function createOtelPropagators(api: OtelApi, options: OtelPropagatorsOptions = {}): OtelPropagators {
  const fns = [
    api?.trace?.getSpanContext,
    api?.trace?.setSpanContext,
    api?.propagation?.getBaggage,
    api?.propagation?.setBaggage,
    api?.propagation?.createBaggage,
    api?.baggageEntryMetadataFromString,
    api?.createContextKey,
  ];
  if (fns.some((f) => typeof f !== 'function')) {
    throw new TypeError(
      'createOtelPropagators(api): api must be the @opentelemetry/api module namespace (import * as api), ' +
        'with trace, propagation, baggageEntryMetadataFromString and createContextKey',
    );
  }
  const traceContext = new OtelTraceContextPropagator(api, { maxTraceStateLength: options.maxTraceStateLength });
  const baggage = new OtelBaggagePropagator(api, options.baggageLimits);
  return { traceContext, baggage, composite: new CompositePropagator({ propagators: [traceContext, baggage] }) };
}
