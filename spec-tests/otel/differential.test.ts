/**
 * Differential test of the bridge (`w3c-propagation/otel`) on generated headers, through one
 * `@opentelemetry/api` (its ROOT_CONTEXT, default getter and setter, trace and propagation
 * accessors):
 *
 * 1. Against this library's own propagators: the bridge reads every header as they do (same
 *    span context, tracestate and baggage members), on the fuzz suites' hostile headers and
 *    carriers. So where OpenTelemetry's parsing departs from the spec, it departs from the
 *    bridge by the same classes, listed by rule in trace-context/otel-differential.test.ts
 *    (classes 1-9) and baggage/otel-differential.test.ts (classes 1-10).
 * 2. Against `@opentelemetry/core`'s W3C propagators: identical results wherever OpenTelemetry
 *    follows the spec; every disagreement on the near-valid generators is explained by one of
 *    those classes, plus two that come from OpenTelemetry's types rather than its parsing:
 *    B1. BG-19: OpenTelemetry's `Baggage` holds one entry per key. Of repeated keys core keeps
 *        the last; the bridge keeps the first, as this library's `getEntry` reads them.
 *    B2. BG-6, BG-15: entry metadata. Core keeps the raw text after the first `;` (OWS and
 *        invalid properties included); the bridge keeps the valid properties in header form.
 *    T1. TC-13: several traceparent values (an array): core reads the first, the bridge none.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as api from '@opentelemetry/api';
import {
  TraceState as CoreTraceState,
  W3CBaggagePropagator as CoreBaggage,
  W3CTraceContextPropagator as CoreTraceContext,
} from '@opentelemetry/core';
import { createOtelPropagators } from '../../src/otel/index.js';
import { defaultTextMapGetter } from '../../src/propagation/carriers.js';
import { type TextMapGetter } from '../../src/propagation/propagator.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
import { W3CBaggagePropagator } from '../../src/baggage/propagator.js';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { getSpanContext } from '../../src/trace/span.js';
import { getBaggage } from '../../src/baggage/context.js';
import {
  BAGGAGES,
  carrierKind,
  FUZZ_RUNS,
  headerValue,
  makeCarrier,
  toWellFormed,
  TRACEPARENTS,
  TRACESTATES,
  wireString,
} from '../fuzz/arbitraries.js';
import {
  explainTraceparentDeparture,
  explainTracestateDeparture,
  hex,
  ows,
  traceparentNearValid,
  tracestateNearValid,
  uniqueBaggageEntries,
  type Extracted,
} from '../helpers/otel-departures.js';
import { BAGGAGE_RE, TRACEPARENT_RE, TRACESTATE_RE } from '../helpers/abnf.js';

/** Thousands of headers per property by default; FUZZ_RUNS scales them with the fuzz suites. */
const numRuns = Math.max(1000, Math.floor(FUZZ_RUNS / 4));

const bridge = createOtelPropagators(api);
const core = { tc: new CoreTraceContext(), bg: new CoreBaggage() };
const ours = { tc: new W3CTraceContextPropagator(), bg: new W3CBaggagePropagator() };
const OTEL_ROOT = api.ROOT_CONTEXT;
const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

type Getter = TextMapGetter<unknown>;

function spanContextOf(
  sc: { traceId: string; spanId: string; traceFlags: number; traceState?: { serialize(): string } } | undefined,
): Extracted {
  return (
    sc && {
      traceId: sc.traceId,
      spanId: sc.spanId,
      traceFlags: sc.traceFlags,
      traceState: sc.traceState?.serialize() ?? '',
    }
  );
}

const bridgeTc = (carrier: unknown, getter: Getter = api.defaultTextMapGetter) =>
  spanContextOf(api.trace.getSpanContext(bridge.traceContext.extract(OTEL_ROOT, carrier, getter)));
const coreTc = (carrier: unknown) =>
  spanContextOf(api.trace.getSpanContext(core.tc.extract(OTEL_ROOT, carrier, api.defaultTextMapGetter)));
const oursTc = (carrier: unknown, getter: Getter = api.defaultTextMapGetter) =>
  spanContextOf(getSpanContext(ours.tc.extract(ROOT_CONTEXT, carrier, getter)));

/** [key, value, metadata] in the order OpenTelemetry's baggage lists them. */
type Members = [string, string, string | undefined][];

