// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * How the request path allocates lists and plain objects: never with a literal (internal).
 *
 * V8 gives every array and object literal (`[]`, `{ value }`) an allocation site, shared by
 * every caller of the function that holds it. When, at a scavenge, 85 % of a site's recent
 * objects are still alive, V8 tenures the site: from then on its objects are allocated straight
 * into the old generation, for every caller. One caller that keeps what it gets (a server with
 * requests in flight keeps each request's context) is enough; after that every parse that is
 * dropped at once leaves garbage for a full mark-compact, and every young string it points to
 * is copied and promoted by each scavenge (bench/PERFORMANCE.md, "The warm-order cliff").
 *
 * `slice()` of an empty array and `new Object()` make the same values with no site, so no
 * caller can tenure them, and calling them from these helpers adds none: there is no shared
 * site to be tenured. Fields set one by one in a fixed order give every object the same hidden
 * class. spec-tests/performance-rules/ fails when a site of the extract path gets tenured.
 */

/** @internal The one empty list, never written to; `emptyList()` copies it. */
export const NO_ITEMS: readonly never[] = [];

/** @internal A new empty array, without an allocation site. */
export function emptyList<T>(): T[] {
  return NO_ITEMS.slice();
}

/** @internal A new plain object (`{}`), without an allocation site: set its fields in one order. */
export function blankObject<T extends object>(): T {
  return new Object() as T;
}
