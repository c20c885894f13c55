// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The W3C `baggage` header and its value (BG-1 .. BG-23).
 *
 *   userId=alice, tier = gold ; ttl=30 ; beta , note=caf%C3%A9
 *   ^^^^^^ ^^^^^  key: an RFC 7230 token, never percent-decoded
 *                 value: baggage-octets, percent-decoded as UTF-8; may contain '='
 *                 properties: ';key' or ';key=value', kept in order
 *
 * `Baggage` is immutable and keeps members in order, duplicates included. `getEntry`
 * returns the first member with a key; `setEntry` replaces the first in place and
 * removes the later ones; `removeEntry` removes them all.
 */
import { blankObject, emptyList, NO_ITEMS } from '../internal/alloc.js';
import { INSPECT, type Inspect } from '../internal/print.js';
import { isToken, skipOws, TOKEN } from '../internal/chars.js';
import { decodePercent, encodeBaggageValue, URI_UNRESERVED_CHAR } from './percent.js';

export interface BaggageProperty {
  readonly key: string;
  readonly value?: string;
}

export interface BaggageEntry {
  readonly value: string;
  readonly properties?: readonly BaggageProperty[];
}

/** A member as it appears in the header: an entry with its key. */
export interface BaggageMember extends BaggageEntry {
  readonly key: string;
}

export interface BaggageLimits {
  /** Members kept; the spec asks for at least 64 (BG-16). */
  readonly maxMembers: number;
  /** Bytes of one member (key, value and properties, encoded). */
  readonly maxMemberBytes: number;
  /** Bytes of the whole header, commas included; the spec asks for at least 8192 (BG-16). */
  readonly maxTotalBytes: number;
}

/**
 * 180 members as OpenTelemetry SDKs keep, 8,192 bytes in all; a single member may take all
 * 8,192 (BG-16: every member of a header within 64 members and 8,192 bytes is propagated, so
 * the 4,096-byte member cap of an older draft, still in OpenTelemetry SDKs, would break it).
 */
export const DEFAULT_BAGGAGE_LIMITS: BaggageLimits = /* @__PURE__ */ Object.freeze({
  maxMembers: 180,
  maxMemberBytes: 8192,
  maxTotalBytes: 8192,
});

/** @internal The limits to apply: the defaults where `limits` leaves a field unset. */
export function limitsOf(limits?: Partial<BaggageLimits>): BaggageLimits {
  const d = DEFAULT_BAGGAGE_LIMITS;
  return {
    maxMembers: limits?.maxMembers ?? d.maxMembers,
    maxMemberBytes: limits?.maxMemberBytes ?? d.maxMemberBytes,
    maxTotalBytes: limits?.maxTotalBytes ?? d.maxTotalBytes,
  };
}

/**
 *   _k          _e             _l              state
 *   undefined   header text    limits          unread, CANONICAL_BAGGAGE within the limits: sent as it came
 *   null        header text    limits          unread: parsed with `_l` on first read, or for each inject
 *   keys        entries        (not read)      read
 */
export class Baggage implements Iterable<[string, BaggageEntry]> {
  /**
   * @internal Keys in order; while the header in `_e` is unread, undefined when it is canonical
   * and within the limits (every member is kept, and it is sent on as it came), null otherwise.
   */ declare _k: readonly string[] | undefined | null;
  /** @internal Entries in order, or the unread header. */ declare _e: readonly BaggageEntry[] | string;
  /** @internal The limits to read the unread header with. */ declare _l: BaggageLimits | undefined;

  /**
   * The empty baggage: `new Baggage()` is `EMPTY_BAGGAGE`'s equal. Nothing a caller passes
   * here is kept (only this module can fill one in): make one with `createBaggage(entries)`,
   * which checks keys and values, `setEntry`, or `parseBaggage(header)`.
   */
  constructor() {
    // Every Baggage is made here, with the same three fields in one order: one hidden class.
    this._k = NO_ITEMS;
    this._e = NO_ITEMS;
    this._l = undefined;
  }

  /** @internal The members, an unread header read once. */
  _read(): { _k: readonly string[]; _e: readonly BaggageEntry[] } {
    if (this._k == null) {
      const read = parseBaggage(this._e as string, this._l);
      this._k = read._k;
      this._e = read._e;
    }
    return this as { _k: readonly string[]; _e: readonly BaggageEntry[] };
  }

  /** Number of members, duplicates included. */
  get size(): number {
    return this._read()._k.length;
  }

  /** The first member with this key. */
  getEntry(key: string): BaggageEntry | undefined {
    const { _k, _e } = this._read();
    const i = _k.indexOf(key);
    return i < 0 ? undefined : _e[i];
  }

