/**
 * `createOtelPropagators(api)`: what the bridge puts in OpenTelemetry's Context and what it
 * writes from it, on hostile input too.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as api from '@opentelemetry/api';
import { suppressTracing, TraceState as CoreTraceState } from '@opentelemetry/core';
import { createOtelPropagators, OtelTraceState, SUPPRESS_TRACING_KEY_DESCRIPTION } from '../../src/otel/index.js';
import { parseTraceState, TraceState } from '../../src/trace-context/tracestate.js';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { setSpanContext } from '../../src/trace/span.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
import {
  assertPrototypesClean,
  BAGGAGES,
  carrierKind,
  FUZZ_RUNS_HEAVY,
  headerValue,
  makeCarrier,
  PROTOTYPE_KEYS,
  snapshot,
  throwingProxy,
  toWellFormed,
  TRACEPARENTS,
  TRACESTATES,
  wireString,
} from '../fuzz/arbitraries.js';
import { BAGGAGE_RE, TRACEPARENT_RE, TRACESTATE_RE } from '../helpers/abnf.js';

const { traceContext, baggage, composite } = createOtelPropagators(api);
const ROOT = api.ROOT_CONTEXT;
/** This library's own propagator, which shares the bridge's tracestate inject. */
const CORE = new W3CTraceContextPropagator();
const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;

function inject(ctx: api.Context, propagator: api.TextMapPropagator = composite): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, api.defaultTextMapSetter);
  return carrier;
}

const withSpan = (sc: api.SpanContext, ctx = ROOT) => api.trace.setSpanContext(ctx, sc);
const withBaggage = (entries: Record<string, api.BaggageEntry>, ctx = ROOT) =>
  api.propagation.setBaggage(ctx, api.propagation.createBaggage(entries));

test("TC-11 TC-13 extract: a remote span context in OpenTelemetry's Context, read by api.trace", () => {
  const ctx = composite.extract(ROOT, { traceparent: ` ${TP}\t`, tracestate: 'rojo=1' }, api.defaultTextMapGetter);
  const sc = api.trace.getSpanContext(ctx)!;
  assert.equal(
    { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags, isRemote: sc.isRemote },
    { traceId: TID, spanId: SID, traceFlags: 1, isRemote: true },
  );
  assert.ok(sc.traceState instanceof OtelTraceState);
  assert.ok(api.isSpanContextValid(sc));
  assert.is(api.trace.getSpan(ctx)?.isRecording(), false);
});

test('TC-14 extract keeps the whole flags byte, inject sends only the known bits (TC-10)', () => {
  const ctx = traceContext.extract(ROOT, { traceparent: `00-${TID}-${SID}-ff` }, api.defaultTextMapGetter);
  assert.is(api.trace.getSpanContext(ctx)?.traceFlags, 0xff);
  assert.is(inject(ctx).traceparent, `00-${TID}-${SID}-03`);
});

test('TC-18 TC-19 tracestate: unread without a valid traceparent; if invalid: empty, not sent (TC-26, TC-31)', () => {
  assert.is(
    api.trace.getSpanContext(
      traceContext.extract(ROOT, { traceparent: 'bad', tracestate: 'rojo=1' }, api.defaultTextMapGetter),
    ),
    undefined,
  );
  const ctx = traceContext.extract(ROOT, { traceparent: TP, tracestate: 'rojo=1,Bad=2' }, api.defaultTextMapGetter);
  assert.is(api.trace.getSpanContext(ctx)?.traceId, TID);
  assert.equal(inject(ctx), { traceparent: TP });
  // An empty header: no traceState at all.
  assert.is(
    api.trace.getSpanContext(traceContext.extract(ROOT, { traceparent: TP, tracestate: '' }, api.defaultTextMapGetter))
      ?.traceState,
    undefined,
  );
});

