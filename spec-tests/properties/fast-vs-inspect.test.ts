/**
 * The fast `parse*` paths and the slow `inspect*` paths are one truth (STYLE.md, example 3):
 * a speed-up in a parser can never make it accept what its inspector rejects, or the reverse.
 * Inputs mix valid headers, valid headers with one to six edits, and arbitrary strings.
 *
 * PROPERTY_RUNS sets the runs per property (default 3,000, a few seconds in CI).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  formatBaggage,
  formatTraceparent,
  inspectBaggage,
  inspectTraceparent,
  inspectTraceState,
  parseBaggage,
  parseTraceparent,
  parseTraceState,
  type BaggageMember,
  type Problem,
} from '../../src/index.js';
import { BAGGAGES, TRACEPARENTS, TRACESTATES, wireString } from '../fuzz/arbitraries.js';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Math.max(10, Number(env.PROPERTY_RUNS) || 3000);

const hexString = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });

/** Valid traceparents of every version but ff, some with OWS or (for higher versions) a tail. */
const validTraceparent = fc
  .tuple(
    hexString(2),
    hexString(32),
    hexString(16),
    hexString(2),
    fc.constantFrom('', ' ', '\t', '  '),
    fc.constantFrom('', '-x', '-abc-def'),
  )
  .filter(([v, t, s]) => v !== 'ff' && /[^0]/.test(t) && /[^0]/.test(s))
  .map(([v, t, s, f, ows, tail]) => `${ows}${v}-${t}-${s}-${f}${v === '00' ? '' : tail}${ows}`);

const tsKey = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_-*/@'), maxLength: 12 }),
  )
  .map(([a, b]) => a + b);
const tsValue = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019!~+/ .:'), minLength: 1, maxLength: 16 })
  .filter((v) => !v.endsWith(' '));
const validTraceState = fc
  .uniqueArray(fc.tuple(tsKey, tsValue), { selector: ([k]) => k, maxLength: 34 })
  .chain((ms) => fc.constantFrom(',', ', ', ' ,\t').map((sep) => ms.map(([k, v]) => `${k}=${v}`).join(sep)));

const token = fc.string({ unit: fc.constantFrom(..."abcXYZ019!#$&'*+-.^_`|~"), minLength: 1, maxLength: 10 });
const octets = fc.string({
  unit: fc.constantFrom(...'abcXYZ019!#$&()*+-./:<=>?@[]^_`{|}~', '%41', '%E2%9C%93', '%C3', '%'),
  maxLength: 10,
});
/** OWS (BG-6) wherever the grammar allows it: around members, '=', ';' and ','. */
const ows = fc.constantFrom('', '', ' ', '\t', ' \t ');
const property = fc.tuple(ows, token, ows, fc.option(fc.tuple(ows, octets), { nil: undefined }));
const validBaggage = fc
  .array(fc.tuple(ows, token, ows, ows, octets, fc.array(property, { maxLength: 3 }), ows), {
    minLength: 1,
    maxLength: 12,
  })
  .map((ms) =>
    ms
      .map(
        ([o1, k, o2, o3, v, ps, o4]) =>
          o1 +
          k +
          o2 +
          '=' +
          o3 +
          v +
          ps.map(([a, pk, b, pv]) => a + ';' + b + pk + (pv === undefined ? '' : a + '=' + pv[0] + pv[1])).join('') +
          o4,
      )
      .join(','),
  );

/** Valid headers, mutated ones and arbitrary strings, in about equal parts. */
function wire(valid: fc.Arbitrary<string>, samples: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    valid,
    wireString(samples),
    valid.chain((v) => wireString([v])),
  );
}

test('TC-2 .. TC-13 parseTraceparent(x) is defined exactly when inspectTraceparent(x).valid, same fields', () => {
  fc.assert(
    fc.property(wire(validTraceparent, TRACEPARENTS), (x) => {
      const parsed = parseTraceparent(x);
      const inspected = inspectTraceparent(x);
      assert.is(parsed !== undefined, inspected.valid, JSON.stringify(x));
      if (parsed !== undefined && inspected.valid) {
        assert.equal(
          { traceId: inspected.value.traceId, spanId: inspected.value.spanId, traceFlags: inspected.value.traceFlags },
          parsed,
        );
      }
    }),
    { numRuns },
  );
});

