/** Properties of the trace-context codecs, checked with fast-check against the reference grammar. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { formatTraceparent, parseTraceparent } from '../../src/trace-context/traceparent.js';
import { inspectTraceparent } from '../../src/trace-context/traceparent-inspect.js';
import { parseTraceState, TraceState } from '../../src/trace-context/tracestate.js';
import { inspectTraceState } from '../../src/trace-context/tracestate-inspect.js';
import { TRACEPARENT_RE, TRACESTATE_MEMBER_RE, TRACESTATE_RE } from '../helpers/abnf.js';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Math.max(10, Number(env.FUZZ_RUNS ?? 1000) || 1000);

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n }).filter((s) => /[^0]/.test(s));
const fields = fc.record({ traceId: hex(32), spanId: hex(16), traceFlags: fc.integer({ min: 0, max: 255 }) });

const lcalpha = 'abcdefghijklmnopqrstuvwxyz0123456789';
const key = fc
  .tuple(
    fc.constantFrom(...lcalpha),
    fc.string({ unit: fc.constantFrom(...lcalpha, '_', '-', '*', '/', '@'), maxLength: 40 }),
  )
  .map(([a, b]) => a + b);
const valueChars = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)).filter(
  (c) => c !== ',' && c !== '=',
);
const value = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...valueChars), maxLength: 60 }),
    fc.constantFrom(...valueChars.filter((c) => c !== ' ')),
  )
  .map(([a, b]) => a + b);
const members = fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 32 });
const traceState = members.map((ms) => ms.reduceRight((ts, [k, v]) => ts.set(k, v), new TraceState()));

test('TC-2 TC-10 parseTraceparent(formatTraceparent(x)) is x with known flag bits; output matches the grammar', () => {
  fc.assert(
    fc.property(fields, (f) => {
      const header = formatTraceparent(f);
      assert.ok(TRACEPARENT_RE.test(header), header);
      assert.equal(parseTraceparent(header), { ...f, traceFlags: f.traceFlags & 3 });
    }),
    { numRuns },
  );
});

test('TC-9 a higher version with extra fields parses the first four', () => {
  fc.assert(
    fc.property(fields, fc.integer({ min: 1, max: 254 }), fc.string({ maxLength: 30 }), (f, version, rest) => {
      const v = version.toString(16).padStart(2, '0');
      const flags = f.traceFlags.toString(16).padStart(2, '0');
      const header = `${v}-${f.traceId}-${f.spanId}-${flags}-${rest}`;
      assert.equal(parseTraceparent(header), { ...f });
      assert.ok(inspectTraceparent(header).valid);
    }),
    { numRuns },
  );
});

test('TC-11 random junk never throws, parse yields a valid value or undefined, and inspect agrees', () => {
  const junk = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdefABF-, \t'), minLength: 50, maxLength: 70 }),
    fields
      .map((f) => formatTraceparent(f))
      .chain((h) =>
        fc
          .tuple(fc.nat(h.length), fc.string({ maxLength: 2 }))
          .map(([i, s]) => h.slice(0, i) + s + h.slice(i + s.length)),
      ),
  );
  fc.assert(
    fc.property(junk, (s) => {
      const parsed = parseTraceparent(s);
      if (parsed) assert.ok(TRACEPARENT_RE.test(formatTraceparent(parsed)));
      assert.is(inspectTraceparent(s).valid, parsed !== undefined, JSON.stringify(s));
    }),
    { numRuns },
  );
});

test('TC-22 TC-23 every serialized TraceState matches the grammar and round-trips', () => {
  fc.assert(
    fc.property(traceState, (ts) => {
      const header = ts.serialize(Infinity);
      if (ts.size > 0) assert.ok(TRACESTATE_RE.test(header), header);
      const back = parseTraceState(header);
      assert.equal(back && [...back], [...ts]);
      assert.ok(inspectTraceState(header).valid);
    }),
    { numRuns },
  );
});

test('TC-26 random tracestate junk never throws; parse and inspect agree; results are valid', () => {
  const junk = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: fc.constantFrom(...'ab0@_-*/=, \t'), maxLength: 60 }),
    fc.array(fc.string({ unit: fc.constantFrom(...'ab=, \t'), maxLength: 12 }), { maxLength: 4 }),
  );
  fc.assert(
    fc.property(junk, (s) => {
      const parsed = parseTraceState(s);
      if (parsed && parsed.size > 0) assert.ok(TRACESTATE_RE.test(parsed.serialize(Infinity)));
      assert.is(inspectTraceState(s).valid, parsed !== undefined, JSON.stringify(s));
    }),
    { numRuns },
  );
});

test('TC-29 TC-30 serialize(n): at most n chars when possible, whole members, long ones dropped first', () => {
  const longish = fc.uniqueArray(
    fc.tuple(key, fc.oneof(value, fc.string({ unit: fc.constantFrom('x'), minLength: 120, maxLength: 250 }))),
    { selector: ([k]) => k, maxLength: 32 },
  );
  fc.assert(
    fc.property(longish, fc.integer({ min: 0, max: 1200 }), (ms, n) => {
      const ts = ms.reduceRight((acc, [k, v]) => acc.set(k, v), new TraceState());
      const out = ts.serialize(n);
      assert.ok(out.length <= n, `${out.length} > ${n}`);
      const kept = out === '' ? [] : out.split(',');
      const all = [...ts].map(([k, v]) => `${k}=${v}`);
      for (const m of kept) assert.ok(TRACESTATE_MEMBER_RE.test(m) && all.includes(m), m);
      // kept members keep their order
      assert.equal(
        kept,
        all.filter((m) => kept.includes(m)),
      );
      // a long member survives only if every short member survived
      if (kept.some((m) => m.length > 128))
        assert.ok(all.filter((m) => m.length <= 128).every((m) => kept.includes(m)));
      // the short members kept are a prefix of the short members (dropped from the right)
      const shortAll = all.filter((m) => m.length <= 128);
      const shortKept = kept.filter((m) => m.length <= 128);
      assert.equal(shortKept, shortAll.slice(0, shortKept.length));
      if (all.join(',').length <= n) assert.is(out, all.join(','));
    }),
    { numRuns },
  );
});

test('TC-28 set never leaves a duplicate and keeps at most 32 members', () => {
  fc.assert(
    fc.property(traceState, key, value, (ts, k, v) => {
      const next = ts.set(k, v);
      const keys = [...next].map(([x]) => x);
      assert.is(new Set(keys).size, keys.length);
      assert.ok(next.size <= 32);
      assert.equal([...next][0], [k, v]);
    }),
    { numRuns },
  );
});

test('TC-31 a parsed tracestate serializes to its members joined, with or without OWS or empty members', () => {
  const ows = fc.constantFrom('', ' ', '\t', ' \t ');
  fc.assert(
    fc.property(members, fc.array(fc.tuple(ows, ows, fc.boolean()), { minLength: 33, maxLength: 33 }), (ms, pads) => {
      const header = ms.map(([k, v], i) => `${pads[i][0]}${k}=${v}${pads[i][1]}${pads[i][2] ? ',' : ''}`).join(',');
      const parsed = parseTraceState(header);
      assert.ok(parsed);
      const joined = ms.map(([k, v]) => `${k}=${v}`).join(',');
      assert.is(parsed!.serialize(Infinity), joined);
      assert.is(parsed!.serialize(), new TraceState(joined).serialize());
    }),
    { numRuns },
  );
});

test.run();
