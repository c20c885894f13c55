// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The default carrier getter and setter. They understand:
 * - plain objects, with case-insensitive lookup and `string[]` values (Node's
 *   `IncomingHttpHeaders`, `OutgoingHttpHeaders`, JSON header maps);
 * - anything with `get`/`set` methods, Fetch `Headers` included;
 * - `Map`, with case-insensitive lookup.
 * Header names are written in lower case (TC-1, BG-1).
 */
import type { TextMapGetter, TextMapSetter } from './propagator.js';

const hasOwn = Object.prototype.hasOwnProperty;

type Carrier = Record<string, unknown> &
  Partial<{ get(key: string): unknown; set(key: string, value: string): unknown; keys(): Iterable<unknown> }>;

function isObject(carrier: unknown): carrier is Carrier {
  return carrier !== null && typeof carrier === 'object';
}

function lookup(carrier: unknown, key: string): unknown {
  if (!isObject(carrier)) return undefined;
  const map = carrier instanceof Map;
  if (!map && typeof carrier.get === 'function') return carrier.get(key);
  // Own properties only: an inherited `constructor` or polluted prototype is not a header.
  if (map ? carrier.has(key) : hasOwn.call(carrier, key)) return map ? carrier.get(key) : carrier[key];
  // Then every key equal to `key` but for case; several are one list.
  const found: unknown[] = [];
  for (const [k, v] of map ? carrier : Object.entries(carrier))
    if (typeof k === 'string' && k.length === key.length && k.toLowerCase() === key) found.push(v);
  return found.length < 2 ? found[0] : ([] as unknown[]).concat(...found);
}

/** Keeps strings and arrays of strings; anything else reads as absent. */
function asHeaderValue(value: unknown): undefined | string | string[] {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length === 1 ? value[0] : value;
  return undefined;
}

export const defaultTextMapGetter: TextMapGetter<unknown> = {
  keys(carrier: unknown): string[] {
    if (!isObject(carrier)) return [];
    const iterable =
      carrier instanceof Map || (typeof carrier.get === 'function' && typeof carrier.keys === 'function');
    return (iterable ? [...(carrier.keys as () => Iterable<unknown>)()] : Object.keys(carrier)).filter(
      (k): k is string => typeof k === 'string',
    );
  },
  get(carrier: unknown, key: string): undefined | string | string[] {
    // Hot path of every extract: rerun `npm run bench -- --filter extract` after editing.
    return asHeaderValue(lookup(carrier, key));
  },
};

export const defaultTextMapSetter: TextMapSetter<unknown> = {
  set(carrier: unknown, key: string, value: string): void {
    if (!isObject(carrier)) return;
    if (typeof carrier.set === 'function') carrier.set(key, value);
    // A `__proto__` key would replace the carrier's prototype by assignment.
    else if (key === '__proto__')
      Object.defineProperty(carrier, key, { value, enumerable: true, writable: true, configurable: true });
    else carrier[key] = value;
  },
};

/**
 * Reads one header through a getter that may be hostile: a throwing getter, or one that
 * returns something other than strings, reads as absent.
 */
export function readHeader<C>(getter: TextMapGetter<C>, carrier: C, key: string): undefined | string | string[] {
  try {
    return asHeaderValue(getter.get(carrier, key));
  } catch {
    return undefined;
  }
}
