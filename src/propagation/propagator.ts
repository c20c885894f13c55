/**
 * Propagators move a `Context` in and out of a carrier: the headers of a request, a
 * message's attributes, anything with string keys and values. Same shapes as
 * OpenTelemetry JS: `inject(context, carrier, setter)`, `extract(context, carrier, getter)`,
 * `fields()`. Carriers are adapted by a getter and a setter (`carriers.ts` has the defaults).
 */
import type { Context } from '../context/context.js';

export interface TextMapGetter<Carrier = unknown> {
  /** Every key in the carrier. */
  keys(carrier: Carrier): string[];
  /** The value(s) of a key; `key` is lower case, the lookup case-insensitive. */
  get(carrier: Carrier, key: string): undefined | string | string[];
}

export interface TextMapSetter<Carrier = unknown> {
  set(carrier: Carrier, key: string, value: string): void;
}

export interface TextMapPropagator<Carrier = unknown> {
  inject(context: Context, carrier: Carrier, setter?: TextMapSetter<Carrier>): void;
  extract(context: Context, carrier: Carrier, getter?: TextMapGetter<Carrier>): Context;
  /** The header names this propagator reads and writes. */
  fields(): string[];
}
