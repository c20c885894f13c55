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
import { CHAR_CLASS, decodePercent, encodeBaggageValue, OCTET, TCHAR } from './percent.js';

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

/** The limits OpenTelemetry SDKs use: above the spec's minimum of 64 members / 8192 bytes. */
export const DEFAULT_BAGGAGE_LIMITS: BaggageLimits = /* @__PURE__ */ Object.freeze({ maxMembers: 180, maxMemberBytes: 4096, maxTotalBytes: 8192 });

/** @internal The limits to apply: the defaults where `limits` leaves a field unset. */
export function limitsOf(limits?: Partial<BaggageLimits>): BaggageLimits {
  const d = DEFAULT_BAGGAGE_LIMITS;
  return { maxMembers: limits?.maxMembers ?? d.maxMembers, maxMemberBytes: limits?.maxMemberBytes ?? d.maxMemberBytes, maxTotalBytes: limits?.maxTotalBytes ?? d.maxTotalBytes };
}

export class Baggage implements Iterable<[string, BaggageEntry]> {
  /** @internal */ declare readonly _keys: readonly string[];
  /** @internal */ declare readonly _entries: readonly BaggageEntry[];

  /** @internal Use `createBaggage` or `parseBaggage`. */
  constructor(keys: readonly string[], entries: readonly BaggageEntry[]) {
    (this as { _keys: readonly string[] })._keys = keys;
    (this as { _entries: readonly BaggageEntry[] })._entries = entries;
  }

  /** Number of members, duplicates included. */
  get size(): number {
    return this._keys.length;
  }

  /** The first member with this key. */
  getEntry(key: string): BaggageEntry | undefined {
    const i = this._keys.indexOf(key);
    return i < 0 ? undefined : this._entries[i];
  }

  /** Every member in order, duplicates included. */
  getAllEntries(): [string, BaggageEntry][] {
    return this._keys.map((key, i) => [key, this._entries[i]]);
  }

  /** Every member in order, as `{ key, value, properties? }`. */
  members(): BaggageMember[] {
    return this._keys.map((key, i) => ({ key, ...this._entries[i] }));
  }

  /**
   * A baggage where `key` has this entry: the first member with the key is replaced in
   * place and later duplicates are removed (BG-19, BG-22); a new key goes last. A key or
   * property key that is not a token throws a TypeError (BG-3); values may be any string.
   */
  setEntry(key: string, entry: BaggageEntry | string): Baggage {
    const checked = checkEntry(key, entry);
    const first = this._keys.indexOf(key);
    const rest = this.removeEntry(key);
    // Members before the first duplicate keep their index in `rest`.
    const at = first < 0 ? rest.size : first;
    const keys = rest._keys.slice();
    const entries = rest._entries.slice();
    keys.splice(at, 0, key);
    entries.splice(at, 0, checked);
    return new Baggage(keys, entries);
  }

  /** A baggage without any member with this key. */
  removeEntry(key: string): Baggage {
    return this.removeEntries(key);
  }