test('TC-18 .. TC-28 parseTraceState(x) is defined exactly when inspectTraceState(x).valid, same members', () => {
  fc.assert(
    fc.property(
      fc.oneof(wire(validTraceState, TRACESTATES), fc.array(wire(validTraceState, TRACESTATES), { maxLength: 3 })),
      (x) => {
        const parsed = parseTraceState(x);
        const inspected = inspectTraceState(x);
        assert.is(parsed !== undefined, inspected.valid, JSON.stringify(x));
        if (parsed !== undefined && inspected.valid) {
          assert.equal(
            [...parsed],
            inspected.value.map((m) => [m.key, m.value]),
          );
        }
      },
    ),
    { numRuns },
  );
});

/** The list members of `s` split at commas, as [start, end) ranges (OWS not trimmed). */
function segments(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start <= s.length; ) {
    let end = s.indexOf(',', start);
    if (end < 0) end = s.length;
    out.push([start, end]);
    start = end + 1;
  }
  return out;
}

function parsedMembers(x: string | string[]): BaggageMember[] {
  return parseBaggage(x).members();
}

/**
 * The baggage property, precisely. Split x at its commas into members m1..mn. A member is
 * flagged when an error of inspectBaggage(x) has its offset inside it (its own comma
 * included); a `too-many-members` / `too-long` error flags its member and every later one.
 * Then parseBaggage(x) keeps exactly the unflagged members: joined again by commas they make
 * a header y that inspectBaggage finds valid, and parseBaggage(x) equals inspectBaggage(y).value
 * member for member (key, decoded value, properties). When x is valid, y is x, which is the
 * plain statement "parse keeps exactly the members inspect returns".
 * Once inspect stops listing (`too-many-problems`), only "parse keeps a subset of unflagged
 * members" is checked.
 */
function checkBaggage(x: string): void {
  const inspected = inspectBaggage(x);
  const parsed = parsedMembers(x);
  if (inspected.valid) {
    assert.equal(parsed, inspected.value, JSON.stringify(x));
    return;
  }
  const errors: readonly Problem[] = inspected.errors;
  const segs = segments(x);
  const flagged = segs.map(([a, b]) => errors.some((e) => e.offset >= a && e.offset <= b));
  const cut = errors.find((e) => e.code === 'too-many-members' || e.code === 'too-long');
  if (cut !== undefined) {
    const from = segs.findIndex(([a, b]) => cut.offset >= a && cut.offset <= b);
    for (let i = from; i < segs.length; i++) flagged[i] = true;
  }
  const y = segs
    .filter((_, i) => !flagged[i])
    .map(([a, b]) => x.slice(a, b))
    .join(',');
  const complete = !errors.some((e) => e.code === 'too-many-problems');
  const reinspected = inspectBaggage(y);
  if (complete) {
    assert.ok(reinspected.valid, `unflagged members of ${JSON.stringify(x)} are not valid: ${JSON.stringify(y)}`);
    if (reinspected.valid) assert.equal(parsed, reinspected.value, JSON.stringify(x));
  } else {
    // Not every problem is listed: parse keeps at most the members of y.
    assert.ok(parsed.length <= segs.filter((_, i) => !flagged[i]).length, JSON.stringify(x));
  }
}

test('BG-3 .. BG-20 parseBaggage keeps exactly the members inspectBaggage does not flag, decoded the same', () => {
  fc.assert(fc.property(wire(validBaggage, BAGGAGES), checkBaggage), { numRuns });
});

test('BG-2 BG-18 several baggage values read as one list joined by commas', () => {
  fc.assert(
    fc.property(fc.array(wire(validBaggage, BAGGAGES), { maxLength: 4 }), (xs) => {
      assert.equal(parsedMembers(xs), parsedMembers(xs.join(',')));
      const joined = inspectBaggage(xs.join(','));
      const inspected = inspectBaggage(xs);
      assert.is(inspected.valid, joined.valid);
    }),
    { numRuns: Math.ceil(numRuns / 3) },
  );
});

