// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * `inspectTraceState`: the slow path that says why a tracestate is discarded (TC-18 .. TC-30),
 * for people and the CLI. Valid exactly when `parseTraceState` is, with the same options.
 */
import { describeChar, NOTHING_KEPT, problem, type KeptInspection, type Problem } from '../inspect/problem.js';
import { ProblemList } from '../inspect/problems.js';
import { skipOws } from '../internal/chars.js';
import {
  inputCap,
  IS_KEY,
  IS_VALUE,
  joinedLength,
  TRACESTATE_MAX_KEY_LENGTH,
  TRACESTATE_MAX_MEMBERS,
  TRACESTATE_MAX_VALUE_LENGTH,
  type TraceStateParseOptions,
} from './tracestate.js';

const SPACE = 0x20;
const EQUALS = 0x3d;

// Char classes, indexed by char code below 128, read off the parser's own
// key and value patterns so that both follow one grammar.
const KEY_FIRST = 1; // a-z 0-9
const KEY_CHAR = 2; // a-z 0-9 _ - * / @
const VALUE_CHAR = 4; // 0x21-0x7e except ',' and '='
const CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    table[c] =
      (IS_KEY.test(ch) ? KEY_FIRST : 0) | (IS_KEY.test('a' + ch) ? KEY_CHAR : 0) | (IS_VALUE.test(ch) ? VALUE_CHAR : 0);
  }
  return table;
})();

function classOf(c: number): number {
  return c < 128 ? CLASS[c]! : 0;
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
 * same options. `kept` is what a propagator keeps (the members, a repeated key's left-most
 * occurrence only) and sends on (all of them, whatever their length: a pass-through does not
 * change tracestate, TC-33), or nothing when the tracestate is discarded (TC-26). Bounded work
 * on hostile input: input over the cap is one `too-long` error; only the first 32 members are
 * examined (more is `too-many-members` anyway), and problems are listed as every inspector lists
 * them (inspect/problems.ts: 32, then one `too-many-problems`).
 */
export function inspectTraceState(
  value: unknown,
  options?: TraceStateParseOptions,
): KeptInspection<TraceStateMember[]> {
  const max = inputCap(options);
  let length = typeof value === 'string' ? value.length : 0;
  if (Array.isArray(value)) {
    length = joinedLength(value);
    if (length < 0) {
      const bad = value.findIndex((v) => typeof v !== 'string');
      return {
        valid: false,
        errors: [problem('not-a-string', `value ${bad} is not a string`, 0, 'TC-20')],
        kept: NOTHING_KEPT,
      };
    }
  } else if (typeof value !== 'string') {
    return {
      valid: false,
      errors: [problem('not-a-string', `expected a string, got ${value === null ? 'null' : typeof value}`, 0, 'TC-20')],
      kept: NOTHING_KEPT,
    };
  }
  if (length > max) {
    return {
      valid: false,
      errors: [
        problem(
          'too-long',
          `the tracestate has ${length} chars; at most ${max} are read (maxLength), ` +
            'so the whole tracestate is discarded',
          max,
          'TC-29',
        ),
      ],
      kept: NOTHING_KEPT,
    };
  }
  const s: string = Array.isArray(value) ? value.join(',') : (value as string);
  const found: Found = { errors: new ProblemList('TC-26'), warnings: [], members: [], seen: new Set() };
  let count = 0; // non-empty members, all of them; only the first 32 are examined
  let tooManyAt = 0;
  let start = 0;
  while (start <= s.length) {
    let end = s.indexOf(',', start);
    if (end < 0) end = s.length;
    const a = skipOws(s, start, end);
    const b = skipOws(s, end, a);
    if (a < b) {
      count++;
      if (count <= TRACESTATE_MAX_MEMBERS) inspectMember(s, a, b, found);
      else if (count === TRACESTATE_MAX_MEMBERS + 1) tooManyAt = a;
    }
    start = end + 1;
  }
  if (count > TRACESTATE_MAX_MEMBERS) {
    const message =
      `${count} members; at most ${TRACESTATE_MAX_MEMBERS} are allowed, ` + 'so the whole tracestate is discarded';
    found.errors.add(problem('too-many-members', message, tooManyAt, 'TC-21'));
  }
  const { errors, warnings, members } = found;
  const result =
    errors.size > 0 ? { valid: false as const, errors: errors.toArray() } : { valid: true as const, value: members };
  const kept = errors.size > 0 ? NOTHING_KEPT : keptOf(members);
  return { ...result, ...(warnings.length > 0 ? { warnings } : {}), kept };
}

function keptOf(members: TraceStateMember[]): KeptInspection<TraceStateMember[]>['kept'] {
  // A received tracestate goes on whole, whatever its length (TC-33): its members joined.
  const sends = members.map((m) => m.key + '=' + m.value).join(',');
  return { value: members, sends: sends || undefined };
}

/** What `inspectMember` collects. */
interface Found {
  errors: ProblemList;
  /** Repeated keys: at most one per examined member, so bounded too. */
  warnings: Problem[];
  members: TraceStateMember[];
  seen: Set<string>;
}

function report(found: Found, p: Problem): void {
  found.errors.add(p);
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
    report(
      found,
      problem('bad-key-start', `a key starts with a-z or 0-9, not ${describeChar(s.charCodeAt(a))}`, a, 'TC-22'),
    );
  } else {
    for (let i = a + 1; i < eq; i++) {
      const c = s.charCodeAt(i);
      if (!(classOf(c) & KEY_CHAR)) {
        const upper = c >= 0x41 && c <= 0x5a;
        report(
          found,
          problem(
            'bad-key-char',
            `${describeChar(c)} is not allowed in a key${upper ? ' (keys are lower case)' : ''}: a-z 0-9 _ - * / @`,
            i,
            'TC-22',
          ),
        );
        break;
      }
    }
    if (eq - a > TRACESTATE_MAX_KEY_LENGTH)
      report(found, problem('key-too-long', `the key has ${eq - a} chars; at most 256`, a, 'TC-22'));
  }
  if (eq + 1 === b)
    report(found, problem('empty-value', `key '${excerpt(s, a, eq)}' has an empty value`, eq + 1, 'TC-23'));
  for (let i = eq + 1; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === SPACE || classOf(c) & VALUE_CHAR) continue;
    const what = c === EQUALS ? "'=' is not allowed in a value" : `${describeChar(c)} is not allowed in a value`;
    report(found, problem('bad-value-char', what, i, 'TC-23'));
    break;
  }
  if (b - eq - 1 > TRACESTATE_MAX_VALUE_LENGTH)
    report(found, problem('value-too-long', `the value has ${b - eq - 1} chars; at most 256`, eq + 1, 'TC-23'));
  const key = s.slice(a, eq);
  // A Set, not a scan of earlier keys: duplicate detection stays linear.
  if (found.seen.has(key)) {
    found.warnings.push(
      problem(
        'duplicate-key',
        `key '${excerpt(s, a, eq)}' appears again: a sender must not repeat a key (TC-28); ` +
          'receivers keep the left-most and drop this one',
        a,
        'TC-28',
      ),
    );
    return;
  }
  found.seen.add(key);
  found.members.push({ key, value: s.slice(eq + 1, b), offset: a });
}
