/**
 * Hostile input against every Trace Context entry point: never throws, never yields an
 * invalid value, never mutates the carrier, never touches a prototype (TC-11, TC-13,
 * TC-18, TC-19, TC-26; DESIGN "Behaviour on bad input").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  formatTraceparent,
  getSpanContext,
  inspectTraceparent,
  inspectTraceState,
  parseTraceparent,
  parseTraceState,
  ROOT_CONTEXT,
  setSpanContext,
  TraceState,
  W3CTraceContextPropagator,
  type SpanContext,
} from '../../src/index.js';
import { TRACEPARENT_RE, TRACESTATE_RE } from '../helpers/abnf.js';
import {
  assertPrototypesClean,
  carrierKind,
  FUZZ_RUNS,
  FUZZ_RUNS_HEAVY,
  headerName,
  headerValue,
  makeCarrier,
  PROTOTYPE_KEYS,
  snapshot,
  throwingProxy,
  TRACEPARENTS,
  TRACESTATES,
  wireString,
  foreignTraceState,
} from './arbitraries.js';

const runs = { numRuns: FUZZ_RUNS };
const propagator = new W3CTraceContextPropagator();
const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

function assertValidFields(fields: { traceId: string; spanId: string; traceFlags: number }): void {
  assert.ok(HEX32.test(fields.traceId) && !/^0+$/.test(fields.traceId), `trace id ${fields.traceId}`);
  assert.ok(HEX16.test(fields.spanId) && !/^0+$/.test(fields.spanId), `span id ${fields.spanId}`);
  assert.ok(Number.isInteger(fields.traceFlags) && fields.traceFlags >= 0 && fields.traceFlags <= 255);
  assert.ok(TRACEPARENT_RE.test(formatTraceparent(fields)));
}

test('TC-11 parseTraceparent: any string gives a valid value or undefined, and inspect agrees', () => {
  fc.assert(
    fc.property(wireString(TRACEPARENTS), (value) => {
      const parsed = parseTraceparent(value);
      if (parsed !== undefined) assertValidFields(parsed);
      assert.is(inspectTraceparent(value).valid, parsed !== undefined);
    }),
    runs,
  );
});

test('TC-11 parseTraceparent and inspectTraceparent: non-string input is undefined, never a throw', () => {
  fc.assert(
    fc.property(fc.anything(), (value) => {
      if (typeof value === 'string') return;
      assert.is(parseTraceparent(value as string), undefined);
      assert.is(inspectTraceparent(value).valid, false);
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
});

test('TC-26 parseTraceState: any string or list gives a valid tracestate or undefined, and inspect agrees', () => {
  fc.assert(
    fc.property(fc.oneof(wireString(TRACESTATES), fc.array(wireString(TRACESTATES), { maxLength: 4 })), (value) => {
      const parsed = parseTraceState(value);
      if (parsed !== undefined) {
        assert.ok(parsed.size <= 32);
        const header = parsed.serialize(Infinity);
        assert.ok(header === '' || TRACESTATE_RE.test(header), header);
        for (const [key] of parsed)
          assert.not.ok(key === '__proto__' && Object.prototype.hasOwnProperty.call(parsed, key));
      }
      assert.is(inspectTraceState(value).valid, parsed !== undefined);
    }),
    runs,
  );
  assertPrototypesClean();
});

test('TC-26 parseTraceState: non-string input is undefined, never a throw', () => {
  fc.assert(
    fc.property(fc.anything(), (value) => {
      if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) return;
      assert.is(parseTraceState(value as string), undefined);
      assert.is(inspectTraceState(value).valid, false);
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
});

test('TC-18 extract through every carrier kind: no throw, carrier untouched, result valid or context unchanged', () => {
  const names = ['traceparent', 'tracestate'];
  const pair = fc.tuple(headerName(names), fc.oneof(headerValue(TRACEPARENTS), headerValue(TRACESTATES)));
  fc.assert(
    fc.property(carrierKind, fc.array(pair, { maxLength: 5 }), (kind, pairs) => {
      const carrier = makeCarrier(kind, pairs);
      const before = snapshot(carrier);
      const ctx = propagator.extract(ROOT_CONTEXT, carrier);
      assert.is(snapshot(carrier), before);
      if (ctx === ROOT_CONTEXT) return;
      const sc = getSpanContext(ctx) as SpanContext;
      assert.ok(sc.isRemote);
      assertValidFields(sc);
      // An invalid tracestate reads as empty (it is parsed on first use).
      const traceState = sc.traceState?.serialize() ?? '';
      if (traceState !== '') assert.ok(TRACESTATE_RE.test(traceState));
    }),
    runs,
  );
  assertPrototypesClean();
});

test('TC-11 extract from hostile carriers and getters returns the context unchanged', () => {
  const hostile: unknown[] = [
    null,
    undefined,
    0,
    'traceparent',
    Symbol('x'),
    () => {},
    throwingProxy(),
    [],
    new Set(['traceparent']),
  ];
  const withThrowingProperty = {};
  Object.defineProperty(withThrowingProperty, 'traceparent', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  hostile.push(withThrowingProperty);
  for (const carrier of hostile) assert.is(propagator.extract(ROOT_CONTEXT, carrier), ROOT_CONTEXT);
  const getters = [
    {
      keys: () => [],
      get: () => {
        throw new Error('boom');
      },
    },
    { keys: () => [], get: () => 42 },
    { keys: () => [], get: () => [42, 'x'] },
    { keys: () => [], get: () => ({ toString: () => TRACEPARENTS[0] }) },
  ];
  for (const getter of getters) {
    assert.is(propagator.extract(ROOT_CONTEXT, {}, getter as never), ROOT_CONTEXT);
  }
});

test('TC-13 prototype keys as carrier keys are plain data: nothing leaks into prototypes', () => {
  fc.assert(
    fc.property(fc.constantFrom(...PROTOTYPE_KEYS), headerValue(TRACEPARENTS), carrierKind, (key, value, kind) => {
      const carrier = makeCarrier(kind, [
        [key, value],
        ['traceparent', TRACEPARENTS[0]],
      ]);
      const ctx = propagator.extract(ROOT_CONTEXT, carrier);
      assert.is(getSpanContext(ctx)?.traceId, '0af7651916cd43dd8448eb211c80319c');
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
  assertPrototypesClean();
});

test('TC-10 inject writes only grammar-valid headers, whatever span context the caller made', () => {
  const anyTraceState = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...TRACESTATES).map((s) => new TraceState(s)),
    wireString(TRACESTATES).map(foreignTraceState),
    fc.constant({
      serialize: () => {
        throw new Error('boom');
      },
      get: () => undefined,
      set() {
        return this;
      },
      unset() {
        return this;
      },
    }),
  );
  const spanContext = fc.record({
    traceId: fc.oneof(
      fc.constant('0af7651916cd43dd8448eb211c80319c'),
      fc.string({ maxLength: 40 }),
      fc.stringMatching(/^[0-9a-fA-F]{32}$/),
    ),
    spanId: fc.oneof(
      fc.constant('b7ad6b7169203331'),
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^[0-9a-f]{16}$/),
    ),
    traceFlags: fc.oneof(fc.integer(), fc.double(), fc.constant(NaN)),
    traceState: anyTraceState,
  });
  fc.assert(
    fc.property(spanContext, (sc) => {
      const carrier: Record<string, string> = {};
      try {
        propagator.inject(setSpanContext(ROOT_CONTEXT, sc as SpanContext), carrier);
      } catch (error) {
        assert.unreachable(`inject threw ${String(error)}`);
      }
      for (const [name, value] of Object.entries(carrier)) {
        assert.ok(name === 'traceparent' || name === 'tracestate', name);
        assert.ok((name === 'traceparent' ? TRACEPARENT_RE : TRACESTATE_RE).test(value), `${name}: ${value}`);
      }
      assert.ok(!('tracestate' in carrier) || 'traceparent' in carrier);
    }),
    runs,
  );
});

test('TC-12 a megabyte of whitespace, commas or near-valid members is handled without a throw', () => {
  const mb = 1 << 20;
  assert.is(parseTraceparent(' '.repeat(mb) + TRACEPARENTS[0])?.spanId, 'b7ad6b7169203331');
  const inputs = ['\t'.repeat(mb), ','.repeat(mb), 'a=1,'.repeat(mb / 4), 'k='.repeat(mb / 2), 'a'.repeat(mb) + '=1'];
  for (const input of inputs) {
    assert.is(parseTraceparent(input), undefined);
    const ts = parseTraceState(input);
    assert.ok(ts === undefined || ts.size === 0);
    assert.is(
      propagator.extract(ROOT_CONTEXT, { traceparent: TRACEPARENTS[0], tracestate: input }) !== ROOT_CONTEXT,
      true,
    );
  }
});

test.run();
