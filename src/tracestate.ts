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
 * set member is the left-most one.
 *
 *   const ts = parseTraceState(header) ?? new TraceState();   // undefined when invalid
 *   carrier.tracestate = ts.set('mine', 'x').serialize();
 */
import { describeChar, problem, type Inspection, type Problem } from './problem.js';

/** At most 32 list members (TC-21, TC-28). */
export const TRACESTATE_MAX_MEMBERS = 32;
/** A key is 1 to 256 chars (TC-22). */
export const TRACESTATE_MAX_KEY_LENGTH = 256;
/** A value is 1 to 256 chars (TC-23). */
export const TRACESTATE_MAX_VALUE_LENGTH = 256;
/** What every participant propagates at least, and the default for `serialize` (TC-29). */
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
/** `inspectTraceState` lists at most this many problems, then one `too-many-problems`. */
const MAX_PROBLEMS = 32;

/** Options of `parseTraceState` and `inspectTraceState`. */
export interface TraceStateParseOptions {
  /**
   * Longest input read, in chars of all fields joined by ','; longer input is discarded whole
   * without being scanned. Default `TRACESTATE_MAX_INPUT_LENGTH`; never below 512 (TC-29);
   * `Infinity` lifts the cap.
   */
  maxLength?: number;
}

function inputCap(options: TraceStateParseOptions | undefined): number {
  const max = options?.maxLength ?? TRACESTATE_MAX_INPUT_LENGTH;
  // Never below what every participant must propagate (TC-29); NaN counts as below.
  return max >= TRACESTATE_MAX_LENGTH ? max : TRACESTATE_MAX_LENGTH;
}

/** Length of the fields joined by ',' (TC-20), or -1 when one is not a string. */
function joinedLength(values: readonly unknown[]): number {
  let length = values.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string') return -1;
    length += v.length;
  }
  return length < 0 ? 0 : length;
}

// Char classes, indexed by char code below 128.
const KEY_FIRST = 1; // a-z 0-9
const KEY_CHAR = 2; // a-z 0-9 _ - * / @
const VALUE_CHAR = 4; // 0x21-0x7e except ',' and '='
const CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (let c = 0x21; c < 0x7f; c++) {
    const ch = String.fromCharCode(c);
    table[c] = (/[a-z\d]/.test(ch) ? KEY_FIRST : 0) | (/[a-z\d_*/@-]/.test(ch) ? KEY_CHAR : 0) | (/[,=]/.test(ch) ? 0 : VALUE_CHAR);
  }
  return table;
})();

const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const EQUALS = 0x3d;

function classOf(c: number): number {
  return c < 128 ? CLASS[c] : 0;
}

/** An immutable, ordered tracestate. Method names match OpenTelemetry's `TraceState`. */
export class TraceState implements Iterable<[string, string]> {
  /** @internal */ declare readonly _keys: readonly string[];
  /** @internal */ declare readonly _values: readonly string[];
  /** @internal The header it was read from, when that is already its serialization. */ declare readonly _text?: string;

  /**
   * An empty tracestate, or one read from a header value. An invalid header gives an
   * empty tracestate here; use `parseTraceState` to tell the difference.
   */
  constructor(header?: string) {
    const parsed = header === undefined ? undefined : parseTraceState(header);
    (this as { _keys: readonly string[] })._keys = parsed ? parsed._keys : [];
    (this as { _values: readonly string[] })._values = parsed ? parsed._values : [];
    (this as { _text?: string })._text = parsed?._text;
  }

  /** Number of members. */
  get size(): number {
    return this._keys.length;
  }

  /** The value of the first member with this key. */
  get(key: string): string | undefined {
    const i = this._keys.indexOf(key);
    return i < 0 ? undefined : this._values[i];
  }

  /**
   * A tracestate with `key=value` as its left-most member and no other member with that
   * key (TC-27, TC-28); over 32 members, the right-most is dropped. Throws a TypeError for
   * a key or value outside the grammar (TC-22, TC-23): this never builds an invalid header.
   */
  set(key: string, value: string): TraceState {
    // Exactly the valid pairs read back as themselves.
    if (parseTraceState(key + '=' + value)?.get(key) !== value) {
      throw new TypeError(`invalid tracestate member ${JSON.stringify(key)}=${JSON.stringify(value)}: a key is a-z 0-9 then a-z 0-9 _-*/@, a value printable ASCII but , = and a trailing space; 1-256 chars each (TC-22, TC-23)`);
    }
    const keys = [key];
    const values = [value];
    for (let i = 0; i < this._keys.length && keys.length < TRACESTATE_MAX_MEMBERS; i++) {
      if (this._keys[i] !== key) {
        keys.push(this._keys[i]);
        values.push(this._values[i]);
      }
    }
    return makeTraceState(keys, values);
  }

