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
export const DEFAULT_BAGGAGE_LIMITS: BaggageLimits = Object.freeze({ maxMembers: 180, maxMemberBytes: 4096, maxTotalBytes: 8192 });

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
    const i = this._keys.indexOf(key);
    if (i < 0) return new Baggage([...this._keys, key], [...this._entries, checked]);
    const keys: string[] = [];
    const entries: BaggageEntry[] = [];
    for (let j = 0; j < this._keys.length; j++) {
      if (j === i) {
        keys.push(key);
        entries.push(checked);
      } else if (this._keys[j] !== key) {
        keys.push(this._keys[j]);
        entries.push(this._entries[j]);
      }
    }
    return new Baggage(keys, entries);
  }

  /** A baggage without any member with this key. */
  removeEntry(key: string): Baggage {
    return this.removeEntries(key);
  }

  /** A baggage without any member with one of these keys. */
  removeEntries(...keys: string[]): Baggage {
    const keep: number[] = [];
    for (let j = 0; j < this._keys.length; j++) if (!keys.includes(this._keys[j])) keep.push(j);
    if (keep.length === this._keys.length) return this;
    return new Baggage(
      keep.map((j) => this._keys[j]),
      keep.map((j) => this._entries[j]),
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
  if (typeof s !== 'string' || s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (CHAR_CLASS[c] & TCHAR) === 0) return false;
  }
  return true;
}

function checkEntry(key: string, entry: BaggageEntry | string): BaggageEntry {
  if (!isToken(key)) throw new TypeError(`baggage key ${describe(key)} is not a token (BG-3): use letters, digits and !#$%&'*+-.^_\`|~`);
  if (typeof entry === 'string') return { value: entry };
  if (entry === null || typeof entry !== 'object' || typeof entry.value !== 'string') {
    throw new TypeError(`baggage entry for ${JSON.stringify(key)} must be a string or { value: string, properties? }`);
  }
  if (entry.properties === undefined || entry.properties.length === 0) return { value: entry.value };
  const properties = Array.from(entry.properties, (p) => {
    if (p === null || typeof p !== 'object' || !isToken(p.key)) {
      throw new TypeError(`baggage property key ${describe(p?.key)} of ${JSON.stringify(key)} is not a token (BG-3, BG-7)`);
    }
    if (p.value !== undefined && typeof p.value !== 'string') throw new TypeError(`baggage property ${JSON.stringify(p.key)} of ${JSON.stringify(key)} must have a string value`);
    return p.value === undefined ? { key: p.key } : { key: p.key, value: p.value };
  });
  return { value: entry.value, properties };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

// ---------------------------------------------------------------------------------------
// Wire format

/**
 * Why a member was not kept, for `inspectBaggage`. Parsing itself only needs "kept or not".
 * @internal
 */
export type MemberProblem =
  | 'empty-member'
  | 'missing-key'
  | 'invalid-key-char'
  | 'missing-equals'
  | 'invalid-value-char'
  | 'missing-property-key'
  | 'invalid-property-char';

/** @internal Scratch result of `scanMember`. */
export interface MemberScan {
  key: string;
  entry: BaggageEntry | undefined;
  problem: MemberProblem | undefined;
  /** Offset of the problem, relative to the scanned string. */
  at: number;
  /** Whether a value had a `%` to decode. */
  escaped: boolean;
}

function skipOws(s: string, i: number, end: number): number {
  while (i < end && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++;
  return i;
}

function scanClass(s: string, i: number, end: number, bit: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (CHAR_CLASS[c] & bit) === 0) break;
    i++;
  }
  return i;
}

/** Scans a value of baggage-octets from `i`; returns where it ends. Sets `scan.escaped`. */
function scanValue(s: string, i: number, end: number, scan: MemberScan): number {
  scan.escaped = false;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (CHAR_CLASS[c] & OCTET) === 0) break;
    if (c === 0x25) scan.escaped = true;
    i++;
  }
  return i;
}

function fail(scan: MemberScan, problem: MemberProblem, at: number): false {
  scan.problem = problem;
  scan.at = at;
  scan.entry = undefined;
  return false;
}

/**
 * Scans one list member in `s[start, end)`, with OWS already trimmed from both ends and
 * no comma inside. Fills `scan` and returns whether the member is well formed (BG-3 .. BG-7).
 * @internal
 */
