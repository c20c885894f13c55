// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The `tracestate` header (W3C Trace Context, TC-18 .. TC-33).
 *
 *   rojo=00f067aa0ba902b7, congo=t61rcWkgMzE,,vendor@tenant= spaced value
 *   ^^^^ ^^^^^^^^^^^^^^^^  key: a-z 0-9 first, then a-z 0-9 _ - * / @ (1-256 chars)
 *                          value: 0x20-0x7e but ',' '=', no trailing space (1-256 chars)
 *   Empty members are skipped; at most 32 members; OWS (spaces, tabs) around members.
 *   Input over 32,768 chars (all fields joined) is discarded unread: `{ maxLength }` moves the cap.
 *
 * `TraceState` is immutable: `set` and `unset` return a new value. The most recently
 * set member is the left-most one. `serialize()` sends a received tracestate whole, whatever
 * its length (TC-33), and cuts one this service changed to 512 chars (TC-29, TC-30).
 *
 *   const ts = parseTraceState(header) ?? new TraceState();   // undefined when invalid
 *   carrier.tracestate = ts.set('mine', 'x').serialize();
 */
import { emptyList, NO_ITEMS } from '../internal/alloc.js';
import { INSPECT, type Inspect } from '../internal/print.js';

/** At most 32 list members (TC-21, TC-28). */
export const TRACESTATE_MAX_MEMBERS = 32;
/** A key is 1 to 256 chars (TC-22). */
export const TRACESTATE_MAX_KEY_LENGTH = 256;
/** A value is 1 to 256 chars (TC-23). */
export const TRACESTATE_MAX_VALUE_LENGTH = 256;
/** What every participant propagates at least, and the length `serialize` cuts a changed tracestate to (TC-29). */
export const TRACESTATE_MAX_LENGTH = 512;
/** Members longer than this are the first to go when truncating (TC-30). */
export const TRACESTATE_LONG_MEMBER = 128;
/**
 * Default cap on the input read by `parseTraceState` / `inspectTraceState` (all fields joined,
 * TC-20): longer input is discarded before it is scanned, so a hostile header costs at most this
 * much work (spec section 7). The longest valid header without OWS or empty members is
 * 32 x (256 + 1 + 256) + 31 commas = 16,447 chars; 32 KiB, about twice that, leaves room for
 * any honest OWS, while real headers are far shorter (senders truncate to 512, TC-29).
 */
export const TRACESTATE_MAX_INPUT_LENGTH = 32_768;

/** Options of `parseTraceState` and `inspectTraceState`. */
export interface TraceStateParseOptions {
  /**
   * Longest input read, in chars of all fields joined by ','; longer input is discarded whole
   * without being scanned. Default `TRACESTATE_MAX_INPUT_LENGTH`; never below 512 (TC-29);
   * `Infinity` lifts the cap.
   */
  maxLength?: number | undefined;
}

/** @internal */
export function inputCap(options: TraceStateParseOptions | undefined): number {
  const max = options?.maxLength ?? TRACESTATE_MAX_INPUT_LENGTH;
  // Never below what every participant must propagate (TC-29); NaN counts as below.
  return max >= TRACESTATE_MAX_LENGTH ? max : TRACESTATE_MAX_LENGTH;
}

/** @internal Length of the fields joined by ',' (TC-20), or -1 when one is not a string. */
export function joinedLength(values: readonly unknown[]): number {
  let length = values.length - 1;
  for (const v of values) {
    if (typeof v !== 'string') return -1;
    length += v.length;
  }
  return length < 0 ? 0 : length;
}

/** @internal A list member's key and value (TC-22, TC-23), as regex source. */
export const KEY = '[a-z\\d][a-z\\d_*/@-]{0,255}';
/** @internal */
export const VALUE = '[ -+\\--<>-~]{0,255}[!-+\\--<>-~]';
/**
 * One list member from `lastIndex` with its comma, OWS around it (TC-22, TC-23); or OWS
 * alone, an empty member (TC-25). Bounded repeats and disjoint classes: each match is
 * linear in the member.
 */
const MEMBER = /* @__PURE__ */ new RegExp(`[ \\t]*(?:(${KEY})=(${VALUE})[ \\t]*)?(?:,|$)`, 'y');
/** @internal */
export const IS_KEY = /* @__PURE__ */ new RegExp(`^${KEY}$`);
/** @internal */
export const IS_VALUE = /* @__PURE__ */ new RegExp(`^${VALUE}$`);

/**
 * @internal The members of a read tracestate, and its header text once built. A class, and
 * lists from `emptyList()`, not literals: see src/internal/alloc.ts.
 */
class Members {
  // Named as Baggage's fields are (keys `_k`, values `_e`): the two classes read alike.
  readonly _k: readonly string[];
  readonly _e: readonly string[];
  _t: string | undefined;

