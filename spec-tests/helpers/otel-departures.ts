/**
 * What the differential tests against OpenTelemetry JS share (trace-context/otel-differential,
 * baggage/otel-differential, otel/differential): generators of headers near the edges where
 * `@opentelemetry/core`'s parsing departs from the spec, and the checks that explain each
 * disagreement by its class. The classes and their rules are listed in the two
 * `otel-differential.test.ts` files.
 */
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { TRACESTATE_MEMBER_RE } from './abnf.js';

/** What a trace-context extract gave, comparable across implementations. */
export type Extracted = { traceId: string; spanId: string; traceFlags: number; traceState: string } | undefined;

const hexc = fc.constantFrom(...'0123456789abcdef');
export const hex = (n: number): fc.Arbitrary<string> => fc.string({ unit: hexc, minLength: n, maxLength: n });
const ws = fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 3 });
const otherSpace = fc.constantFrom('\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\ufeff');

/** Valid traceparents, then mutated near the edges the spec cares about (TC-2 .. TC-12). */
export const traceparentNearValid: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constant('00'), hex(2)),
    hex(32),
    hex(16),
    hex(2),
    fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 8 }).map((s) => '-' + s),
      fc.string({ maxLength: 3 }),
    ),
  )
  .chain(([v, t, s, f, rest]) => {
    const base = `${v}-${t}-${s}-${f}${rest}`;
    return fc.oneof(
      fc.constant(base),
      fc.tuple(ws, ws).map(([a, b]) => a + base + b),
      fc.tuple(otherSpace, fc.boolean()).map(([c, front]) => (front ? c + base : base + c)),
      fc
        .tuple(fc.nat(base.length), fc.constantFrom('A', 'F', 'g', '-', '0', ' ', ','))
        .map(([i, c]) => base.slice(0, i) + c + base.slice(i + 1)),
      fc.nat(base.length).map((i) => base.slice(0, i) + base.slice(i + 1)),
    );
  });

/** The runs of spaces and tabs at each end of a value. */
export function spaceRuns(s: string): [string, string] {
  const lead = /^[ \t]*/.exec(s)![0];
  const trail = /[ \t]*$/.exec(s)![0];
  return [lead, trail];
}

/**
 * Asserts that a traceparent both read differently is one of classes 1 and 2 (TC-12): ours took a
 * run of spaces/tabs OpenTelemetry cannot, or OpenTelemetry took another whitespace char at an end.
 */
export function explainTraceparentDeparture(
  header: string,
  ours: Extracted,
  otel: Extracted,
  otelAccepts: (header: string) => boolean,
): void {
  const [lead, trail] = spaceRuns(header);
  const inner = header.slice(lead.length, header.length - trail.length);
  if (ours !== undefined && otel === undefined) {
    // class 1: ours accepted with a run of spaces/tabs OpenTelemetry cannot take
    assert.ok(lead.length > 1 || trail.length > 1, JSON.stringify(header));
    assert.ok(otelAccepts(inner), JSON.stringify(inner));
    return;
  }
  // class 2: OpenTelemetry accepted a non-space/tab whitespace char at an end
  assert.is(ours, undefined, JSON.stringify(header));
  assert.ok(
    (/^\s/.test(header) && !/^[ \t]/.test(header)) || (/\s$/.test(header) && !/[ \t]$/.test(header)),
    JSON.stringify(header),
  );
}

const validMember = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('a', 'b', 'rojo', 'congo', 'k0', '9x', 'v_-*/'),
      fc.constantFrom('1', ' 2', 'x y', '!~', 't61rcWkgMzE'),
    )
    .map(([k, v]) => `${k}=${v}`),
  fc.constantFrom('foo@=1', 'foo@@bar=1', 'a@b@c=1', 'tenant@sys=1', `t@${'s'.repeat(15)}=1`, `x=${'v'.repeat(200)}`),
);
const invalidMember = fc.constantFrom(
  'B=2',
  'a=',
  'a=b=c',
  'a=x\ty',
  '@a=1',
  'nokey',
  'a=\u00e9',
  `${'k'.repeat(257)}=1`,
);
const blank = fc.constantFrom('', ' ', '\t ');

