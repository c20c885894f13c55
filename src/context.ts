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
  private readonly _parent: ImmutableContext | undefined;
  private readonly _key: symbol | undefined;
  private readonly _value: unknown;
  private readonly _depth: number;
  private readonly _map: ReadonlyMap<symbol, unknown> | undefined;

  constructor(parent: ImmutableContext | undefined, key: symbol | undefined, value: unknown, depth: number, map?: ReadonlyMap<symbol, unknown>) {
    this._parent = parent;
    this._key = key;
    this._value = value;
    this._depth = depth;
    this._map = map;
  }

  getValue(key: symbol): unknown {
    for (let node: ImmutableContext | undefined = this; node; node = node._parent) {
      if (node._map) return node._map.get(key);
      if (node._key === key) return node._value;
    }
    return undefined;
  }

  setValue(key: symbol, value: unknown): Context {
    if (this._depth < MAX_DEPTH) return new ImmutableContext(this, key, value, this._depth + 1);
    const nodes: ImmutableContext[] = [];
    let node: ImmutableContext = this;
    for (; !node._map; node = node._parent!) nodes.push(node);
    const map = new Map(node._map);
    for (let i = nodes.length - 1; i >= 0; i--) map.set(nodes[i]._key!, nodes[i]._value);
    return new ImmutableContext(undefined, undefined, undefined, 0, map.set(key, value));
  }

  deleteValue(key: symbol): Context {
    // A deleted key reads as undefined, like one never set.
    return this.getValue(key) === undefined ? this : this.setValue(key, undefined);
  }
}

/** The empty context every other context derives from. */
export const ROOT_CONTEXT: Context = /* @__PURE__ */ new ImmutableContext(undefined, undefined, undefined, 0, new Map());