  /** A baggage without any member with one of these keys. */
  removeEntries(...keys: string[]): Baggage {
    const kept: string[] = [];
    const entries: BaggageEntry[] = [];
    this._keys.forEach((key, i) => {
      if (!keys.includes(key)) kept.push(key), entries.push(this._entries[i]);
    });
    return kept.length === this.size ? this : new Baggage(kept, entries);
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
}

export const EMPTY_BAGGAGE: Baggage = /* @__PURE__ */ new Baggage([], []);

/**
 * A baggage from entries: a record (`{ hello: 'world' }` or `{ tier: { value, properties } }`)
 * or key/entry pairs in order. Keys must be tokens (TypeError otherwise).
 */
export function createBaggage(entries?: Readonly<Record<string, BaggageEntry | string>> | Iterable<readonly [string, BaggageEntry | string]>): Baggage {
  if (entries === undefined || entries === null) return EMPTY_BAGGAGE;
  const pairs = Symbol.iterator in entries ? (entries as Iterable<readonly [string, BaggageEntry | string]>) : Object.entries(entries);
  let baggage = EMPTY_BAGGAGE;
  for (const [key, entry] of pairs) baggage = baggage.setEntry(key, entry);
  return baggage;
}

function isToken(s: unknown): s is string {
  return typeof s === 'string' && s !== '' && scanClass(s, 0, s.length, TCHAR) === s.length;
}

function checkEntry(key: string, entry: BaggageEntry | string): BaggageEntry {
  if (!isToken(key)) throw new TypeError(`baggage key ${JSON.stringify(key)} is not a token (BG-3): letters, digits and !#$%&'*+-.^_\`|~`);
  const { value, properties } = typeof entry === 'string' ? { value: entry } : entry ?? {};
  const copy = properties?.map((p) => (p?.value === undefined ? { key: p?.key } : { key: p.key, value: p.value }));
  if (typeof value !== 'string' || copy?.some((p) => !isToken(p.key) || (p.value !== undefined && typeof p.value !== 'string'))) {
    throw new TypeError(`baggage entry ${JSON.stringify(key)} must be a string or { value: string, properties?: { key: token, value?: string }[] } (BG-3, BG-7)`);
  }
  return copy?.length ? { value, properties: copy as BaggageProperty[] } : { value };
}

// ---------------------------------------------------------------------------------------
// Wire format

/**
 * @internal What `scanMember` says about a member: 0 well formed, or what is wrong with it
 * (`inspectBaggage` turns these into messages):
 * 1 empty member, 2 no key before '=', 3 not a token char in the key, 4 no '=',
 * 5 not a baggage-octet in the value, 6 no property key, 7 a bad char in a property.
 */
export type MemberProblem = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** @internal Result of `scanMember`. */
export interface MemberScan {
  key: string;
  entry: BaggageEntry;
  /** Where scanning stopped: the offending char when the member is malformed. */
  at: number;
}

/** @internal Moves from `i` past OWS, towards `end` (backwards when `end` < `i`). */
export function skipOws(s: string, i: number, end: number): number {
  const back = end < i ? 1 : 0;
  for (let c; i !== end && ((c = s.charCodeAt(i - back)) === 0x20 || c === 0x09); ) i += back ? -1 : 1;
  return i;
}

/** The end of a run of chars of a class from `i`. */
function scanClass(s: string, i: number, end: number, bit: number): number {
  for (let c; i < end && (c = s.charCodeAt(i)) < 128 && CHAR_CLASS[c] & bit; ) i++;
  return i;
}

/** A value (or property value) of baggage-octets from `i`, decoded; `scan.at` is its end. */
function scanValue(s: string, i: number, end: number, scan: MemberScan): string {
  let escaped = false;
  let j = i;
  for (let c; j < end && (c = s.charCodeAt(j)) < 128 && CHAR_CLASS[c] & OCTET; j++) if (c === 0x25) escaped = true;
  scan.at = j;
  return escaped ? decodePercent(s.slice(i, j)) : s.slice(i, j);
}

/**
 * @internal Scans one list member in `s[start, end)`, with OWS trimmed from both ends and
 * no comma inside (BG-3 .. BG-7). Fills `scan`; returns 0 when the member is well formed.
 */
export function scanMember(s: string, start: number, end: number, scan: MemberScan): MemberProblem {
  let i = (scan.at = scanClass(s, start, end, TCHAR));
  if (i === start) return start === end ? 1 : s.charCodeAt(i) === 0x3d ? 2 : 3;
  const key = s.slice(start, i);
  i = skipOws(s, i, end);
  if (i === end) return (scan.at = end), 4;
  if (s.charCodeAt(i) !== 0x3d) return 3;
  const value = scanValue(s, skipOws(s, i + 1, end), end, scan);
  let properties: BaggageProperty[] | undefined; // most members have none: no empty array
  for (i = skipOws(s, scan.at, end); i < end; ) {
    if (s.charCodeAt(i) !== 0x3b) return properties ? 7 : 5;
    const keyStart = skipOws(s, i + 1, end);
    i = scan.at = scanClass(s, keyStart, end, TCHAR);
    if (i === keyStart) return i === end || s.charCodeAt(i) === 0x3b || s.charCodeAt(i) === 0x3d ? 6 : 7;
    const property: { key: string; value?: string } = { key: s.slice(keyStart, i) };
    i = skipOws(s, i, end);
    if (i < end && s.charCodeAt(i) === 0x3d) {
      property.value = scanValue(s, skipOws(s, i + 1, end), end, scan);
      i = skipOws(s, scan.at, end);
    }
    (properties ??= []).push(property);
  }
  scan.key = key;
  scan.entry = properties ? { value, properties } : { value };
  return 0;
}

const SCAN: MemberScan = { key: '', entry: { value: '' }, at: 0 };

/**
 * Reads `baggage` header values, combined in order (BG-2, BG-18). Malformed members are
 * dropped and the others kept (BG-20). Members are kept in order while they fit the
 * limits; a member over `maxMemberBytes` is skipped unread, and reading stops at the first
 * member that would pass `maxMembers` or `maxTotalBytes` (BG-16, BG-17). Never throws (BG-23).
 */
export function parseBaggage(value: string | readonly string[], limits?: Partial<BaggageLimits>): Baggage {
  const { maxMembers, maxMemberBytes, maxTotalBytes } = limitsOf(limits);
  const keys: string[] = [];
  const entries: BaggageEntry[] = [];
  let total = -1; // bytes kept so far, counting the comma before each member
  for (const s of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
    for (let start = 0, end = -1; typeof s === 'string' && end < s.length; start = end + 1) {
      end = s.indexOf(',', start);
      if (end < 0) end = s.length;
      const a = skipOws(s, start, end);
      const b = skipOws(s, end, a);
      if (a === b || b - a > maxMemberBytes || scanMember(s, a, b, SCAN)) continue;
      if (keys.length >= maxMembers || (total += b - a + 1) > maxTotalBytes) return new Baggage(keys, entries);
      keys.push(SCAN.key);
      entries.push(SCAN.entry);
    }
  }
  return keys.length ? new Baggage(keys, entries) : EMPTY_BAGGAGE;
}

/** One member as the header writes it: key, encoded value, properties. */
export function formatMember(key: string, entry: BaggageEntry): string {
  let member = key + '=' + encodeBaggageValue(entry.value);
  for (const p of entry.properties ?? []) member += ';' + p.key + (p.value === undefined ? '' : '=' + encodeBaggageValue(p.value));
  return member;
}

/**
 * The header value: members in order, values percent-encoded (BG-8, BG-9, BG-15). A member
 * over `maxMemberBytes` is left out; writing stops before the first member that would pass
 * `maxMembers` or `maxTotalBytes`. Never a partial member (BG-17). Empty baggage gives `''`.
 */
export function formatBaggage(baggage: Baggage, limits?: Partial<BaggageLimits>): string {
  const { maxMembers, maxMemberBytes, maxTotalBytes } = limitsOf(limits);
  let header = '';
  for (let i = 0, count = 0; i < baggage.size && count < maxMembers; i++) {
    const member = formatMember(baggage._keys[i], baggage._entries[i]);
    if (member.length > maxMemberBytes) continue;
    if (header.length + member.length + (count ? 1 : 0) > maxTotalBytes) break;
    header += (count++ ? ',' : '') + member;
  }
  return header;
}
