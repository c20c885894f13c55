// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
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
 * A node holds up to two values over its parent. `setValue` on a node with one value makes
 * a node with both over the same parent, so the node it came from is not kept: a request
 * that adds its span and its baggage keeps one small object, not two. A lookup walks up to
 * the nearest node with the key, or to the bottom of the chain, a node without a parent
 * whose value is a Map of everything below it (the root's is empty). One class, five fields
 * in one order: every lookup sees one shape.
 */
class ContextNode implements Context {
  private readonly _p: ContextNode | undefined;
  private readonly _k: symbol | undefined;
  private readonly _v: unknown;
  private readonly _k2: symbol | undefined;
  private readonly _v2: unknown;

  constructor(
    parent: ContextNode | undefined,
    key: symbol | undefined,
    value: unknown,
    key2?: symbol,
    value2?: unknown,
  ) {
    this._p = parent;
    this._k = key;
    this._v = value;
    this._k2 = key2;
    this._v2 = value2;
  }

  getValue(key: symbol): unknown {
    let node: ContextNode = this;
    for (; node._p; node = node._p) {
      if (node._k2 === key) return node._v2;
      if (node._k === key) return node._v;
    }
    return (node._v as Map<symbol, unknown>).get(key);
  }

  setValue(key: symbol, value: unknown): Context {
    const { _p, _k, _v, _k2, _v2 } = this;
    if (_p && _k === key) return new ContextNode(_p, key, value, _k2, _v2);
    if (_p && (_k2 === undefined || _k2 === key)) return new ContextNode(_p, _k, _v, key, value);
    const nodes: ContextNode[] = [];
    let node: ContextNode = this;
    for (; node._p; node = node._p) nodes.push(node);
    if (nodes.length < MAX_DEPTH) return new ContextNode(this, key, value);
    // Too deep: everything from the bottom up, nearest node last, in one new Map.
    const map = new Map(node._v as Map<symbol, unknown>);
    for (const n of nodes.reverse()) {
      map.set(n._k!, n._v);
      if (n._k2) map.set(n._k2, n._v2);
    }
    return new ContextNode(undefined, undefined, map.set(key, value));
  }

  deleteValue(key: symbol): Context {
    // A deleted key reads as undefined, like one never set.
    return this.getValue(key) === undefined ? this : this.setValue(key, undefined);
  }
}

/** The empty context every other context derives from. */
export const ROOT_CONTEXT: Context = /* @__PURE__ */ new ContextNode(undefined, undefined, new Map());
