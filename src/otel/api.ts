// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The part of `@opentelemetry/api` the bridge uses, declared here as structural types so that
 * this package neither depends on it nor imports it: the user passes their own module in
 * (`import * as api from '@opentelemetry/api'`), and these `.d.ts` files compile without it
 * installed. Method syntax throughout: the real module's stricter types (the branded
 * `BaggageEntryMetadata`) stay assignable.
 */
import type { Context } from '../context/context.js';

/** OpenTelemetry's `TraceState` interface (the same four methods as this library's). */
export interface OtelTraceStateLike {
  get(key: string): string | undefined;
  set(key: string, value: string): OtelTraceStateLike;
  unset(key: string): OtelTraceStateLike;
  serialize(): string;
}

/** OpenTelemetry's `SpanContext`. */
export interface OtelSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
  traceState?: OtelTraceStateLike;
}

/** OpenTelemetry's `BaggageEntryMetadata`: an opaque string (the properties, as the header writes them). */
export interface OtelBaggageEntryMetadata {
  toString(): string;
}

export interface OtelBaggageEntry {
  value: string;
  metadata?: OtelBaggageEntryMetadata;
}

/** OpenTelemetry's `Baggage`: one entry per key. */
export interface OtelBaggage {
  getEntry(key: string): OtelBaggageEntry | undefined;
  getAllEntries(): [string, OtelBaggageEntry][];
  setEntry(key: string, entry: OtelBaggageEntry): OtelBaggage;
  removeEntry(key: string): OtelBaggage;
  removeEntries(...keys: string[]): OtelBaggage;
  clear(): OtelBaggage;
}

/** The names the bridge reads from the `@opentelemetry/api` module it is given. */
export interface OtelApi {
  trace: {
    getSpanContext(context: Context): OtelSpanContext | undefined;
    setSpanContext(context: Context, spanContext: OtelSpanContext): Context;
  };
  propagation: {
    getBaggage(context: Context): OtelBaggage | undefined;
    setBaggage(context: Context, baggage: OtelBaggage): Context;
    createBaggage(entries?: Record<string, OtelBaggageEntry>): OtelBaggage;
  };
  baggageEntryMetadataFromString(value: string): OtelBaggageEntryMetadata;
  createContextKey(description: string): symbol;
  /** Where the bridge reports ignored programmer errors (an invalid `TraceState.set`); optional. */
  diag?: { warn(message: string, ...args: unknown[]): void };
}

/**
 * The context key of `@opentelemetry/core`'s `suppressTracing(ctx)`, which is not in the api
 * package. `createContextKey` is `Symbol.for(description)`, so the same description reads the
 * same key without importing core.
 */
export const SUPPRESS_TRACING_KEY_DESCRIPTION = 'OpenTelemetry SDK Context Key SUPPRESS_TRACING';
