// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * How `TraceState` and `Baggage` print in Node's `util.inspect`: internal, but not tagged so,
 * since their declarations name both (stripInternal would drop them from this .d.ts).
 */

/** The key Node's `util.inspect` (and Bun's, Deno's Node layer) looks a custom printer up by. */
export const INSPECT: unique symbol = /* @__PURE__ */ Symbol.for('nodejs.util.inspect.custom') as never;

/** The printer `util.inspect` passes to `[INSPECT]`, as `inspect(value, options)`. */
export type Inspect = (value: unknown, options: unknown) => string;
