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

/** Chains longer than this are copied into one Map, so a lookup never walks far. */
const MAX_DEPTH = 8;

/**
 * Each `setValue` adds one small node over its parent: no copy, so the few values a
 * request adds cost one allocation each. A lookup walks up the chain to the nearest node
 * with the key, or to a node holding a Map of everything below it (the root has an empty one).
 */
class ImmutableContext implements Context {
  private readonly _p: ImmutableContext | undefined;
  private readonly _k: symbol | undefined;
  private readonly _v: unknown;
  private readonly _d: number;
  private readonly _m: ReadonlyMap<symbol, unknown> | undefined;

  constructor(parent: ImmutableContext | undefined, key: symbol | undefined, value: unknown, depth: number, map?: ReadonlyMap<symbol, unknown>) {
    this._p = parent;
    this._k = key;
    this._v = value;
    this._d = depth;
    this._m = map;
  }

  getValue(key: symbol): unknown {
    for (let node: ImmutableContext | undefined = this; node; node = node._p) {
      if (node._m) return node._m.get(key);
      if (node._k === key) return node._v;
    }
    return undefined;
  }

  setValue(key: symbol, value: unknown): Context {
    if (this._d < MAX_DEPTH) return new ImmutableContext(this, key, value, this._d + 1);
    const nodes: ImmutableContext[] = [];
    let node: ImmutableContext = this;
    for (; !node._m; node = node._p!) nodes.push(node);
    const map = new Map(node._m);
    for (let i = nodes.length - 1; i >= 0; i--) map.set(nodes[i]._k!, nodes[i]._v);
    return new ImmutableContext(undefined, undefined, undefined, 0, map.set(key, value));
  }

  deleteValue(key: symbol): Context {
    // A deleted key reads as undefined, like one never set.
    return this.getValue(key) === undefined ? this : this.setValue(key, undefined);
  }
}

/** The empty context every other context derives from. */
export const ROOT_CONTEXT: Context = /* @__PURE__ */ new ImmutableContext(undefined, undefined, undefined, 0, new Map());
