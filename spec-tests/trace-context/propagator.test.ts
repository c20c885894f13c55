import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { CompositePropagator } from '../../src/propagation/composite.js';
import { type TextMapPropagator } from '../../src/propagation/propagator.js';
import { getSpanContext, setSpanContext, TraceFlags, type SpanContext } from '../../src/trace/span.js';
import { TraceState } from '../../src/trace-context/tracestate.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;
const p = new W3CTraceContextPropagator();

test('TC-11 extract marks the span context remote and keeps the flags', () => {
  const sc = getSpanContext(p.extract(ROOT_CONTEXT, { traceparent: `00-${TID}-${SID}-03` }));
  assert.equal(
    { ...sc, traceState: undefined },
    { traceId: TID, spanId: SID, traceFlags: 3, isRemote: true, traceState: undefined },
  );
});

test('TC-11 an invalid traceparent leaves the context unchanged', () => {
  assert.is(p.extract(ROOT_CONTEXT, { traceparent: TP.toUpperCase(), tracestate: 'a=1' }), ROOT_CONTEXT);
  assert.is(p.extract(ROOT_CONTEXT, {}), ROOT_CONTEXT);
});

test('TC-18 tracestate is not read without a valid traceparent', () => {
  let reads = 0;
  const getter = {
    keys: () => [],
    get: (_c: unknown, k: string) => {
      if (k !== 'tracestate') return 'bad';
      reads++;
      return 'a=1';
    },
  };
  p.extract(ROOT_CONTEXT, {}, getter);
  assert.is(reads, 0);
});

test('TC-19 TC-26 a bad tracestate never invalidates the traceparent; it reads as empty and is not sent', () => {
  const ctx = p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: 'a=1,B=2' });
  const sc = getSpanContext(ctx);
  assert.is(sc?.traceId, TID);
  assert.is((sc?.traceState as TraceState).size, 0);
  assert.is(sc?.traceState?.get('a'), undefined);
  const out: Record<string, string> = {};
  p.inject(ctx, out);
  assert.equal(Object.keys(out), ['traceparent']);
});

test('TC-18 tracestate is parsed on first use, once', () => {
  const sc = getSpanContext(p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: ['a=1', 'b=2'] }));
  const traceState = sc?.traceState as TraceState;
  assert.ok(traceState instanceof TraceState);
  assert.is(traceState.get('b'), '2');
  assert.is(traceState.set('c', '3').serialize(), 'c=3,a=1,b=2');
  assert.is(traceState.size, 2);
  assert.equal(
    [...traceState],
    [
      ['a', '1'],
      ['b', '2'],
    ],
  );
  const empty = getSpanContext(p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: '' }));
  assert.is(empty?.traceState, undefined, 'an empty header gives no tracestate at all');
});

test('TC-20 multiple tracestate values (Node string[]) are combined in order', () => {
  const sc = getSpanContext(p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: ['a=1', 'b=2'] }));
  assert.is(sc?.traceState?.serialize(), 'a=1,b=2');
});

test('TC-13 several traceparent values mean no valid parent', () => {
  assert.is(p.extract(ROOT_CONTEXT, { traceparent: [TP, TP] }), ROOT_CONTEXT);
  assert.is(p.extract(ROOT_CONTEXT, { traceparent: `${TP}, ${TP}` }), ROOT_CONTEXT);
  assert.is(
    p.extract(
      ROOT_CONTEXT,
      new Map([
        ['Traceparent', TP],
        ['TraceParent', TP],
      ]),
    ),
    ROOT_CONTEXT,
  );
  assert.is(p.extract(ROOT_CONTEXT, { TraceParent: TP, TRACEPARENT: TP }), ROOT_CONTEXT);
  // Documented: an exact lowercase key wins without a scan (the hot path, as OpenTelemetry's getter).
  assert.is(
    getSpanContext(
      p.extract(
        ROOT_CONTEXT,
        new Map([
          ['traceparent', TP],
          ['TraceParent', 'x'],
        ]),
      ),
    )?.traceId,
    TID,
  );
  const h = new Headers();
  h.append('traceparent', TP);
  h.append('traceparent', TP);
  assert.is(p.extract(ROOT_CONTEXT, h), ROOT_CONTEXT);
});

test('TC-10 TC-1 inject writes lowercase names, version 00, known flag bits only', () => {
  const carrier: Record<string, string> = {};
  const sc: SpanContext = { traceId: TID, spanId: SID, traceFlags: 0xff, traceState: new TraceState('a=1') };
  p.inject(setSpanContext(ROOT_CONTEXT, sc), carrier);
  assert.equal(carrier, { traceparent: `00-${TID}-${SID}-03`, tracestate: 'a=1' });
});

test('TC-31 inject sends no empty tracestate', () => {
  const carrier: Record<string, string> = {};
  p.inject(
    setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1, traceState: new TraceState() }),
    carrier,
  );
  assert.equal(Object.keys(carrier), ['traceparent']);
});

test('TC-10 inject writes nothing for an invalid span context, and never an invalid tracestate', () => {
  const carrier: Record<string, string> = {};
  p.inject(setSpanContext(ROOT_CONTEXT, { traceId: TID.toUpperCase(), spanId: SID, traceFlags: 1 }), carrier);
  p.inject(setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: SID, traceFlags: 1 }), carrier);
  p.inject(ROOT_CONTEXT, carrier);
  assert.equal(carrier, {});
  const foreign = {
    get: () => undefined,
    set() {
      return this;
    },
    unset() {
      return this;
    },
    serialize: () => 'A=1,b',
  };
  p.inject(setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1, traceState: foreign }), carrier);
  assert.equal(carrier, { traceparent: `00-${TID}-${SID}-01` });
});

test('TC-33 a pass-through round trip changes neither header', () => {
  const incoming = { traceparent: TP, tracestate: 'rojo=00f067aa0ba902b7,congo= t61rcWkgMzE' };
  const out: Record<string, string> = {};
  p.inject(p.extract(ROOT_CONTEXT, incoming), out);
  assert.equal(out, incoming);
});

test('fields() lists the two header names', () => {
  assert.equal(p.fields(), ['traceparent', 'tracestate']);
});

test('CompositePropagator runs every propagator in order and merges fields', () => {
  const calls: string[] = [];
  const fake = (name: string): TextMapPropagator => ({
    inject: () => void calls.push(`inject ${name}`),
    extract: (ctx) => {
      calls.push(`extract ${name}`);
      return ctx;
    },
    fields: () => [name, 'traceparent'],
  });
  const c = new CompositePropagator({ propagators: [p, fake('x'), fake('y')] });
  assert.equal(c.fields(), ['traceparent', 'tracestate', 'x', 'y']);
  const ctx = c.extract(ROOT_CONTEXT, { traceparent: TP });
  assert.is(getSpanContext(ctx)?.spanId, SID);
  c.inject(ctx, {});
  assert.equal(calls, ['extract x', 'extract y', 'inject x', 'inject y']);
  assert.equal(new CompositePropagator().fields(), []);
});

test('TC-14 TraceFlags are bit masks', () => {
  assert.equal(TraceFlags, { NONE: 0, SAMPLED: 1, RANDOM: 2 });
});

test.run();