const bridgeBg = (carrier: unknown, getter: Getter = api.defaultTextMapGetter): Members | undefined =>
  api.propagation
    .getBaggage(bridge.baggage.extract(OTEL_ROOT, carrier, getter))
    ?.getAllEntries()
    .map(([k, e]) => [k, e.value, e.metadata?.toString()]);
const coreBg = (carrier: unknown): Members | undefined =>
  api.propagation
    .getBaggage(core.bg.extract(OTEL_ROOT, carrier, api.defaultTextMapGetter))
    ?.getAllEntries()
    .map(([k, e]) => [k, e.value, e.metadata?.toString()]);

const encode = (s: string) => encodeURIComponent(toWellFormed(s));

/**
 * This library's baggage as OpenTelemetry's can hold it: the first of repeated keys (B1),
 * properties in header form (B2), in the order of a record (integer-like keys first, as
 * `propagation.createBaggage` takes a record).
 */
function oursBg(carrier: unknown, getter: Getter = api.defaultTextMapGetter): Members | undefined {
  const baggage = getBaggage(ours.bg.extract(ROOT_CONTEXT, carrier, getter));
  if (!baggage) return undefined;
  const record: Record<string, [string, string | undefined]> = Object.create(null);
  for (const [key, entry] of baggage.getAllEntries()) {
    if (key in record) continue;
    const props = entry.properties?.map((p) => p.key + (p.value === undefined ? '' : '=' + encode(p.value))).join(';');
    record[key] = [entry.value, props];
  }
  return Object.entries(record).map(([k, [v, m]]) => [k, v, m]);
}

test("the bridge extracts what this library's propagators extract, on hostile headers and every carrier kind", () => {
  const names = ['traceparent', 'tracestate', 'baggage'];
  const samples = [TRACEPARENTS, TRACESTATES, BAGGAGES];
  const carrier = fc.tuple(
    carrierKind,
    // Real headers as they are, often enough that most carriers hold a span context or baggage.
    fc.array(
      fc
        .nat(2)
        .chain((i) =>
          fc.tuple(fc.constant(names[i]!), fc.oneof(fc.constantFrom(...samples[i]!), headerValue(samples[i]!))),
        ),
      { maxLength: 5 },
    ),
  );
  let withSpan = 0;
  let withBaggage = 0;
  fc.assert(
    fc.property(carrier, ([kind, pairs]) => {
      const c = makeCarrier(kind, pairs);
      // Our getter reads every carrier kind; OpenTelemetry's reads plain objects by property.
      for (const getter of [defaultTextMapGetter, api.defaultTextMapGetter] as Getter[]) {
        const tc = bridgeTc(c, getter);
        assert.equal(tc, oursTc(c, getter));
        const bg = bridgeBg(c, getter);
        assert.equal(bg, oursBg(c, getter));
        if (tc) withSpan++;
        if (bg) withBaggage++;
      }
    }),
    { numRuns },
  );
  assert.ok(
    withSpan > numRuns / 10 && withBaggage > numRuns / 10,
    `span contexts ${withSpan}, baggages ${withBaggage}`,
  );
});

test("the bridge extracts what this library's propagators extract: traceparent and tracestate mutations", () => {
  fc.assert(
    fc.property(
      wireString(TRACEPARENTS),
      fc.oneof(wireString(TRACESTATES), tracestateNearValid),
      (traceparent, tracestate) => {
        const c = { traceparent, tracestate };
        assert.equal(bridgeTc(c), oursTc(c));
      },
    ),
    { numRuns },
  );
});

test('vs @opentelemetry/core, traceparent: agree except classes 1 and 2 (TC-12)', () => {
  let agreed = 0;
  fc.assert(
    fc.property(traceparentNearValid, (header) => {
      const a = bridgeTc({ traceparent: header });
      const b = coreTc({ traceparent: header });
      if (JSON.stringify(a) === JSON.stringify(b)) return void agreed++;
      explainTraceparentDeparture(header, a, b, (h) => coreTc({ traceparent: h }) !== undefined);
    }),
    { numRuns },
  );
  assert.ok(agreed > numRuns / 2, `agreed on ${agreed} of ${numRuns}`);
});

test('vs @opentelemetry/core, tracestate: agree except classes 5-9 (TC-21, TC-22, TC-26, TC-28, TC-29)', () => {
  let agreed = 0;
  fc.assert(
    fc.property(tracestateNearValid, (header) => {
      const a = bridgeTc({ traceparent: TP, tracestate: header })!;
      const b = coreTc({ traceparent: TP, tracestate: header })!;
      assert.is(a.traceId, b.traceId); // TC-19 for both
      if (a.traceState === b.traceState) return void agreed++;
      explainTracestateDeparture(header, a.traceState, b.traceState);
    }),
    { numRuns },
  );
  assert.ok(agreed > numRuns / 10, `agreed on ${agreed} of ${numRuns}`);
});