  /** Every member in order, duplicates included. */
  getAllEntries(): [string, BaggageEntry][] {
    const { _k, _e } = this._read();
    return _k.map((key, i) => [key, _e[i]!]);
  }

  /** Every member in order, as `{ key, value, properties? }`. */
  members(): BaggageMember[] {
    const { _k, _e } = this._read();
    return _k.map((key, i) => ({ key, ..._e[i]! }));
  }

  /**
   * A baggage where `key` has this entry: the first member with the key is replaced in
   * place and later duplicates are removed (BG-19, BG-22); a new key goes last. A key or
   * property key that is not a token throws a TypeError (BG-3); values may be any string.
   */
  setEntry(key: string, entry: BaggageEntry | string): Baggage {
    const checked = checkEntry(key, entry);
    const first = this._read()._k.indexOf(key);
    const rest = this.removeEntry(key)._read();
    // Members before the first duplicate keep their index in `rest`.
    const at = first < 0 ? rest._k.length : first;
    const keys = rest._k.slice();
    const entries = rest._e.slice();
    keys.splice(at, 0, key);
    entries.splice(at, 0, checked);
    return makeBaggage(keys, entries);
  }

  /** A baggage without any member with this key. */
  removeEntry(key: string): Baggage {
    return this.removeEntries(key);
  }

  /** A baggage without any member with one of these keys. */
  removeEntries(...keys: string[]): Baggage {
    const { _k, _e } = this._read();
    const kept = _k.filter((key) => !keys.includes(key));
    return kept.length === _k.length
      ? this
      : makeBaggage(
          kept,
          _e.filter((_, i) => !keys.includes(_k[i]!)),
        );
  }

  /** An empty baggage. */
  clear(): Baggage {
    return EMPTY_BAGGAGE;
  }

  [Symbol.iterator](): Iterator<[string, BaggageEntry]> {
    return this.getAllEntries()[Symbol.iterator]();
  }

  /** The header value, as `formatBaggage` writes it with the default limits. */
  toString(): string {
    return formatBaggage(this);
  }

  /** What `JSON.stringify` writes: the members in order, as `members()` gives them. */
  toJSON(): BaggageMember[] {
    return this.members();
  }

  /** How Node's `util.inspect` and `console.log` show it: `Baggage(2) [ { key: 'a', value: '1' }, … ]`. */
  [INSPECT](_depth: number, options: unknown, inspect?: Inspect): unknown {
    const members = this.toJSON();
    return inspect ? `Baggage(${members.length}) ` + inspect(members, options) : members;
  }
}

/**
 * @internal A baggage of members checked by the caller, in order, duplicates kept (the
 * inspector's: members the parser read), or of an unread header (`keys` undefined or null, see `_k`): the one
 * way to fill one in, held by this module, so `new Baggage(...)` takes no internal state.
 */
export function makeBaggage(
  keys: readonly string[] | undefined | null,
  members: readonly BaggageEntry[] | string,
  limits?: BaggageLimits,
): Baggage {
  const baggage = new Baggage();
  baggage._k = keys;
  baggage._e = members;
  baggage._l = limits;
  return baggage;
}

export const EMPTY_BAGGAGE: Baggage = /* @__PURE__ */ new Baggage();

/**
 * A baggage from entries: a record (`{ hello: 'world' }` or `{ tier: { value, properties } }`)
 * or key/entry pairs in order. Keys must be tokens (TypeError otherwise).
 */
export function createBaggage(
  entries?: Readonly<Record<string, BaggageEntry | string>> | Iterable<readonly [string, BaggageEntry | string]>,
): Baggage {
  if (entries === undefined || entries === null) return EMPTY_BAGGAGE;
  const pairs =
    Symbol.iterator in entries
      ? (entries as Iterable<readonly [string, BaggageEntry | string]>)
      : Object.entries(entries);
  let baggage = EMPTY_BAGGAGE;
  for (const [key, entry] of pairs) baggage = baggage.setEntry(key, entry);
  return baggage;
}

/** @internal A run of baggage-octets (BG-4), as regex source; keys are tokens (BG-3). */
export const OCTETS = '[!#-+\\--:<-[\\]-~]*';

/**
 * Tests one list member from `lastIndex`, OWS before it skipped (BG-3 .. BG-7): key, `=`,
 * value, then properties (each `;key` or `;key=value`), followed by OWS and a comma or the
 * end. The classes on either side of every OWS exclude space and tab, so a match never
 * backtracks further than one OWS: linear in the member. Tested, not captured: the parts
 * are then found with `indexOf`, which allocates no match.
 */
