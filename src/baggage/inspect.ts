// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * `inspectBaggage`: the slow path for people and the CLI. It reads a header the way
 * `parseBaggage` does and says what is wrong with each member, where, and which rule.
 */
import {
  formatBaggage,
  makeBaggage,
  limitsOf,
  OCTETS,
  type BaggageEntry,
  type BaggageLimits,
  type BaggageMember,
  type BaggageProperty,
} from './baggage.js';
import { decodePercent } from './percent.js';
import { isToken, skipOws } from '../internal/chars.js';
import { describeChar, problem, type KeptInspection } from '../inspect/problem.js';
import { ProblemList } from '../inspect/problems.js';

/** Bit flags per ASCII char, read off the parser's own token and value patterns. */
const TCHAR = 1;
const OCTET_BIT = 2;
const CHAR_CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  const octets = new RegExp(`^${OCTETS}$`);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    table[c] = (isToken(ch) ? TCHAR : 0) | (octets.test(ch) ? OCTET_BIT : 0);
  }
  return table;
})();

/**
 * What `scanMember` says about a member: 0 well formed, or what is wrong with it, by
 * number in EXPLAIN: 1 empty member, 2 no key before '=', 3 not a token char in the key,
 * 4 no '=', 5 not a baggage-octet in the value, 6 no property key, 7 a bad char in a property.
 */
type MemberProblem = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

interface MemberScan {
  key: string;
  entry: BaggageEntry;
  /** Where scanning stopped: the offending char when the member is malformed. */
  at: number;
}

/** The end of a run of chars of a class from `i`. */
function scanClass(s: string, i: number, end: number, bit: number): number {
  for (let c; i < end && (c = s.charCodeAt(i)) < 128 && CHAR_CLASS[c]! & bit; ) i++;
  return i;
}

/** A value (or property value) of baggage-octets from `i`, decoded; `scan.at` is its end. */
function scanValue(s: string, i: number, end: number, scan: MemberScan): string {
  let j = i;
  while (j < end && s.charCodeAt(j) < 128 && CHAR_CLASS[s.charCodeAt(j)]! & OCTET_BIT) j++;
  scan.at = j;
  return decodePercent(s.slice(i, j));
}

/**
 * Scans one list member in `s[start, end)`, with OWS trimmed from both ends and no comma
 * inside (BG-3 .. BG-7), char by char so that a problem has an offset. Fills `scan`;
 * returns 0 when the member is well formed.
 */
function scanMember(s: string, start: number, end: number, scan: MemberScan): MemberProblem {
  let i = (scan.at = scanClass(s, start, end, TCHAR));
  if (i === start) return start === end ? 1 : s.charCodeAt(i) === 0x3d ? 2 : 3;
  const key = s.slice(start, i);
  i = skipOws(s, i, end);
  if (i === end) {
    scan.at = end;
    return 4;
  }
  if (s.charCodeAt(i) !== 0x3d) return 3;
  const value = scanValue(s, skipOws(s, i + 1, end), end, scan);
  const properties: BaggageProperty[] = [];
  for (i = skipOws(s, scan.at, end); i < end; ) {
    if (s.charCodeAt(i) !== 0x3b) return properties.length ? 7 : 5;
    const keyStart = skipOws(s, i + 1, end);
    i = scan.at = scanClass(s, keyStart, end, TCHAR);
    if (i === keyStart) return i === end || s.charCodeAt(i) === 0x3b || s.charCodeAt(i) === 0x3d ? 6 : 7;
    const property: { key: string; value?: string } = { key: s.slice(keyStart, i) };
    i = skipOws(s, i, end);
    if (i < end && s.charCodeAt(i) === 0x3d) {
      property.value = scanValue(s, skipOws(s, i + 1, end), end, scan);
      i = skipOws(s, scan.at, end);
    }
    properties.push(property);
  }
  scan.key = key;
  scan.entry = properties.length ? { value, properties } : { value };
  return 0;
}

/** Code, message and rule for each `MemberProblem` of `scanMember`, by number. */
const EXPLAIN: [string, string, string][] = [
  ['', '', ''],
  ['empty-member', 'an empty list member: a member needs a key and a value', 'BG-3'],
  ['missing-key', 'the member has no key before "="', 'BG-3'],
  ['invalid-key-char', "a key is a token: letters, digits and !#$%&'*+-.^_`|~ only", 'BG-3'],
  ['missing-equals', 'a member is key=value: "=" is missing', 'BG-5'],
  ['invalid-value-char', "a value holds baggage-octets only: no space, '\"', ',', ';' or '\\' unencoded", 'BG-4'],
  ['missing-property-key', 'a property needs a name after ";"', 'BG-7'],
  ['invalid-property-char', 'a property is ;key or ;key=value with a token key and an encoded value', 'BG-7'],
];