test('vs @opentelemetry/core, T1 (TC-13): several traceparent values', () => {
  const carrier = { traceparent: [TP, '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'] };
  assert.is(bridgeTc(carrier), undefined);
  assert.is(coreTc(carrier)?.spanId, 'b7ad6b7169203331');
  // One value in an array is one value: both read it.
  assert.equal(bridgeTc({ traceparent: [TP] }), coreTc({ traceparent: [TP] }));
});

test('vs @opentelemetry/core, baggage: agree on spec-following headers: unique token keys, encoded values, OWS', () => {
  fc.assert(
    fc.property(uniqueBaggageEntries, ows, (list, pad) => {
      const header = list.map(([k, v]) => `${pad}${k}${pad}=${pad}${encodeURIComponent(v)}${pad}`).join(',');
      assert.equal(bridgeBg({ baggage: header }), coreBg({ baggage: header }));
    }),
    { numRuns },
  );
});

test('vs @opentelemetry/core, baggage: B1 (BG-19) repeated keys, B2 (BG-6, BG-15) metadata, parsing classes', () => {
  const cases: [string, string, Members | undefined, Members | undefined][] = [
    [
      'B1 BG-19',
      'a=1,b=2,a=3',
      [
        ['a', '1', undefined],
        ['b', '2', undefined],
      ],
      [
        ['a', '3', undefined],
        ['b', '2', undefined],
      ],
    ],
    ['B2 BG-6', 'k=v; ttl = 30 ;secure', [['k', 'v', 'ttl=30;secure']], [['k', 'v', ' ttl = 30 ;secure']]],
    ['B2 BG-15', 'k=v;p=%41%zz', [['k', 'v', 'p=A%25zz']], [['k', 'v', 'p=%41%zz']]],
    ['class 1 BG-12', 'user%20id=1', [['user%20id', '1', undefined]], [['user id', '1', undefined]]],
    ['class 2 BG-4', 'k=', [['k', '', undefined]], undefined],
    [
      'class 4 BG-3',
      'bad key=1,ok=2',
      [['ok', '2', undefined]],
      [
        ['bad key', '1', undefined],
        ['ok', '2', undefined],
      ],
    ],
    ['class 5 BG-10', 'k=%E2%82', [['k', '\ufffd', undefined]], undefined],
    [
      'class 6 BG-23',
      '__proto__=1,a=2',
      [
        ['__proto__', '1', undefined],
        ['a', '2', undefined],
      ],
      [['a', '2', undefined]],
    ],
    [
      'agreement: integer-like keys first in both',
      'b=1,7=2',
      [
        ['7', '2', undefined],
        ['b', '1', undefined],
      ],
      [
        ['7', '2', undefined],
        ['b', '1', undefined],
      ],
    ],
  ];
  for (const [rule, header, expectedBridge, expectedCore] of cases) {
    assert.equal(bridgeBg({ baggage: header }), expectedBridge, `${rule} bridge: ${header}`);
    assert.equal(coreBg({ baggage: header }), expectedCore, `${rule} core: ${header}`);
  }
});

const traceFlags = fc.integer({ min: 0, max: 255 });

test('vs @opentelemetry/core, inject: same headers from OpenTelemetry values, flags masked (class 3, TC-10)', () => {
  fc.assert(
    fc.property(
      hex(32),
      hex(16),
      traceFlags,
      fc.option(tracestateNearValid, { nil: undefined }),
      (traceId, spanId, flags, ts) => {
        const sc = {
          traceId,
          spanId,
          traceFlags: flags,
          traceState: ts === undefined ? undefined : new CoreTraceState(ts),
        };
        const ctx = api.trace.setSpanContext(OTEL_ROOT, sc);
        const a: Record<string, string> = {};
        const b: Record<string, string> = {};
        bridge.traceContext.inject(ctx, a, api.defaultTextMapSetter);
        core.tc.inject(ctx, b, api.defaultTextMapSetter);
        if (!api.isSpanContextValid(sc)) return assert.equal([a, b], [{}, {}]);
        assert.match(a.traceparent!, TRACEPARENT_RE);
        assert.is(a.traceparent, `00-${traceId}-${spanId}-0${flags & 3}`);
        if (flags < 16) assert.is(b.traceparent!.slice(0, 53), a.traceparent!.slice(0, 53));
        // OpenTelemetry's TraceState holds only valid members, at most 512 chars: sent alike.
        assert.is(a.tracestate, b.tracestate || undefined);
        if (a.tracestate !== undefined) assert.match(a.tracestate, TRACESTATE_RE);
      },
    ),
    { numRuns },
  );
});

