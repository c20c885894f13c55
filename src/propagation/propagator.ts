// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * Propagators move a `Context` in and out of a carrier: the headers of a request, a
 * message's attributes, anything with string keys and values. Same shapes as
 * OpenTelemetry JS: `inject(context, carrier, setter)`, `extract(context, carrier, getter)`,
 * `fields()`. Carriers are adapted by a getter and a setter (`carriers.ts` has the defaults).
 *
 * A `context` that is not a Context (missing, `null`, a carrier passed first) is a programmer
 * error, not wire input: `inject` and `extract` throw the TypeError of `checkContext`, whatever
 * the carrier holds. Hostile carriers and getters, by contrast, never make them throw.
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
  /** Writes the context's fields into the carrier; a `context` that is not a Context is a TypeError. */
  inject(context: Context, carrier: Carrier, setter?: TextMapSetter<Carrier>): void;
  /** The context with the carrier's fields; a `context` that is not a Context is a TypeError. */
  extract(context: Context, carrier: Carrier, getter?: TextMapGetter<Carrier>): Context;
  /** The header names this propagator reads and writes. */
  fields(): string[];
}

/**
 * @internal Throws a TypeError naming the argument unless `context` looks like a Context (has
 * `getValue`): one typeof check on the hot path, the message written once for every propagator.
 */
export function checkContext(context: unknown, method: 'inject' | 'extract'): void {
  if (typeof (context as Context | undefined)?.getValue !== 'function') {
    throw new TypeError(
      `${method}(context, carrier): context must be a Context (ROOT_CONTEXT or context.active()), ` +
        `got ${typeof context}`,
    );
  }
}