const MEMBER = /* @__PURE__ */ new RegExp(
  `${TOKEN}[ \\t]*=[ \\t]*${OCTETS}(?:[ \\t]*;[ \\t]*${TOKEN}(?:[ \\t]*=[ \\t]*${OCTETS})?)*(?=[ \\t]*(?:,|$))`,
  'y',
);
const PROPERTY = /* @__PURE__ */ new RegExp(`;[ \\t]*(${TOKEN})(?:[ \\t]*=[ \\t]*(${OCTETS}))?`, 'g');

function checkEntry(key: string, given: BaggageEntry | string): BaggageEntry {
  if (!isToken(key))
    throw new TypeError(
      `baggage key ${JSON.stringify(key)} is not a token (BG-3): letters, digits and !#$%&'*+-.^_\`|~`,
    );
  const { value, properties } = typeof given === 'string' ? { value: given } : (given ?? {});
  const copy = properties?.map((p) => property(p?.key, p?.value));
  if (
    typeof value !== 'string' ||
    copy?.some((p) => !isToken(p.key) || (p.value !== undefined && typeof p.value !== 'string'))
  ) {
    throw new TypeError(
      `baggage entry ${JSON.stringify(key)} must be a string or ` +
        '{ value: string, properties?: { key: token, value?: string }[] } (BG-3, BG-7)',
    );
  }
  return entry(value, copy);
}

/**
 * Reads `baggage` header values, combined in order (BG-2, BG-18). Malformed members are
 * dropped and the others kept (BG-20). Members are kept in order while they fit the
 * limits; a member over `maxMemberBytes` is skipped unread, and reading stops at the first
 * member that would pass `maxMembers` or `maxTotalBytes` (BG-16, BG-17). Never throws (BG-23).
 */
export function parseBaggage(value: string | readonly string[], limits?: Partial<BaggageLimits>): Baggage {
  // Hot path: rerun `npm run bench -- --filter baggage-extract` after editing (bench/PERFORMANCE.md).
  const { maxMembers, maxMemberBytes, maxTotalBytes } = limitsOf(limits);
  // No array or object literal here, nor in what it returns: see src/internal/alloc.ts.
  const keys = emptyList<string>();
  const entries = emptyList<BaggageEntry>();
  let total = -1; // bytes kept so far, counting the comma before each member
  // Several fields are one list (BG-2). No array is made around a single value: see
  // bench/PERFORMANCE.md, "the warm-order cliff".
  const s =
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? value.filter((v) => typeof v === 'string').join(',')
        : '';
  for (let i = 0, end = 0, semi = -1; i < s.length; i = end + 1) {
    end = s.indexOf(',', i);
    if (end < 0) end = s.length;
    i = skipOws(s, i, end);
    const b = skipOws(s, end, i); // the member is s[i, b)
    if (b - i > maxMemberBytes) continue; // skipped unread
    MEMBER.lastIndex = i;
    if (!MEMBER.test(s)) continue; // malformed
    if (keys.length >= maxMembers || (total += b - i + 1) > maxTotalBytes) break;
    // Well formed: the first '=' ends the key, the first ';' (if in the member) the value.
    const eq = s.indexOf('=', i);
    const valueStart = skipOws(s, eq + 1, b);
    // Found once for all the members before it, so the scans stay linear; none left
    // (-1 >>> 0 is 2^32 - 1) lies past every member.
    if (semi < valueStart) semi = s.indexOf(';', valueStart) >>> 0;
    const valueEnd = skipOws(s, semi < b ? semi : b, valueStart);
    const value = decodePercent(s.slice(valueStart, valueEnd));
    let properties: BaggageProperty[] | undefined; // most members have none: no empty array
    if (semi < b) {
      properties = emptyList<BaggageProperty>();
      for (let p, rest = s.slice(semi, b); (p = PROPERTY.exec(rest)); )
        properties.push(property(p[1]!, p[2] && decodePercent(p[2])));
    }
    keys.push(s.slice(i, skipOws(s, eq, i)));
    entries.push(entry(value, properties));
  }
  return keys.length ? makeBaggage(keys, entries) : EMPTY_BAGGAGE;
}

/** `{ value, properties? }`, a plain object made without a literal. */
function entry(value: string, properties: BaggageProperty[] | undefined): BaggageEntry {
  const e = blankObject<{ value: string; properties?: BaggageProperty[] }>();
  e.value = value;
  if (properties?.length) e.properties = properties; // an empty list is none
  return e;
}

/** `{ key, value? }`, a plain object made without a literal. */
function property(key: string, value: string | undefined): BaggageProperty {
  const p = blankObject<{ key: string; value?: string }>();
  p.key = key;
  if (value !== undefined) p.value = value;
  return p;
}