test('TC-33 pass-through: what came in goes out unchanged', () => {
  const incoming = {
    traceparent: TP,
    tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
    baggage: 'a=1,b=x%20y;p=1;q',
  };
  assert.equal(inject(composite.extract(ROOT, incoming, api.defaultTextMapGetter)), incoming);
});

test('TC-33 pass-through keeps a valid 529-char tracestate whole; changed by OpenTelemetry code, cut (TC-30)', () => {
  // A vendor's member first (79 chars), then 30 members of 14 chars from upstream: 529 chars.
  const agent = '33@nr=0-0-33-2827902-b7ad6b7169203331-e8b91a159289ff74-1-1.234567-1518469636035';
  const pad = (i: number, n: number, c: string) => String(i).padStart(n, c);
  const upstream = Array.from({ length: 30 }, (_, i) => `k${pad(i, 2, '0')}=${pad(i, 10, 'v')}`);
  const header = [agent, ...upstream].join(',');
  assert.is(header.length, 529);
  const ctx = traceContext.extract(ROOT, { traceparent: TP, tracestate: header }, api.defaultTextMapGetter);
  assert.is(inject(ctx, traceContext).tracestate, header, "not cut to 499: the two right-most are another vendor's");
  // A sampler's set through the bridge's TraceState: changed, so cut by whole members from the right.
  const sc = api.trace.getSpanContext(ctx)!;
  const changed = withSpan({ ...sc, traceState: sc.traceState!.set('mine', 'x') });
  assert.is(inject(changed, traceContext).tracestate, ['mine=x', agent, ...upstream.slice(0, 28)].join(','));
});

test('TC-3 inject: nothing for ids OpenTelemetry accepts but the spec not (upper case), nor ones it rejects', () => {
  assert.equal(inject(withSpan({ traceId: TID.toUpperCase(), spanId: SID, traceFlags: 1 })), {});
  assert.ok(api.isSpanContextValid({ traceId: TID.toUpperCase(), spanId: SID, traceFlags: 1 }));
  assert.equal(inject(withSpan({ traceId: TID, spanId: 'xyz', traceFlags: 1 })), {});
  assert.equal(inject(ROOT), {});
});