/**
 * Every problem in a `baggage` header: `{ valid: true, value: members }` with values
 * decoded, or `{ valid: false, errors }`. Several values are read as one list joined by
 * commas (BG-2); offsets count in that joined string. Warnings: duplicate keys (BG-22), a
 * `%` kept literally (BG-14), invalid UTF-8 replaced by U+FFFD (BG-10). `kept` is what a
 * propagator keeps, valid or not: the well-formed members within the limits, decoded (BG-20,
 * BG-16), and the header it sends on for them.
 */
export function inspectBaggage(
  value: string | readonly string[],
  limits?: Partial<BaggageLimits>,
): KeptInspection<BaggageMember[]> {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) value = value.join(',');
  if (typeof value !== 'string') {
    return {
      valid: false,
      errors: [problem('not-a-string', 'a baggage header value is a string or a list of strings', 0, 'BG-23')],
      kept: { value: [], sends: undefined },
    };
  }
  const s = value;
  const { maxMembers, maxMemberBytes, maxTotalBytes } = limitsOf(limits);
  // The rule of a `too-many-problems`: malformed members are dropped, the others kept.
  const errors = new ProblemList('BG-20');
  const warnings = new ProblemList('BG-20');
  const members: BaggageMember[] = [];
  const seen = new Set<string>();
  const scan: MemberScan = { key: '', entry: { value: '' }, at: 0 };
  let total = -1;
  let overLimit = false;
  const blank = skipOws(s, 0, s.length) === s.length;
  for (let start = 0; start <= s.length && !blank; ) {
    let end = s.indexOf(',', start);
    if (end < 0) end = s.length;
    const a = skipOws(s, start, end);
    const b = skipOws(s, end, a);
    start = end + 1;
    const bad = scanMember(s, a, b, scan);
    if (bad) {
      const [code, message, rule] = EXPLAIN[bad]!;
      const c = s.charCodeAt(scan.at);
      if (bad === 5 && c >= 128) {
        errors.add(problem('unencoded-char', `${describeChar(c)} must be percent-encoded as UTF-8`, scan.at, 'BG-8'));
      } else {
        const found = scan.at < b && bad !== 1 ? ` (found ${describeChar(c)})` : '';
        errors.add(problem(code, message + found, scan.at, rule));
      }
      continue;
    }
    if (b - a > maxMemberBytes) {
      errors.add(
        problem(
          'member-too-long',
          `a member of ${b - a} bytes is over the ${maxMemberBytes}-byte limit and is dropped`,
          a,
          'BG-17',
        ),
      );
      continue;
    }
    if (!overLimit && (members.length >= maxMembers || total + 1 + (b - a) > maxTotalBytes)) {
      overLimit = true;
      const why = members.length >= maxMembers ? `more than ${maxMembers} members` : `more than ${maxTotalBytes} bytes`;
      errors.add(
        problem(
          members.length >= maxMembers ? 'too-many-members' : 'too-long',
          `${why}: this member and the ones after it are dropped`,
          a,
          'BG-16',
        ),
      );
    }
    if (overLimit) continue;
    total += 1 + (b - a);
    const member: BaggageMember = { key: scan.key, ...scan.entry! };
    members.push(member);
    if (seen.has(member.key))
      warnings.add(
        problem(
          'duplicate-key',
          `the key "${member.key}" appears more than once; getEntry returns the first`,
          a,
          'BG-22',
        ),
      );
    seen.add(member.key);
    checkEscapes(s, a, b, warnings);
  }
  const result =
    errors.size > 0 ? { valid: false as const, errors: errors.toArray() } : { valid: true as const, value: members };
  const sends = formatBaggage(
    makeBaggage(
      members.map((m) => m.key),
      members.map(({ key, ...entry }) => entry),
    ),
    limits,
  );
  const listed = warnings.size > 0 ? { warnings: warnings.toArray() } : {};
  return { ...result, ...listed, kept: { value: members, sends: sends || undefined } };
}

/** Warns about a `%` kept literally and about escapes that are not valid UTF-8. */
function checkEscapes(s: string, a: number, b: number, warnings: ProblemList): void {
  for (let i = s.indexOf('%', a); i >= 0 && i < b; i = s.indexOf('%', i + 1)) {
    const run = /^(?:%[0-9A-Fa-f]{2})+/.exec(s.slice(i, b))?.[0];
    if (!run) {
      const message = `'%' not followed by two hex digits is kept as a literal '%' (encode it as %25)`;
      warnings.add(problem('literal-percent', message, i, 'BG-14'));
      continue;
    }
    // decodeURIComponent throws exactly where UTF-8 is invalid (overlong forms and surrogates too).
    try {
      decodeURIComponent(run);
    } catch {
      warnings.add(problem('invalid-utf8', 'these escapes are not valid UTF-8: they decode to U+FFFD', i, 'BG-10'));
    }
    i += run.length - 1;
  }
}
