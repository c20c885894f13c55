/**
 * Context: an immutable map from symbol keys to values that flows with a request.
 * Same shape as OpenTelemetry's `Context`, so values can cross between the two.
 *
 *   const KEY = createContextKey('my value');
 *   const ctx = ROOT_CONTEXT.setValue(KEY, 42);   // ROOT_CONTEXT is unchanged
 *   ctx.getValue(KEY);                             // 42
 */

export interface Context {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): Context;
  deleteValue(key: symbol): Context;
}

/**
 * A key for `Context` values. `Symbol.for` so that two copies of this library in one
 * process (say one vendored in an SDK, one in the app) see each other's values.
 */
export function createContextKey(description: string): symbol {
  return Symbol.for(description);
}

type Values = Record<symbol, unknown>;

/** Chains deeper than this are copied flat, so a lookup never walks far. */
const MAX_DEPTH = 16;

/**
 * Each `setValue` adds one small object whose prototype is its parent's: no copy, so the few
 * values a request adds cost one allocation each, and a lookup follows a short chain.
 */
class ImmutableContext implements Context {
  private readonly _values: Values;
  private readonly _depth: number;

  constructor(values: Values, depth: number) {
    this._values = values;
    this._depth = depth;
  }

  getValue(key: symbol): unknown {
    return this._values[key];
  }

  setValue(key: symbol, value: unknown): Context {
    const deep = this._depth >= MAX_DEPTH;
    const values: Values = Object.create(deep ? null : this._values);
    // Nearest first: a key set again further down keeps its newest value.
    for (let o = this._values; deep && o !== null; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertySymbols(o)) if (!(k in values)) values[k] = o[k];
    }
    values[key] = value;
    return new ImmutableContext(values, deep ? 0 : this._depth + 1);
  }

  deleteValue(key: symbol): Context {
    // A deleted key reads as undefined, like one never set.
    return this._values[key] === undefined ? this : this.setValue(key, undefined);
  }
}

/** The empty context every other context derives from. */
export const ROOT_CONTEXT: Context = /* @__PURE__ */ new ImmutableContext(Object.create(null), 0);
