/**
 * Hostile input against the Server-Timing entry points (TC-34; DESIGN "Behaviour on bad input"):
 * parse and inspect never throw and agree on validity, extract never changes the carrier or
 * touches a prototype, inject always writes a header that matches the grammar.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  envGetter,
  getResponseSpanContext,
  inspectServerTimingTrace,
  parseServerTimingTrace,
  ROOT_CONTEXT,
  setSpanContext,
  W3CTraceResponsePropagator,
  type SpanContext,
} from '../../src/index.js';
import { SERVER_TIMING_RE } from '../helpers/abnf.js';
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
  wireString,
} from './arbitraries.js';

const runs = { numRuns: FUZZ_RUNS };
const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const SERVER_TIMINGS = [
  `trace;desc=${TP}`,
  `miss, db;dur=53, app;dur=47.2, trace;desc="${TP}"`,
  `cache;desc="Cache Read";dur=23.2, Trace ; DESC = cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03-x`,
  `a;desc="x, \\"y\\"", trace;desc=${TP};desc=z`,
  ` , ,trace;dur=1;desc="0\\0-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"`,
];

function assertValidFields(f: { traceId: string; spanId: string; traceFlags: number }): void {
  assert.match(f.traceId, /^(?!0{32})[0-9a-f]{32}$/);
  assert.match(f.spanId, /^(?!0{16})[0-9a-f]{16}$/);
  assert.ok(Number.isInteger(f.traceFlags) && f.traceFlags >= 0 && f.traceFlags <= 255);
}

test('TC-34 parseServerTimingTrace: any string or list gives valid fields or undefined, and inspect agrees', () => {
  fc.assert(
    fc.property(
      fc.oneof(wireString(SERVER_TIMINGS), fc.array(wireString(SERVER_TIMINGS), { maxLength: 4 })),
      (value) => {
        const parsed = parseServerTimingTrace(value);
        if (parsed !== undefined) assertValidFields(parsed);
        const inspection = inspectServerTimingTrace(value);
        assert.is(inspection.valid, parsed !== undefined, JSON.stringify(value));
        if (inspection.valid)
          assert.equal(
            {
              traceId: inspection.value.traceId,
              spanId: inspection.value.spanId,
              traceFlags: inspection.value.traceFlags,
            },
            parsed,
          );
      },
    ),
    runs,
  );
});

test('TC-34 parseServerTimingTrace, inspectServerTimingTrace: any other input: undefined / invalid, no throw', () => {
  fc.assert(
    fc.property(fc.anything(), (value) => {
      if (typeof value === 'string' || Array.isArray(value)) return;
      assert.is(parseServerTimingTrace(value as string), undefined);
      assert.is(inspectServerTimingTrace(value).valid, false);
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
  for (const value of [
    throwingProxy(),
    new Proxy([], {
      get: () => {
        throw new Error('boom');
      },
    }),
    [throwingProxy()],
  ]) {
    assert.is(parseServerTimingTrace(value as string), undefined);
    assert.is(inspectServerTimingTrace(value).valid, false);
  }
});

test('TC-34 parseServerTimingTrace: any entry list gives valid fields or undefined', () => {
  const entry = fc.oneof(
    fc.record({
      name: fc.oneof(fc.constantFrom('trace', 'TRACE', 'db'), fc.string()),
      description: fc.oneof(wireString([TP]), fc.anything()),
      duration: fc.double(),
    }),
    fc.anything(),
  );
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 5 }), (entries) => {
      const parsed = parseServerTimingTrace(entries as never);
      if (parsed !== undefined) assertValidFields(parsed);
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
});

test('TC-34 extract through every carrier kind: no throw, carrier untouched, result valid or context unchanged', () => {
  const propagator = new W3CTraceResponsePropagator();
  const pair = fc.tuple(headerName(['server-timing']), headerValue(SERVER_TIMINGS));
  fc.assert(
    fc.property(carrierKind, fc.array(pair, { maxLength: 4 }), (kind, pairs) => {
      const carrier = makeCarrier(kind, pairs);
      const before = snapshot(carrier);
      const ctx = propagator.extract(ROOT_CONTEXT, carrier);
      assert.is(snapshot(carrier), before);
      if (ctx === ROOT_CONTEXT) return;
      const sc = getResponseSpanContext(ctx) as SpanContext;
      assert.ok(sc.isRemote);
      assertValidFields(sc);
    }),
    runs,
  );
  assertPrototypesClean();
});

test('TC-34 extract from hostile carriers returns the context unchanged; prototype keys stay data', () => {
  const propagator = new W3CTraceResponsePropagator();
  for (const carrier of [null, undefined, 0, 'server-timing', throwingProxy(), [], new Set(['server-timing'])]) {
    assert.is(propagator.extract(ROOT_CONTEXT, carrier), ROOT_CONTEXT);
  }
  for (const key of PROTOTYPE_KEYS) {
    const carrier = makeCarrier('object', [
      [key, `trace;desc=${TP}`],
      ['server-timing', `trace;desc=${TP}`],
    ]);
    assert.is(getResponseSpanContext(propagator.extract(ROOT_CONTEXT, carrier))?.spanId, 'b7ad6b7169203331');
  }
  assertPrototypesClean();
});

test('TC-34 inject writes a grammar-valid Server-Timing, whatever span context and existing value', () => {
  const propagator = new W3CTraceResponsePropagator();
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
  });
  fc.assert(
    fc.property(spanContext, fc.option(headerValue(SERVER_TIMINGS), { nil: undefined }), (sc, existing) => {
      const carrier: Record<string, unknown> = existing === undefined ? {} : { 'server-timing': existing };
      propagator.inject(setSpanContext(ROOT_CONTEXT, sc as SpanContext), carrier);
      const written = carrier['server-timing'];
      // Nothing written: an invalid span context (Object.is: the existing value may be NaN).
      if (Object.is(written, existing)) return;
      assert.is(typeof written, 'string');
      assert.ok(SERVER_TIMING_RE.test(written as string), written as string);
      assert.equal(parseServerTimingTrace(written as string)?.spanId, sc.spanId);
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
});

test('TC-34 a megabyte of separators, quotes, escapes or parameters is handled without a throw', () => {
  const mb = 1 << 20;
  const metric = `trace;desc=${TP}`;
  const cases: Array<[string, boolean]> = [
    [',' + ' '.repeat(mb) + ',' + metric, true],
    [';'.repeat(mb) + ',' + metric, true],
    ['a;desc="' + '\\"'.repeat(mb / 2) + '",' + metric, true],
    ['a;desc="' + 'x,'.repeat(mb / 2) + metric, false],
    ['trace' + ';dur=1'.repeat(mb / 6) + ';desc=' + TP.slice(3), false],
    ['trace;desc="' + 'x'.repeat(mb) + '", ' + metric, true],
    ['trace;desc=' + TP + '-'.repeat(mb), false],
  ];
  for (const [input, found] of cases) {
    assert.is(parseServerTimingTrace(input)?.spanId, found ? 'b7ad6b7169203331' : undefined, input.slice(0, 40));
    const inspection = inspectServerTimingTrace(input);
    assert.is(inspection.valid, found);
    assert.ok((inspection.valid ? (inspection.warnings ?? []) : inspection.errors).length <= 33);
  }
});

test('environment carriers: hostile records read as absent, never a throw', () => {
  fc.assert(
    fc.property(fc.anything(), fc.string(), (env, key) => {
      const value = envGetter.get(env as never, key);
      assert.ok(value === undefined || typeof value === 'string');
      const keys = envGetter.keys(env as never);
      assert.ok(keys.every((k) => k === 'traceparent' || k === 'tracestate' || k === 'baggage'));
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
  assert.is(
    envGetter.get(Object.create({ TRACEPARENT: TP }), 'traceparent'),
    undefined,
    'inherited variables are not read',
  );
  assert.equal(envGetter.keys(throwingProxy() as never), []);
});

test.run();