  constructor(keys: readonly string[], values: readonly string[], text: string | undefined) {
    this._k = keys;
    this._e = values;
    this._t = text;
  }
}

const NONE = /* @__PURE__ */ new Members(NO_ITEMS, NO_ITEMS, '');

/**
 * An immutable, ordered tracestate. Method names match OpenTelemetry's `TraceState`.
 * A tracestate made from a header reads it on first use: most services only forward it.
 *
 * Its two fields, `_s` and `_o`, say which of four states it is in:
 *
 *   _s                     _o                 it is
 *   header values          parse options      received (extract, `new TraceState(header)`), unread
 *   canonical header text  TEXT_IS_CANONICAL  received, unread, known valid: sent as it is
 *   Members                anything else      received and read (`parseTraceState` too), or empty
 *   Members                CHANGED            made by `set` / `unset`: this service changed it
 *
 * A received one is sent whole (TC-33); only a changed one is cut to 512 chars (TC-29, TC-30).
 */
export class TraceState implements Iterable<[string, string]> {
  /**
   * @internal The header values until first read, then the members. Two fields in all: a
   * server keeps one per request in flight.
   */ declare _s: string | readonly string[] | Members;
  /** @internal */ declare _o: TraceStateParseOptions | undefined;

  /**
   * An empty tracestate, or one read from header values on first use. An invalid header
   * reads as an empty tracestate, discarded whole as `parseTraceState` would (TC-26); use
   * `parseTraceState` to tell the difference.
   */
  constructor(header?: string | readonly string[], options?: TraceStateParseOptions) {
    this._s = header ?? NONE;
    this._o = options;
  }

  /** @internal The members, the header read once. */
  _read(): Members {
    const s = this._s;
    return s instanceof Members ? s : (this._s = (parseTraceState(s, this._o)?._s as Members | undefined) ?? NONE);
  }

  /** Number of members. */
  get size(): number {
    return this._read()._k.length;
  }

  /** The value of the member with this key. */
  get(key: string): string | undefined {
    const { _k: k, _e: v } = this._read();
    const i = k.indexOf(key);
    return i < 0 ? undefined : v[i];
  }

  /**
   * A tracestate with `key=value` as its left-most member and no other member with that
   * key (TC-27, TC-28); over 32 members, the right-most is dropped. Throws a TypeError for
   * a key or value outside the grammar (TC-22, TC-23): this never builds an invalid header.
   */
  set(key: string, value: string): TraceState {
    if (typeof key !== 'string' || typeof value !== 'string' || !IS_KEY.test(key) || !IS_VALUE.test(value)) {
      throw new TypeError(
        `TraceState.set(${JSON.stringify(key)}, ${JSON.stringify(value)}): key: 1-256 chars a-z 0-9 _-*/@, ` +
          'a-z or 0-9 first (TC-22); value: 1-256 printable ASCII chars but , and =, no trailing space (TC-23)',
      );
    }
    // The others without this key (the same tracestate, its header kept, when the key is new).
    const { _k: k, _e: v, _t: t } = this.unset(key)._read();
    const keys = [key, ...k].slice(0, TRACESTATE_MAX_MEMBERS);
    // A new key in front of all the others: the header is the new member before the old one.
    return makeTraceState(
      keys,
      [value, ...v].slice(0, TRACESTATE_MAX_MEMBERS),
      keys.length > k.length && t !== undefined ? key + '=' + value + (t && ',' + t) : undefined,
    );
  }

  /** A tracestate without the member with this key; the others keep their order. */
  unset(key: string): TraceState {
    const { _k: k, _e: v } = this._read();
    const i = k.indexOf(key);
    return i < 0
      ? this
      : makeTraceState(
          k.filter((_, j) => j !== i),
          v.filter((_, j) => j !== i),
        );
  }

  /**
   * The header value, members joined by `,`. When longer than `maxLength`, whole members are
   * removed: first members over 128 chars, right-most first, then members from the right,
   * until it fits (TC-30). By default what a propagator sends: a received tracestate whole,
   * whatever its length, as a pass-through must (TC-33; 512 is a floor, TC-29), and one made
   * by `set` / `unset` cut to 512 chars.
   */
  serialize(maxLength: number = this._o === CHANGED ? TRACESTATE_MAX_LENGTH : Infinity): string {
    // An unread header stays unread: only its text is kept, marked canonical, so a tracestate
    // that is only forwarded keeps no members (most are) and the next serialize is free.
    let s = this._s;
    if (s instanceof Members) return serializeMembers(s, maxLength);
    if (this._o !== TEXT_IS_CANONICAL) {
      const read = parseTraceState(s as string | readonly string[], this._o);
      s = this._s = read ? serializeMembers(read._s as Members, Infinity) : NONE;
      this._o = TEXT_IS_CANONICAL;
    }
    return typeof s === 'string' && s.length <= maxLength ? s : serializeMembers(this._read(), maxLength);
  }