test('TC-2 TC-10 inject: any span context gives a valid traceparent, only when api.isSpanContextValid agrees', () => {
  const id = (n: number) =>
    fc.oneof(
      fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`)),
      fc.string({ maxLength: n + 2 }),
      fc.constant('0'.repeat(n)),
    );
  fc.assert(
    fc.property(
      id(32),
      id(16),
      fc.oneof(fc.integer({ min: -1, max: 300 }), fc.double()),
      (traceId, spanId, traceFlags) => {
        const sc = { traceId, spanId, traceFlags };
        const out = inject(withSpan(sc), traceContext);
        if (out.traceparent === undefined) return;
        assert.match(out.traceparent, TRACEPARENT_RE);
        assert.ok(api.isSpanContextValid(sc));
      },
    ),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
});

test('inject: a TraceState of OpenTelemetry or by hand goes via serialize(), checked, truncated (TC-22, TC-29)', () => {
  const sc = (traceState: api.TraceState) => withSpan({ traceId: TID, spanId: SID, traceFlags: 1, traceState });
  assert.is(inject(sc(new CoreTraceState('rojo=1').set('congo', '2'))).tracestate, 'congo=2,rojo=1');
  assert.is(inject(sc(api.createTraceState('rojo=1'))).tracestate, 'rojo=1');
  const handMade = (text: unknown): api.TraceState => ({
    get: () => undefined,
    set() {
      return this;
    },
    unset() {
      return this;
    },
    serialize: () => text as string,
  });
  assert.is(inject(sc(handMade('Bad=1'))).tracestate, undefined);
  assert.is(inject(sc(handMade(42))).tracestate, undefined);
  assert.is(inject(sc(handMade(' a=1 ,, b=2'))).tracestate, 'a=1,b=2');
  const long = Array.from({ length: 5 }, (_, i) => `k${i}=${'v'.repeat(150)}`).join(',');
  assert.is(inject(sc(handMade(long))).tracestate, long.split(',').slice(0, 3).join(','));
  const throwing: api.TraceState = {
    ...handMade(''),
    serialize: () => {
      throw new Error('boom');
    },
  };
  assert.equal(inject(sc(throwing)), { traceparent: TP });
  // This library's own TraceState, put there by hand, is sent as it is.
  assert.is(inject(sc(new TraceState('x=1'))).tracestate, 'x=1');
});

test("TC-21 .. TC-30 inject: a foreign TraceState's text goes out as our parser sends it (bridge and core)", () => {
  const handMade = (text: string): api.TraceState => ({
    get: () => undefined,
    set() {
      return this;
    },
    unset() {
      return this;
    },
    serialize: () => text,
  });
  // Sendable as it is, and near misses: repeated keys, 33 members, over 512 chars, OWS, empty members.
  const member = fc.tuple(fc.constantFrom('a', 'b', 'k1', 'vendor@t', 'x*y'), fc.constantFrom('1', 'v w', '~!', 'A'));
  const list = fc
    .tuple(
      fc.oneof(fc.array(member, { maxLength: 34 }), fc.array(member, { minLength: 31, maxLength: 34 })),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom(',', ', ', ',,'),
    )
    .map(([ms, distinct, long, sep]) =>
      ms.map(([k, v], i) => `${distinct ? k + i : k}=${long && i % 5 === 4 ? 'v'.repeat(200) : v}`).join(sep),
    );
  fc.assert(
    fc.property(fc.oneof(list, wireString(TRACESTATES)), (text) => {
      const sent = inject(
        withSpan({ traceId: TID, spanId: SID, traceFlags: 1, traceState: handMade(text) }),
      ).tracestate;
      // Not a tracestate the bridge received: this service's own, cut to 512 (TC-30).
      assert.is(sent, parseTraceState(text)?.serialize(512) || undefined);
      const core: Record<string, string> = {};
      CORE.inject(
        setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1, traceState: handMade(text) }),
        core,
      );
      assert.is(core.tracestate, sent);
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
});

test('suppressTracing (a @opentelemetry/core context key) stops both propagators injecting; extract unaffected', () => {
  const ctx = withBaggage({ a: { value: '1' } }, withSpan({ traceId: TID, spanId: SID, traceFlags: 1 }));
  assert.equal(Object.keys(inject(ctx)), ['traceparent', 'baggage']);
  assert.equal(inject(suppressTracing(ctx)), {});
  // The same key, made without core: api.createContextKey is Symbol.for.
  assert.equal(inject(ctx.setValue(Symbol.for(SUPPRESS_TRACING_KEY_DESCRIPTION), true)), {});
  assert.equal(
    Object.keys(inject(ctx.setValue(Symbol.for(SUPPRESS_TRACING_KEY_DESCRIPTION), 'yes'))),
    ['traceparent', 'baggage'],
    'only `true` suppresses, as in core',
  );
  const extracted = composite.extract(
    suppressTracing(ROOT),
    { traceparent: TP, baggage: 'a=1' },
    api.defaultTextMapGetter,
  );
  assert.is(api.trace.getSpanContext(extracted)?.spanId, SID);
  assert.is(api.propagation.getBaggage(extracted)?.getEntry('a')?.value, '1');
});

test('BG-7 BG-10 BG-12 extract: values decoded, keys not, properties as metadata in header form', () => {
  const bag = api.propagation.getBaggage(
    baggage.extract(ROOT, { baggage: 'k%41=caf%C3%A9 ; ttl = 30 ; secure, e=%F0%9F%98%80' }, api.defaultTextMapGetter),
  )!;
  assert.equal(
    bag.getAllEntries().map(([k, e]) => [k, e.value, e.metadata?.toString()]),
    [
      ['k%41', 'café', 'ttl=30;secure'],
      ['e', '😀', undefined],
    ],
  );
  assert.equal(Object.keys(bag.getEntry('e')!), ['value'], 'no metadata field without properties');
});

test('BG-2 BG-18 extract: several baggage values are one list', () => {
  const bag = api.propagation.getBaggage(baggage.extract(ROOT, { baggage: ['a=1', 'b=2'] }, api.defaultTextMapGetter))!;
  assert.equal(
    bag.getAllEntries().map(([k, e]) => [k, e.value]),
    [
      ['a', '1'],
      ['b', '2'],
    ],
  );
});

test("extract: a baggage read later is the one that arrived, even if the carrier's list changes", () => {
  const values = ['a=1', 'b=2'];
  const ctx = baggage.extract(ROOT, { baggage: values }, api.defaultTextMapGetter);
  values[0] = 'evil=1';
  values.push('c=3');
  assert.equal(
    api.propagation
      .getBaggage(ctx)!
      .getAllEntries()
      .map(([k]) => k),
    ['a', 'b'],
  );
  assert.is(inject(ctx, baggage).baggage, 'a=1,b=2');
});

test("BG-19 extract: of repeated keys OpenTelemetry's baggage keeps the first", () => {
  const bag = api.propagation.getBaggage(baggage.extract(ROOT, { baggage: 'a=1,b=2,a=3' }, api.defaultTextMapGetter))!;
  assert.equal(
    bag.getAllEntries().map(([k, e]) => [k, e.value]),
    [
      ['a', '1'],
      ['b', '2'],
    ],
  );
});

test('BG-23 extract: prototype-named keys are entries like any other; no prototype changes', () => {
  const header = PROTOTYPE_KEYS.map((k, i) => `${k}=${i}`).join(',');
  const bag = api.propagation.getBaggage(baggage.extract(ROOT, { baggage: header }, api.defaultTextMapGetter))!;
  assert.equal(
    bag.getAllEntries().map(([k]) => k),
    PROTOTYPE_KEYS,
  );
  assert.is(bag.getEntry('__proto__')?.value, '0');
  assertPrototypesClean();
  assert.is(inject(api.propagation.setBaggage(ROOT, bag)).baggage, header);
});

test("extract: an OpenTelemetry Baggage interface over the parsed header; a change gives OpenTelemetry's own", () => {
  const bag = api.propagation.getBaggage(baggage.extract(ROOT, { baggage: 'a=1;p, b=2' }, api.defaultTextMapGetter))!;
  assert.is(bag.getEntry('b')?.value, '2');
  assert.is(bag.getEntry('absent'), undefined);
  const changed = bag.setEntry('c', { value: '3' });
  assert.is(changed.constructor, api.propagation.createBaggage().constructor);
  assert.equal(
    changed.getAllEntries().map(([k]) => k),
    ['a', 'b', 'c'],
  );
  assert.equal(
    bag
      .removeEntry('a')
      .getAllEntries()
      .map(([k]) => k),
    ['b'],
  );
  assert.equal(bag.removeEntries('a', 'b').getAllEntries(), []);
  assert.equal(bag.clear().getAllEntries(), []);
  assert.equal(
    bag.getAllEntries().map(([k]) => k),
    ['a', 'b'],
    'immutable',
  );
  // The entry is a copy, as OpenTelemetry's getEntry gives.
  (bag.getEntry('b') as { value: string }).value = 'changed';
  assert.is(bag.getEntry('b')?.value, '2');
});

test('BG-19 TC-33 pass-through: baggage sent as parsed, in order; of repeated keys the one OpenTelemetry reads', () => {
  const forward = (header: string) =>
    inject(baggage.extract(ROOT, { baggage: header }, api.defaultTextMapGetter), baggage).baggage;
  assert.is(forward('b=1, 7=2;p'), 'b=1,7=2;p');
  assert.is(forward('a=1,b=2,a=3'), 'a=1,b=2');
  // Read first or not, the same header goes out.
  const ctx = baggage.extract(ROOT, { baggage: 'k=caf%C3%A9;t=%41' }, api.defaultTextMapGetter);
  const before = inject(ctx, baggage).baggage;
  api.propagation.getBaggage(ctx)!.getAllEntries();
  assert.is(inject(ctx, baggage).baggage, before);
  assert.is(before, 'k=caf%C3%A9;t=A');
});

test('BG-8 BG-21 inject: values encoded, lone surrogate as U+FFFD, empty kept; non-token keys, non-strings out', () => {
  const header = inject(
    withBaggage({
      a: { value: 'x y,z' },
      b: { value: 'a\ud800' },
      c: { value: '' },
      'd e': { value: '1' },
      f: { value: 1 as unknown as string },
    }),
  ).baggage;
  assert.is(header, 'a=x%20y%2Cz,b=a%EF%BF%BD,c=');
  assert.equal(inject(withBaggage({})), {});
  assert.equal(inject(withBaggage({ 'no good': { value: '1' } })), {});
});

test('BG-7 BG-15 inject: metadata is sent as properties when it reads as properties, encoded; else dropped', () => {
  const meta = (text: string) => api.baggageEntryMetadataFromString(text);
  const out = (m: api.BaggageEntryMetadata) => inject(withBaggage({ k: { value: 'v', metadata: m } })).baggage;
  assert.is(out(meta('ttl=30;secure')), 'k=v;ttl=30;secure');
  assert.is(out(meta(' ttl = 30 ; secure ')), 'k=v;ttl=30;secure');
  assert.is(out(meta('p=%zz')), 'k=v;p=%25zz');
  for (const bad of ['p=a b', 'p=1,x=2', ';p', 'bad key', '']) assert.is(out(meta(bad)), 'k=v', bad);
  const throwing = {
    toString: () => {
      throw new Error('boom');
    },
  } as unknown as api.BaggageEntryMetadata;
  assert.is(out(throwing), 'k=v');
});

test('BG-8 BG-16 BG-17 BG-21 inject: any baggage gives a grammar-valid header that reads back as sent', () => {
  const metadata = fc.option(fc.oneof(fc.constantFrom('p=1', 'p;q=%41', 'x=a b'), fc.string({ maxLength: 12 })), {
    nil: undefined,
  });
  const entries = fc.array(
    fc.tuple(
      fc.oneof(fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,10}$/), fc.string({ maxLength: 6 })),
      fc.string({ maxLength: 20 }),
      metadata,
    ),
    { maxLength: 12 },
  );
  fc.assert(
    fc.property(entries, (list) => {
      const record: Record<string, api.BaggageEntry> = Object.create(null);
      for (const [k, v, m] of list)
        record[k] = m === undefined ? { value: v } : { value: v, metadata: api.baggageEntryMetadataFromString(m) };
      const header = inject(withBaggage(record)).baggage;
      if (header === undefined) return;
      assert.match(header, BAGGAGE_RE);
      const back = api.propagation.getBaggage(baggage.extract(ROOT, { baggage: header }, api.defaultTextMapGetter))!;
      const sent = Object.entries(record).filter(([k]) => /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(k));
      assert.equal(
        back.getAllEntries().map(([k, e]) => [k, e.value]),
        sent.map(([k, e]) => [k, toWellFormed(e.value)]),
      );
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
});

test('BG-16 options: baggage limits apply both ways and cannot go below the spec', () => {
  const small = createOtelPropagators(api, { baggageLimits: { maxMembers: 64 } });
  const header = Array.from({ length: 70 }, (_, i) => `k${i}=v`).join(',');
  const bag = api.propagation.getBaggage(small.baggage.extract(ROOT, { baggage: header }, api.defaultTextMapGetter))!;
  assert.is(bag.getAllEntries().length, 64);
  const record = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, { value: 'v' }]));
  assert.is(inject(withBaggage(record), small.baggage).baggage!.split(',').length, 64);
  assert.throws(
    () => createOtelPropagators(api, { baggageLimits: { maxMembers: 10 } }),
    (e: unknown) => e instanceof RangeError && /BG-16/.test((e as Error).message),
  );
  assert.throws(() => createOtelPropagators(api, { baggageLimits: { maxTotalBytes: 100 } }), RangeError);
});

test('TC-29 options: maxTraceStateLength caps what extract reads', () => {
  const capped = createOtelPropagators(api, { maxTraceStateLength: 600 });
  const long = Array.from({ length: 8 }, (_, i) => `k${i}=${'v'.repeat(80)}`).join(',');
  const read = (p: typeof capped) =>
    api.trace
      .getSpanContext(p.traceContext.extract(ROOT, { traceparent: TP, tracestate: long }, api.defaultTextMapGetter))
      ?.traceState?.get('k0');
  assert.is(read(capped), undefined);
  assert.is(read(createOtelPropagators(api)), 'v'.repeat(80));
});

test('createOtelPropagators: a clear TypeError without the api module; composite fields and order', () => {
  assert.throws(() => createOtelPropagators(undefined as unknown as typeof api), TypeError);
  assert.throws(() => createOtelPropagators(api.default as unknown as typeof api), /namespace/);
  assert.equal(composite.fields(), ['traceparent', 'tracestate', 'baggage']);
  assert.equal(traceContext.fields(), ['traceparent', 'tracestate']);
  assert.equal(baggage.fields(), ['baggage']);
});

test('BG-23 TC-11 hostile carriers: extract never throws or alters the carrier; none valid: the same context', () => {
  const names = ['traceparent', 'tracestate', 'baggage'];
  const samples = [TRACEPARENTS, TRACESTATES, BAGGAGES];
  const pairs = fc.array(
    fc.nat(2).chain((i) => fc.tuple(fc.constant(names[i]!), headerValue(samples[i]!))),
    { maxLength: 5 },
  );
  fc.assert(
    fc.property(carrierKind, pairs, (kind, list) => {
      const carrier = makeCarrier(kind, list);
      const before = snapshot(carrier);
      const ctx = composite.extract(ROOT, carrier, api.defaultTextMapGetter);
      assert.is(snapshot(carrier), before);
      const out = inject(ctx);
      if (out.traceparent !== undefined) assert.match(out.traceparent, TRACEPARENT_RE);
      if (out.tracestate !== undefined) assert.match(out.tracestate, TRACESTATE_RE);
      if (out.baggage !== undefined) assert.match(out.baggage, BAGGAGE_RE);
    }),
    { numRuns: FUZZ_RUNS_HEAVY },
  );
  const throwingGetter: api.TextMapGetter = {
    get: () => {
      throw new Error('boom');
    },
    keys: () => {
      throw new Error('boom');
    },
  };
  assert.ok(composite.extract(ROOT, {}, throwingGetter) === ROOT);
  assert.ok(composite.extract(ROOT, throwingProxy(), api.defaultTextMapGetter) === ROOT);
  for (const carrier of [null, undefined, 42, 'traceparent'])
    assert.ok(composite.extract(ROOT, carrier, api.defaultTextMapGetter) === ROOT);
  assertPrototypesClean();
});

test('without a getter or setter (called directly), the defaults read and write Headers, Map and plain objects', () => {
  const headers = new Headers({ TraceParent: TP, baggage: 'a=1' });
  const ctx = composite.extract(ROOT, headers);
  assert.is(api.trace.getSpanContext(ctx)?.spanId, SID);
  const out = new Map<string, string>();
  composite.inject(ctx, out);
  assert.equal(
    [...out],
    [
      ['traceparent', TP],
      ['baggage', 'a=1'],
    ],
  );
});

test.run();