  /** A tracestate without any member with this key; the others keep their order. */
  unset(key: string): TraceState {
    if (this._keys.indexOf(key) < 0) return this;
    const keys: string[] = [];
    const values: string[] = [];
    for (let i = 0; i < this._keys.length; i++) {
      if (this._keys[i] !== key) {
        keys.push(this._keys[i]);
        values.push(this._values[i]);
      }
    }
    return makeTraceState(keys, values);
  }

  /**
   * The header value, members joined by `,`. When longer than `maxLength` (default 512,
   * TC-29), whole members are removed: first members over 128 chars, right-most first,
   * then members from the right, until it fits (TC-30). Pass `Infinity` to keep all.
   */
  serialize(maxLength: number = TRACESTATE_MAX_LENGTH): string {
    // A header forwarded as it came needs no rebuilding.
    const text = this._text;
    if (text !== undefined && text.length <= maxLength) return text;
    const keys = this._keys;
    const n = keys.length;
    let out = '';
    for (let i = 0; i < n; i++) out += (i === 0 ? '' : ',') + keys[i] + '=' + this._values[i];
    if (out.length <= maxLength) return out;
    return truncate(this._keys, this._values, maxLength);
  }

  /** Members in order, as `[key, value]`. */
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (let i = 0; i < this._keys.length; i++) yield [this._keys[i], this._values[i]];
  }

  /** Same as `serialize()`, so a tracestate prints as its header. */
  toString(): string {
    return this.serialize(Infinity);
  }
}

function makeTraceState(keys: readonly string[], values: readonly string[], text?: string): TraceState {
  const ts = Object.create(TraceState.prototype) as { _keys: readonly string[]; _values: readonly string[]; _text?: string };
  ts._keys = keys;
  ts._values = values;
  ts._text = text;
  return ts as unknown as TraceState;
}

type Lazy = { _raw: string | readonly string[]; _options?: TraceStateParseOptions; _parsed?: TraceState };

/** The lazy tracestate's header, parsed once; an invalid one reads as empty. */
function parsed(ts: TraceState & Lazy): TraceState {
  return (ts._parsed ??= parseTraceState(ts._raw, ts._options) ?? new TraceState());
}

const LAZY: TraceState = /* @__PURE__ */ Object.create(TraceState.prototype, {
  _keys: { get(this: TraceState & Lazy) { return parsed(this)._keys; } },
  _values: { get(this: TraceState & Lazy) { return parsed(this)._values; } },
  _text: { get(this: TraceState & Lazy) { return parsed(this)._text; } },
});

/**
 * A tracestate read from `header` on first use: most services forward it without reading
 * it. A header that turns out invalid reads as an empty tracestate, which is the whole
 * tracestate discarded as `parseTraceState` would (TC-26); nothing invalid is ever sent.
 */
export function lazyTraceState(header: string | readonly string[], options?: TraceStateParseOptions): TraceState {
  const ts = Object.create(LAZY) as TraceState & Lazy;
  ts._raw = header;
  ts._options = options;
  return ts;
}

function truncate(keys: readonly string[], values: readonly string[], maxLength: number): string {
  const members = keys.map((key, i) => key + '=' + values[i]);
  let total = members.join(',').length;
  // First members over 128 chars, then any, each pass from the right (TC-30).
  for (const limit of [TRACESTATE_LONG_MEMBER, -1]) {
    for (let i = members.length - 1; i >= 0 && total > maxLength; i--) {
      if (members[i] !== '' && members[i].length > limit) {
        total -= members[i].length + 1;
        members[i] = '';
      }
    }
  }
  return members.filter(Boolean).join(',');
}

/**
 * Parses one or more tracestate header values (several are combined in order, TC-20).
 * Returns undefined when any member is invalid, a key appears twice, or there are more than
 * 32 members (TC-21, TC-26): the whole tracestate is discarded. Empty members and an empty header are fine (TC-25).
 * Input longer than `options.maxLength` (default 32,768) is discarded before it is read.
 * Linear in the input, never throws.
 */
