/**
 * Propagators move a `Context` in and out of a carrier: the headers of a request, a
 * message's attributes, anything with string keys and values. Same shapes as
 * OpenTelemetry JS: `inject(context, carrier, setter)`, `extract(context, carrier, getter)`,
 * `fields()`.
 *
 * Carriers are adapted by a getter and a setter. The defaults understand:
 * - plain objects, with case-insensitive lookup and `string[]` values (Node's
 *   `IncomingHttpHeaders`, `OutgoingHttpHeaders`, JSON header maps);
 * - anything with `get`/`set` methods, Fetch `Headers` included;
 * - `Map`, with case-insensitive lookup.
 * Header names are written in lower case (TC-1, BG-1).
 */
import type { Context } from './context.js';

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

const hasOwn = Object.prototype.hasOwnProperty;

type Carrier = Record<string, unknown> & Partial<{ get(key: string): unknown; set(key: string, value: string): unknown; keys(): Iterable<unknown> }>;

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
  for (const [k, v] of map ? carrier : Object.entries(carrier)) if (typeof k === 'string' && k.length === key.length && k.toLowerCase() === key) found.push(v);
  return found.length > 1 ? found.flat() : found[0];
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
    const iterable = carrier instanceof Map || (typeof carrier.get === 'function' && typeof carrier.keys === 'function');
    return (iterable ? [...(carrier.keys as () => Iterable<unknown>)()] : Object.keys(carrier)).filter((k): k is string => typeof k === 'string');
  },
  get(carrier: unknown, key: string): undefined | string | string[] {
    return asHeaderValue(lookup(carrier, key));
  },
};

export const defaultTextMapSetter: TextMapSetter<unknown> = {
  set(carrier: unknown, key: string, value: string): void {
    if (!isObject(carrier)) return;
    if (typeof carrier.set === 'function') carrier.set(key, value);
    // A `__proto__` key would replace the carrier's prototype by assignment.
    else if (key === '__proto__') Object.defineProperty(carrier, key, { value, enumerable: true, writable: true, configurable: true });
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

/** Runs several propagators as one: inject and extract in the order given. */
export class CompositePropagator<Carrier = unknown> implements TextMapPropagator<Carrier> {
  private readonly _p: readonly TextMapPropagator<Carrier>[];

  constructor(config: { propagators?: readonly TextMapPropagator<Carrier>[] } = {}) {
    this._p = config.propagators ?? [];
  }

  inject(context: Context, carrier: Carrier, setter?: TextMapSetter<Carrier>): void {
    for (const propagator of this._p) propagator.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: Carrier, getter?: TextMapGetter<Carrier>): Context {
    return this._p.reduce((result, propagator) => propagator.extract(result, carrier, getter), context);
  }

  /** Every propagator's fields, each once. */
  fields(): string[] {
    return [...new Set(this._p.flatMap((p) => p.fields?.() ?? []))];
  }
}