test('vs @opentelemetry/core, inject baggage: the same header for spec-following entries, with metadata', () => {
  const metadata = fc.option(fc.constantFrom('p=1', 'p=1;flag', 'ttl=30;q=a%20b'), { nil: undefined });
  fc.assert(
    fc.property(uniqueBaggageEntries, fc.array(metadata, { maxLength: 15 }), (list, metas) => {
      const record: Record<string, api.BaggageEntry> = Object.create(null);
      list.forEach(
        ([k, v], i) =>
          (record[k] =
            metas[i] === undefined
              ? { value: v }
              : { value: v, metadata: api.baggageEntryMetadataFromString(metas[i]!) }),
      );
      const ctx = api.propagation.setBaggage(OTEL_ROOT, api.propagation.createBaggage(record));
      const a: Record<string, string> = {};
      const b: Record<string, string> = {};
      bridge.baggage.inject(ctx, a, api.defaultTextMapSetter);
      core.bg.inject(ctx, b, api.defaultTextMapSetter);
      assert.is(a.baggage, b.baggage);
      if (a.baggage !== undefined) assert.match(a.baggage, BAGGAGE_RE);
    }),
    { numRuns },
  );
});

test("vs @opentelemetry/core, inject baggage: core's invalid is sent valid or not at all (classes 8-10, BG-3)", () => {
  const bag = (record: Record<string, api.BaggageEntry>) =>
    api.propagation.setBaggage(OTEL_ROOT, api.propagation.createBaggage(record));
  const both = (ctx: api.Context): [string | undefined, string | undefined] => {
    const a: Record<string, string> = {};
    const b: Record<string, string> = {};
    bridge.baggage.inject(ctx, a, api.defaultTextMapSetter);
    try {
      core.bg.inject(ctx, b, api.defaultTextMapSetter);
    } catch {
      return [a.baggage, 'throws'];
    }
    return [a.baggage, b.baggage];
  };
  // class 8, BG-21: a lone surrogate
  assert.equal(both(bag({ k: { value: 'a\ud800' } })), ['k=a%EF%BF%BD', 'throws']);
  // class 9, BG-12: a token key is sent as it is
  assert.equal(both(bag({ 'a#b': { value: '1' } })), ['a#b=1', 'a%23b=1']);
  // BG-3: a key that is not a token cannot be sent without becoming another key
  assert.equal(both(bag({ 'with/slash': { value: '1' }, ok: { value: '2' } })), ['ok=2', 'with%2Fslash=1,ok=2']);
  // class 10, BG-15: metadata that is not properties is dropped, the entry kept
  assert.equal(both(bag({ k: { value: 'v', metadata: api.baggageEntryMetadataFromString('p=a b') } })), [
    'k=v',
    'k=v;p=a b',
  ]);
  assert.equal(both(bag({ k: { value: 'v', metadata: api.baggageEntryMetadataFromString('p=1,evil=2') } })), [
    'k=v',
    'k=v;p=1,evil=2',
  ]);
});

test('through the global API: propagation.extract/inject with the bridge set give what the propagator gives', () => {
  const carrier = { traceparent: TP, tracestate: 'rojo=1,congo=2', baggage: 'a=1,b=x%20y;p=1' };
  try {
    api.propagation.setGlobalPropagator(bridge.composite);
    const ctx = api.propagation.extract(OTEL_ROOT, carrier);
    assert.equal(spanContextOf(api.trace.getSpanContext(ctx)), bridgeTc(carrier));
    assert.equal(
      api.propagation
        .getBaggage(ctx)
        ?.getAllEntries()
        .map(([k, e]) => [k, e.value, e.metadata?.toString()]),
      bridgeBg(carrier),
    );
    const out: Record<string, string> = {};
    api.propagation.inject(ctx, out);
    assert.equal(out, { traceparent: TP, tracestate: 'rojo=1,congo=2', baggage: 'a=1,b=x%20y;p=1' });
    assert.equal(api.propagation.fields(), ['traceparent', 'tracestate', 'baggage']);
  } finally {
    api.propagation.disable();
  }
});

test.run();