export function parseTraceState(value: string | readonly string[], options?: TraceStateParseOptions): TraceState | undefined {
  const max = inputCap(options);
  if (typeof value !== 'string') {
    if (!Array.isArray(value)) return undefined;
    const length = joinedLength(value);
    if (length < 0 || length > max) return undefined; // checked before joining: no huge copy
    value = value.join(',');
  }
  const s = value as string;
  const n = s.length;
  if (n > max) return undefined;
  const keys: string[] = [];
  const values: string[] = [];
  let canonical = -1; // the length of the members joined by ',' without OWS or empty members
  let i = 0;
  while (i < n) {
    let c = s.charCodeAt(i);
    while ((c === SPACE || c === TAB) && ++i < n) c = s.charCodeAt(i);
    if (i >= n) break;
    if (c === COMMA) {
      i++;
      continue; // empty member
    }
    // key
    const keyStart = i;
    if (!(classOf(c) & KEY_FIRST)) return undefined;
    while (++i < n && classOf((c = s.charCodeAt(i))) & KEY_CHAR);
    if (i >= n || c !== EQUALS || i - keyStart > TRACESTATE_MAX_KEY_LENGTH) return undefined;
    const keyEnd = i++;
    // value: leading spaces kept, trailing spaces and tabs are OWS, tabs never inside
    const valueStart = i;
    let valueEnd = i;
    let sawTab = false;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c === COMMA) break;
      if (c === SPACE) continue;
      if (c === TAB) {
        sawTab = true;
        continue;
      }
      if (sawTab || !(classOf(c) & VALUE_CHAR)) return undefined;
      valueEnd = i + 1;
    }
    if (valueEnd === valueStart || valueEnd - valueStart > TRACESTATE_MAX_VALUE_LENGTH) return undefined;
    if (keys.length === TRACESTATE_MAX_MEMBERS) return undefined;
    const key = s.slice(keyStart, keyEnd);
    // A duplicate key discards the value, as the official test suite expects (TC-26, TC-28).
    // indexOf over at most 31 earlier keys (checked above), so the parse stays linear.
    if (keys.indexOf(key) >= 0) return undefined;
    keys.push(key);
    values.push(s.slice(valueStart, valueEnd));
    canonical += valueEnd - keyStart + 1;
    if (i < n) i++; // the comma
  }
  // Every char is a member or one comma between two: the input is its own serialization.
  return makeTraceState(keys, values, canonical === n ? s : undefined);
}

/** Member of an inspected tracestate. */
export interface TraceStateMember {
  key: string;
  value: string;
  offset: number;
}

/**
 * Says what is wrong with one or more tracestate values, each problem with its offset
 * (in the values joined by `,`) and rule. Valid exactly when `parseTraceState` is, with the
 * same options. Bounded work on hostile input: input over the cap is one `too-long` error;
 * only the first 32 members are examined (more is `too-many-members` anyway), and at most 32
 * problems are listed, then one `too-many-problems`.
 */
export function inspectTraceState(value: unknown, options?: TraceStateParseOptions): Inspection<TraceStateMember[]> {
  const max = inputCap(options);
  let length = typeof value === 'string' ? value.length : 0;
  if (Array.isArray(value)) {
    length = joinedLength(value);
    if (length < 0) {
      const bad = value.findIndex((v) => typeof v !== 'string');
      return { valid: false, errors: [problem('not-a-string', `value ${bad} is not a string`, 0, 'TC-20')] };
    }
  } else if (typeof value !== 'string') {
    return { valid: false, errors: [problem('not-a-string', `expected a string, got ${value === null ? 'null' : typeof value}`, 0, 'TC-20')] };
  }
  if (length > max) {
    return { valid: false, errors: [problem('too-long', `the tracestate has ${length} chars; at most ${max} are read (maxLength), so the whole tracestate is discarded`, max, 'TC-29')] };
  }
  const s: string = Array.isArray(value) ? value.join(',') : (value as string);
  const found: Found = { errors: [], omitted: 0, firstOmitted: 0, members: [], seen: new Set() };
  let count = 0; // non-empty members, all of them; only the first 32 are examined
  let tooManyAt = 0;
  let start = 0;
  while (start <= s.length) {
    let end = s.indexOf(',', start);
    if (end < 0) end = s.length;
    let a = start;
    let b = end;
    while (a < b && (s.charCodeAt(a) === SPACE || s.charCodeAt(a) === TAB)) a++;
    while (b > a && (s.charCodeAt(b - 1) === SPACE || s.charCodeAt(b - 1) === TAB)) b--;
    if (a < b) {
      count++;
      if (count <= TRACESTATE_MAX_MEMBERS) inspectMember(s, a, b, found);
      else if (count === TRACESTATE_MAX_MEMBERS + 1) tooManyAt = a;
    }
    start = end + 1;
  }
  const errors = found.errors;
  if (count > TRACESTATE_MAX_MEMBERS) {
    errors.push(problem('too-many-members', `${count} members; at most ${TRACESTATE_MAX_MEMBERS} are allowed, so the whole tracestate is discarded`, tooManyAt, 'TC-21'));
  }
  if (found.omitted > 0) {
    errors.push(problem('too-many-problems', `${found.omitted} more problems not listed (the first ${MAX_PROBLEMS} are)`, found.firstOmitted, 'TC-26'));
  }
  if (errors.length > 0) return { valid: false, errors };
  return { valid: true, value: found.members };
}