  /** Members in order, as `[key, value]`. */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    const { _k: k, _e: v } = this._read();
    return k.map((key, i): [string, string] => [key, v[i]!])[Symbol.iterator]();
  }

  /** Same as `serialize()`, so a tracestate prints as its header. */
  toString(): string {
    return this.serialize(Infinity);
  }

  /** What `JSON.stringify` writes: the members in order, as `{ key, value }`. */
  toJSON(): { key: string; value: string }[] {
    const { _k: k, _e: v } = this._read();
    return k.map((key, i) => ({ key, value: v[i]! }));
  }

  /** How Node's `util.inspect` and `console.log` show it: `TraceState(2) [ { key: 'rojo', value: '00f0…' }, … ]`. */
  [INSPECT](_depth: number, options: unknown, inspect?: Inspect): unknown {
    const members = this.toJSON();
    return inspect ? `TraceState(${members.length}) ` + inspect(members, options) : members;
  }
}

/** The header of read members, truncated to `maxLength` by whole members (TC-29, TC-30). */
function serializeMembers(members: Members, maxLength: number): string {
  const { _k: k, _e: v } = members;
  // Built once: a tracestate is often sent on several outgoing requests.
  const text = (members._t ??= k.map((key, i) => key + '=' + v[i]).join(','));
  if (text.length <= maxLength) return text;
  const parts = k.map((key, i) => key + '=' + v[i]);
  let length = text.length;
  for (const over of [TRACESTATE_LONG_MEMBER, 0]) {
    for (let i = parts.length; i-- > 0 && length > maxLength; ) {
      if (parts[i]!.length > over) {
        length -= parts[i]!.length + 1;
        parts[i] = '';
      }
    }
  }
  return parts.filter(Boolean).join(',');
}

/**
 * The options of an unread header known to be canonical and valid (any cap reads it), and the
 * mark of received members: both are sent whole (TC-33).
 */
const TEXT_IS_CANONICAL: TraceStateParseOptions = { maxLength: Infinity };
/** The mark of members this service changed (`set`, `unset`): sent cut to 512 chars (TC-30). */
const CHANGED: TraceStateParseOptions = {};

/** A tracestate of these members, with its header when known: changed unless marked otherwise. */
function makeTraceState(keys: readonly string[], values: readonly string[], text?: string, mark = CHANGED): TraceState {
  const ts = new TraceState();
  ts._s = new Members(keys, values, text);
  ts._o = mark;
  return ts;
}

/**
 * Parses one or more tracestate header values (several are combined in order, TC-20).
 * Returns undefined when any member is invalid or there are more than 32 members (TC-21,
 * TC-26): the whole tracestate is discarded. A key that appears again is not invalid: the
 * left-most occurrence is kept and the later ones dropped (TC-28). Empty members and an empty header are fine (TC-25).
 * Input longer than `options.maxLength` (default 32,768) is discarded before it is read.
 * Linear in the input, never throws.
 */
export function parseTraceState(
  value: string | readonly string[],
  options?: TraceStateParseOptions,
): TraceState | undefined {
  // Hot path: rerun `npm run bench -- --filter tracestate` after editing (bench/PERFORMANCE.md).
  const length = typeof value === 'string' ? value.length : Array.isArray(value) ? joinedLength(value) : -1;
  // Checked before joining: no huge copy.
  if (length < 0 || length > inputCap(options)) return undefined;
  const s = typeof value === 'string' ? value : value.join(',');
  const keys = emptyList<string>(); // not `[]`: see src/internal/alloc.ts
  const values = emptyList<string>();
  let members = 0; // non-empty members read, repeated keys included (TC-21 counts the input)
  let canonical = -1; // the length of the kept members joined by ',' without OWS or empty members
  // Each match moves on by at least one char (only at the end can it be empty).
  MEMBER.lastIndex = 0;
  for (let m; MEMBER.lastIndex < s.length; ) {
    if (!(m = MEMBER.exec(s))) return undefined;
    const [, key, v] = m;
    if (key === undefined) continue;
    if (members++ === TRACESTATE_MAX_MEMBERS) return undefined;
    // A repeated key is the sender's fault, not an invalid member (TC-28): the left-most is
    // kept, later ones dropped, the rest kept. indexOf over at most 31 earlier keys: linear.
    if (keys.indexOf(key) >= 0) continue;
    keys.push(key);
    values.push(v!);
    canonical += key.length + v!.length + 2;
  }
  // Every char is a member or one comma between two: the input is its own serialization.
  // Received: sent whole (TC-33). Any mark but CHANGED says so.
  return makeTraceState(keys, values, canonical === s.length ? s : undefined, TEXT_IS_CANONICAL);
}