export function scanMember(s: string, start: number, end: number, scan: MemberScan): boolean {
  scan.problem = undefined;
  if (start === end) return fail(scan, 'empty-member', start);
  let i = scanClass(s, start, end, TCHAR);
  if (i === start) return fail(scan, s.charCodeAt(i) === 0x3d ? 'missing-key' : 'invalid-key-char', i);
  const key = s.slice(start, i);
  const keyEnd = i;
  i = skipOws(s, i, end);
  if (i === end) return fail(scan, 'missing-equals', i);
  if (s.charCodeAt(i) !== 0x3d) return fail(scan, 'invalid-key-char', keyEnd);
  i = skipOws(s, i + 1, end);
  const valueStart = i;
  i = scanValue(s, i, end, scan);
  const value = scan.escaped ? decodePercent(s, valueStart, i) : s.slice(valueStart, i);
  const valueEnd = i;
  i = skipOws(s, i, end);
  if (i === end) {
    scan.key = key;
    scan.entry = { value };
    return true;
  }
  if (s.charCodeAt(i) !== 0x3b) return fail(scan, 'invalid-value-char', valueEnd);
  const properties: BaggageProperty[] = [];
  while (i < end) {
    // at a ';'
    i = skipOws(s, i + 1, end);
    const keyStart = i;
    i = scanClass(s, i, end, TCHAR);
    if (i === keyStart) return fail(scan, i === end || s.charCodeAt(i) === 0x3b || s.charCodeAt(i) === 0x3d ? 'missing-property-key' : 'invalid-property-char', i);
    const propertyKey = s.slice(keyStart, i);
    i = skipOws(s, i, end);
    if (i < end && s.charCodeAt(i) === 0x3d) {
      i = skipOws(s, i + 1, end);
      const propertyValueStart = i;
      i = scanValue(s, i, end, scan);
      const propertyValue = scan.escaped ? decodePercent(s, propertyValueStart, i) : s.slice(propertyValueStart, i);
      properties.push({ key: propertyKey, value: propertyValue });
      const propertyValueEnd = i;
      i = skipOws(s, i, end);
      if (i < end && s.charCodeAt(i) !== 0x3b) return fail(scan, 'invalid-property-char', propertyValueEnd);
    } else {
      properties.push({ key: propertyKey });
      if (i < end && s.charCodeAt(i) !== 0x3b) return fail(scan, 'invalid-property-char', i);
    }
  }
  scan.key = key;
  scan.entry = { value, properties };
  return true;
}

/** @internal */
export function newScan(): MemberScan {
  return { key: '', entry: undefined, problem: undefined, at: 0, escaped: false };
}

/** @internal Trims OWS from a member range: returns the end, `trimStart` gives the start. */
export function trimEnd(s: string, start: number, end: number): number {
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
  return end;
}

export { skipOws as trimStart };

const SCAN = /* @__PURE__ */ newScan();

/**
 * Reads `baggage` header values, combined in order (BG-2, BG-18). Malformed members are
 * dropped and the others kept (BG-20). Members are kept in order while they fit the
 * limits; a member over `maxMemberBytes` is skipped, and reading stops at the first member
 * that would pass `maxMembers` or `maxTotalBytes` (BG-16, BG-17). Never throws (BG-23).
 */
export function parseBaggage(value: string | readonly string[], limits?: Partial<BaggageLimits>): Baggage {
  const maxMembers = limits?.maxMembers ?? DEFAULT_BAGGAGE_LIMITS.maxMembers;
  const maxMemberBytes = limits?.maxMemberBytes ?? DEFAULT_BAGGAGE_LIMITS.maxMemberBytes;
  const maxTotalBytes = limits?.maxTotalBytes ?? DEFAULT_BAGGAGE_LIMITS.maxTotalBytes;
  const keys: string[] = [];
  const entries: BaggageEntry[] = [];
  let total = -1; // bytes kept so far, counting the comma before each member
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  outer: for (let v = 0; v < values.length; v++) {
    const s = values[v];
    if (typeof s !== 'string') continue;
    const n = s.length;
    let start = 0;
    while (start <= n) {
      let end = s.indexOf(',', start);
      if (end < 0) end = n;
      const a = skipOws(s, start, end);
      const b = trimEnd(s, a, end);
      start = end + 1;
      if (a === b || b - a > maxMemberBytes) continue;
      if (!scanMember(s, a, b, SCAN)) continue;
      if (keys.length >= maxMembers || total + 1 + (b - a) > maxTotalBytes) break outer;
      total += 1 + (b - a);
      keys.push(SCAN.key);
      entries.push(SCAN.entry!);
    }
  }
  return keys.length === 0 ? EMPTY_BAGGAGE : new Baggage(keys, entries);
}

/** One member as the header writes it: key, encoded value, properties. */
export function formatMember(key: string, entry: BaggageEntry): string {
  let member = key + '=' + encodeBaggageValue(entry.value);
  const properties = entry.properties;
  if (properties !== undefined) {
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i];
      member += p.value === undefined ? ';' + p.key : ';' + p.key + '=' + encodeBaggageValue(p.value);
    }
  }
  return member;
}

/**
 * The header value: members in order, values percent-encoded (BG-8, BG-9, BG-15). A member
 * over `maxMemberBytes` is left out; writing stops before the first member that would pass
 * `maxMembers` or `maxTotalBytes`. Never a partial member (BG-17). Empty baggage gives `''`.
 */
export function formatBaggage(baggage: Baggage, limits?: Partial<BaggageLimits>): string {
  const maxMembers = limits?.maxMembers ?? DEFAULT_BAGGAGE_LIMITS.maxMembers;
  const maxMemberBytes = limits?.maxMemberBytes ?? DEFAULT_BAGGAGE_LIMITS.maxMemberBytes;
  const maxTotalBytes = limits?.maxTotalBytes ?? DEFAULT_BAGGAGE_LIMITS.maxTotalBytes;
  const keys = baggage._keys;
  const entries = baggage._entries;
  let header = '';
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const member = formatMember(keys[i], entries[i]);
    if (member.length > maxMemberBytes) continue;
    if (count >= maxMembers || (count === 0 ? 0 : header.length + 1) + member.length > maxTotalBytes) break;
    header = count === 0 ? member : header + ',' + member;
    count++;
  }
  return header;
}