/** What `inspectMember` collects; problems past MAX_PROBLEMS are only counted. */
interface Found {
  errors: Problem[];
  omitted: number;
  firstOmitted: number;
  members: TraceStateMember[];
  seen: Set<string>;
}

function report(found: Found, p: Problem): void {
  if (found.errors.length < MAX_PROBLEMS) found.errors.push(p);
  else if (found.omitted++ === 0) found.firstOmitted = p.offset;
}

/** At most 40 chars of s[a, b) for a message: a hostile member may be a megabyte long. */
function excerpt(s: string, a: number, b: number): string {
  return b - a > 40 ? s.slice(a, a + 37) + '...' : s.slice(a, b);
}

/** Checks the member s[a, b) (OWS trimmed, non-empty); never reads outside it. */
function inspectMember(s: string, a: number, b: number, found: Found): void {
  let eq = a;
  while (eq < b && s.charCodeAt(eq) !== EQUALS) eq++;
  if (eq === b) {
    report(found, problem('missing-equals', `member '${excerpt(s, a, b)}' has no '='`, a, 'TC-22'));
    return;
  }
  if (eq === a) report(found, problem('empty-key', 'a member has an empty key', a, 'TC-22'));
  else if (!(classOf(s.charCodeAt(a)) & KEY_FIRST)) {
    report(found, problem('bad-key-start', `a key starts with a-z or 0-9, not ${describeChar(s.charCodeAt(a))}`, a, 'TC-22'));
  } else {
    for (let i = a + 1; i < eq; i++) {
      const c = s.charCodeAt(i);
      if (!(classOf(c) & KEY_CHAR)) {
        const upper = c >= 0x41 && c <= 0x5a;
        report(found, problem('bad-key-char', `${describeChar(c)} is not allowed in a key${upper ? ' (keys are lower case)' : ''}: a-z 0-9 _ - * / @`, i, 'TC-22'));
        break;
      }
    }
    if (eq - a > TRACESTATE_MAX_KEY_LENGTH) report(found, problem('key-too-long', `the key has ${eq - a} chars; at most 256`, a, 'TC-22'));
  }
  if (eq + 1 === b) report(found, problem('empty-value', `key '${excerpt(s, a, eq)}' has an empty value`, eq + 1, 'TC-23'));
  for (let i = eq + 1; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === SPACE || classOf(c) & VALUE_CHAR) continue;
    const what = c === EQUALS ? "'=' is not allowed in a value" : `${describeChar(c)} is not allowed in a value`;
    report(found, problem('bad-value-char', what, i, 'TC-23'));
    break;
  }
  if (b - eq - 1 > TRACESTATE_MAX_VALUE_LENGTH) report(found, problem('value-too-long', `the value has ${b - eq - 1} chars; at most 256`, eq + 1, 'TC-23'));
  const key = s.slice(a, eq);
  // A Set, not a scan of earlier keys: duplicate detection stays linear (TC-26).
  if (found.seen.has(key)) {
    report(found, problem('duplicate-key', `key '${excerpt(s, a, eq)}' appears more than once, so the whole tracestate is discarded`, a, 'TC-26'));
  }
  found.seen.add(key);
  found.members.push({ key, value: s.slice(eq + 1, b), offset: a });
}
