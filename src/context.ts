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

class ImmutableContext implements Context {
  private readonly _values: ReadonlyMap<symbol, unknown>;

  constructor(values: ReadonlyMap<symbol, unknown>) {
    this._values = values;
  }

  getValue(key: symbol): unknown {
    return this._values.get(key);
  }

  setValue(key: symbol, value: unknown): Context {
    const values = new Map(this._values);
    values.set(key, value);
    return new ImmutableContext(values);
  }

  deleteValue(key: symbol): Context {
    if (!this._values.has(key)) return this;
    const values = new Map(this._values);
    values.delete(key);
    return new ImmutableContext(values);
  }
}

/** The empty context every other context derives from. */
export const ROOT_CONTEXT: Context = new ImmutableContext(new Map());