/** One member as the header writes it: key, encoded value, properties. */
export function formatMember(key: string, entry: BaggageEntry): string {
  let member = key + '=' + encodeBaggageValue(entry.value);
  for (const p of entry.properties ?? [])
    member += ';' + p.key + (p.value === undefined ? '' : '=' + encodeBaggageValue(p.value));
  return member;
}

/**
 * The header value: members in order, values percent-encoded (BG-8, BG-9, BG-15). A member
 * over `maxMemberBytes` is left out; writing stops before the first member that would pass
 * `maxMembers` or `maxTotalBytes`. Never a partial member (BG-17). Empty baggage gives `''`,
 * and so does anything that is not a `Baggage` of this library (another copy's: `new Baggage(it)`).
 */
export function formatBaggage(baggage: Baggage, limits?: Partial<BaggageLimits>): string {
  // Only this library's Baggage: any other object (one with fields like these too) could hold any text.
  if (!(baggage instanceof Baggage)) return '';
  const checked = limitsOf(limits);
  const { maxMembers, maxMemberBytes, maxTotalBytes } = checked;
  // An unread canonical header is already what formatting its members would write, when they
  // all fit these limits.
  if (baggage._k == null) {
    if (baggage._k === undefined && fitsLimits(baggage._e as string, checked)) return baggage._e as string;
    // Read for this header only: a baggage that is forwarded never keeps its members.
    baggage = parseBaggage(baggage._e as string, baggage._l);
  }
  // Read now, one way or the other.
  const { _k, _e } = baggage as { _k: readonly string[]; _e: readonly BaggageEntry[] };
  let header = '';
  for (let i = 0, count = 0; i < _k.length && count < maxMembers; i++) {
    const member = formatMember(_k[i]!, _e[i]!);
    if (member.length > maxMemberBytes) continue;
    const next = count++ ? header + ',' + member : member;
    if (next.length > maxTotalBytes) break;
    header = next;
  }
  return header;
}

/**
 * A value exactly as `encodeBaggageValue` writes one: the chars `encodeURIComponent` keeps,
 * `%XX` of an ASCII char it escapes, and `%XX` runs that are valid UTF-8 (no overlong form,
 * no surrogate, nothing above U+10FFFF), so decoding and encoding again gives the same text.
 */
const X = '[\\dA-F]';
const TAIL = `%[89AB]${X}`;
const ESCAPE =
  `%(?:[01]${X}|2[02-6BCF]|3[A-F]|40|5[B-E]|60|7[B-DF]|C[2-9A-F]${TAIL}|D${X}${TAIL}|` +
  `E0%[AB]${X}${TAIL}|E[1-9A-CEF]${TAIL}${TAIL}|ED%[89]${X}${TAIL}|` +
  `F0%[9AB]${X}${TAIL}${TAIL}|F[1-3]${TAIL}${TAIL}${TAIL}|F4%8${X}${TAIL}${TAIL})`;
const ENCODED = `(?:${URI_UNRESERVED_CHAR}|${ESCAPE})*`;
/**
 * A header exactly as `formatBaggage` writes its members: no OWS, keys as they are, values
 * and property values as ENCODED. Every part is followed by a char its class excludes, and
 * the escapes differ by their first two chars: a match never backtracks far, linear.
 */
const CANONICAL_MEMBER = `${TOKEN}=${ENCODED}(?:;${TOKEN}(?:=${ENCODED})?)*`;
const CANONICAL_BAGGAGE = /* @__PURE__ */ new RegExp(`^${CANONICAL_MEMBER}(?:,${CANONICAL_MEMBER})*$`);

/**
 * @internal A baggage that keeps `header` unread: extract allocates one small object and a
 * reader parses it on first use. A header that is canonical and within the limits is sent on
 * as it came; any other is read for each inject and never kept as members (its read here only
 * tells whether any member is kept, BG-20: undefined when none is).
 */
export function unreadBaggage(header: string, limits: BaggageLimits): Baggage | undefined {
  // Hot path: rerun `npm run bench -- --filter baggage-extract` after editing (bench/PERFORMANCE.md).
  if (fitsLimits(header, limits) && CANONICAL_BAGGAGE.test(header)) return makeBaggage(undefined, header, limits);
  return parseBaggage(header, limits).size ? makeBaggage(null, header, limits) : undefined;
}

/** Whether every member of a comma-separated header fits: nothing would be dropped (BG-16, BG-17). */
function fitsLimits(header: string, limits: BaggageLimits): boolean {
  const { maxMembers, maxMemberBytes, maxTotalBytes } = limits;
  if (header.length > maxTotalBytes) return false;
  let members = 0;
  for (let start = 0, end; start <= header.length; start = end + 1) {
    end = header.indexOf(',', start);
    if (end < 0) end = header.length;
    if (end - start > maxMemberBytes || ++members > maxMembers) return false;
  }
  return true;
}