/** tracestate values: valid members of the current grammar and an older one, invalid ones, blanks, 30 to 36 members. */
export const tracestateNearValid: fc.Arbitrary<string> = fc
  .oneof(
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: validMember },
        { weight: 1, arbitrary: invalidMember },
        { weight: 1, arbitrary: blank },
      ),
      { maxLength: 10 },
    ),
    fc.integer({ min: 30, max: 36 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}=v`)),
  )
  .chain((ms) => fc.constantFrom(',', ', ', ' ,\t').map((sep) => ms.join(sep)));

/** A tracestate key OpenTelemetry accepts: the older draft's grammar (class 7 of the trace-context differential). */
export const isOldFormKey = (k: string): boolean =>
  /^[a-z][a-z0-9_\-*/]{0,255}$/.test(k) || /^[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13}$/.test(k);

const members = (s: string): string[] => (s === '' ? [] : s.split(','));

/**
 * Asserts that a tracestate both read differently (after the same valid traceparent) is one of
 * classes 5-9 (TC-21, TC-22, TC-26, TC-28, TC-29); `ours` and `otel` are the serialized results.
 */
export function explainTracestateDeparture(header: string, ours: string, otel: string): void {
  const otelMembers = members(otel);
  // OpenTelemetry never emits what the grammar rejects
  for (const m of otelMembers) assert.ok(TRACESTATE_MEMBER_RE.test(m), m);
  if (header.length > 512 && otel === '') return; // class 9
  const rawMembers = header
    .split(',')
    .map((m) => m.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((m) => m !== '');
  if (ours === '' && rawMembers.length > 0) {
    // ours discarded the whole value: class 5 (an invalid member) or 6 (> 32 members)
    const invalid = rawMembers.filter((m) => !TRACESTATE_MEMBER_RE.test(m));
    assert.ok(invalid.length > 0 || rawMembers.length > 32, header);
    for (const m of otelMembers) assert.ok(rawMembers.includes(m), m);
    return;
  }
  // ours kept every member but later occurrences of a key (class 8); OpenTelemetry dropped
  // keys of the current grammar (class 7) and may keep another occurrence of a key (class 8)
  const ourMembers = members(ours);
  const keyOf = (m: string) => m.slice(0, m.indexOf('='));
  assert.equal(
    ourMembers,
    rawMembers.filter((m, i) => rawMembers.findIndex((r) => keyOf(r) === keyOf(m)) === i),
  );
  const repeated = new Set(rawMembers.map(keyOf).filter((k, i, all) => all.indexOf(k) !== i));
  for (const m of otelMembers)
    assert.ok(ourMembers.includes(m) || (repeated.has(keyOf(m)) && rawMembers.includes(m)), m);
  const dropped = ourMembers.filter((m) => !otelMembers.includes(m));
  for (const m of dropped) {
    const k = keyOf(m);
    assert.ok(!isOldFormKey(k) || repeated.has(k), `unexplained drop of ${m}`);
  }
}

/** Baggage keys both treat alike: tokens that encodeURIComponent leaves alone, except `__proto__`. */
export const plainBaggageKey: fc.Arbitrary<string> = fc
  .stringMatching(/^[A-Za-z0-9_.~*'!-]{1,12}$/)
  .filter((k) => k !== '__proto__');
export const baggageValue: fc.Arbitrary<string> = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
/** Key/value pairs with unique keys: what OpenTelemetry's one-entry-per-key baggage can hold. */
export const uniqueBaggageEntries: fc.Arbitrary<[string, string][]> = fc.uniqueArray(
  fc.tuple(plainBaggageKey, baggageValue),
  { selector: ([k]) => k, maxLength: 15 },
);
export const ows: fc.Arbitrary<string> = fc.constantFrom('', ' ', '\t', '  ');