/** Tracestates with repeated keys (TC-28) and long members that serialize cuts (TC-30). */
const repeatedKeyTraceState = fc
  .array(fc.tuple(fc.constantFrom('a', 'b', 'c@d', '0'), tsValue), { minLength: 1, maxLength: 8 })
  .map((ms) => ms.map(([k, v]) => `${k}=${v}`).join(','));
const longValue = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019!~+/ .:'), minLength: 60, maxLength: 256 })
  .filter((v) => !v.endsWith(' '));
const longTraceState = fc
  .uniqueArray(fc.tuple(tsKey, longValue), { selector: ([k]) => k, minLength: 1, maxLength: 10 })
  .map((ms) => ms.map(([k, v]) => `${k}=${v}`).join(','));
const anyTraceState = fc.oneof(
  wire(validTraceState, TRACESTATES),
  repeatedKeyTraceState,
  longTraceState,
  wire(repeatedKeyTraceState, TRACESTATES),
);

test('TC-11 inspectTraceparent(x).kept is what parseTraceparent keeps and formatTraceparent sends on', () => {
  fc.assert(
    fc.property(wire(validTraceparent, TRACEPARENTS), (x) => {
      const parsed = parseTraceparent(x);
      const { kept } = inspectTraceparent(x);
      assert.equal(kept.value, parsed, JSON.stringify(x));
      assert.is(kept.sends, parsed && formatTraceparent(parsed), JSON.stringify(x));
    }),
    { numRuns },
  );
});

test('TC-26 TC-28 TC-30 inspectTraceState(x).kept is what parseTraceState keeps and serialize() sends on', () => {
  fc.assert(
    fc.property(fc.oneof(anyTraceState, fc.array(anyTraceState, { maxLength: 3 })), (x) => {
      const parsed = parseTraceState(x);
      const { kept } = inspectTraceState(x);
      if (parsed === undefined) {
        assert.equal(kept, { value: undefined, sends: undefined }, JSON.stringify(x));
        return;
      }
      assert.equal(
        kept.value?.map((m) => [m.key, m.value]),
        [...parsed],
        JSON.stringify(x),
      );
      assert.is(kept.sends, parsed.serialize() || undefined, JSON.stringify(x));
    }),
    { numRuns },
  );
});

/**
 * Headers around the limits: up to 200 members, one of them up to 5,000 bytes (BG-16, BG-17).
 * Their '#' grows to '%23' when sent on, so the limits bite on output too.
 */
const limitBaggage = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2500 }), fc.nat())
  .map(([n, big, at]) => {
    const members = Array.from({ length: n }, (_, i) => `k${i}=v#${i}`);
    members.splice(n === 0 ? 0 : at % n, 0, `big=${'x#'.repeat(big)}`);
    return members.join(',');
  });

test('BG-16 BG-20 inspectBaggage(x).kept is what parseBaggage keeps and formatBaggage sends on', () => {
  fc.assert(
    fc.property(
      fc.oneof(wire(validBaggage, BAGGAGES), limitBaggage, fc.array(wire(validBaggage, BAGGAGES), { maxLength: 3 })),
      (x) => {
        const parsed = parseBaggage(x);
        const { kept } = inspectBaggage(x);
        assert.equal(kept.value, parsed.members(), JSON.stringify(x));
        assert.is(kept.sends, formatBaggage(parsed) || undefined, JSON.stringify(x));
      },
    ),
    { numRuns },
  );
});

test('BG-16 inspectBaggage(x, limits).kept follows the limits given, as parseBaggage does', () => {
  fc.assert(
    fc.property(
      limitBaggage,
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 1, max: 3000 }),
      fc.integer({ min: 1, max: 9000 }),
      (x, maxMembers, maxMemberBytes, maxTotalBytes) => {
        const limits = { maxMembers, maxMemberBytes, maxTotalBytes };
        const parsed = parseBaggage(x, limits);
        const { kept } = inspectBaggage(x, limits);
        assert.equal(kept.value, parsed.members(), JSON.stringify({ x: x.slice(0, 80), limits }));
        assert.is(kept.sends, formatBaggage(parsed, limits) || undefined);
      },
    ),
    { numRuns: Math.ceil(numRuns / 10) },
  );
});

test.run();
