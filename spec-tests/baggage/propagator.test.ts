/**
 * `W3CBaggagePropagator` and the Context accessors: inject only when there is something to
 * send, extract merges every `baggage` value (BG-1, BG-2, BG-18), hostile carriers never
 * throw (BG-23), and it composes with the trace-context propagator.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BAGGAGE_HEADER,
  CompositePropagator,
  createBaggage,
  createTracer,
  deleteBaggage,
  getBaggage,
  getBaggageValue,
  getSpanContext,
  parseBaggage,
  ROOT_CONTEXT,
  setBaggage,
  setBaggageValue,
  setSpan,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '../../src/index.js';

const propagator = new W3CBaggagePropagator();

test('getBaggage/setBaggage/deleteBaggage and the one-liners on Context', () => {
  assert.is(getBaggage(ROOT_CONTEXT), undefined);
  const ctx = setBaggageValue(setBaggageValue(ROOT_CONTEXT, 'hello', 'world'), 'n', '1');
  assert.is(getBaggageValue(ctx, 'hello'), 'world');
  assert.is(getBaggageValue(ctx, 'missing'), undefined);
  assert.is(getBaggageValue(ROOT_CONTEXT, 'hello'), undefined);
  assert.is(String(getBaggage(ctx)), 'hello=world,n=1');
  assert.is(getBaggageValue(setBaggageValue(ctx, 'hello', 'again'), 'hello'), 'again');
  assert.is(getBaggage(deleteBaggage(ctx)), undefined);
  assert.is(getBaggage(ROOT_CONTEXT), undefined, 'ROOT_CONTEXT is unchanged');
});

test('BG-1 inject writes a lowercase baggage header; nothing for absent or empty baggage', () => {
  const carrier: Record<string, string> = {};
  propagator.inject(setBaggageValue(ROOT_CONTEXT, 'hello', 'world ✓'), carrier);
  assert.equal(carrier, { baggage: 'hello=world%20%E2%9C%93' });
  const none: Record<string, string> = {};
  propagator.inject(ROOT_CONTEXT, none);
  propagator.inject(setBaggage(ROOT_CONTEXT, createBaggage()), none);
  assert.equal(none, {});
  const tooBig: Record<string, string> = {};
  propagator.inject(setBaggageValue(ROOT_CONTEXT, 'k', 'x'.repeat(9000)), tooBig);
  assert.equal(tooBig, {}, 'nothing to send once the only member is over the limit');
  assert.equal(propagator.fields(), [BAGGAGE_HEADER]);
});

test('BG-1 extract finds the header in any case, in objects, Maps and Fetch Headers', () => {
  const carriers: unknown[] = [
    { Baggage: 'a=1' },
    { BAGGAGE: ['a=1'] },
    new Map([['baggage', 'a=1']]),
    new Headers({ baggage: 'a=1' }),
  ];
  for (const carrier of carriers) assert.is(getBaggageValue(propagator.extract(ROOT_CONTEXT, carrier), 'a'), '1');
});

test('BG-2 BG-18 several baggage headers are one list (Node headersDistinct, Fetch append)', () => {
  const ctx = propagator.extract(ROOT_CONTEXT, { baggage: ['a=1,b=2', 'c=3'] });
  assert.is(String(getBaggage(ctx)), 'a=1,b=2,c=3');
  const headers = new Headers();
  headers.append('baggage', 'a=1');
  headers.append('baggage', 'b=2');
  assert.is(String(getBaggage(propagator.extract(ROOT_CONTEXT, headers))), 'a=1,b=2', 'Headers joins with ", "');
});

test('BG-20 extract keeps the valid members; with none valid the context is returned unchanged', () => {
  const ctx = propagator.extract(ROOT_CONTEXT, { baggage: 'bad key=1,ok=2' });
  assert.is(String(getBaggage(ctx)), 'ok=2');
  assert.is(propagator.extract(ROOT_CONTEXT, { baggage: 'bad key=1' }), ROOT_CONTEXT);
  assert.is(propagator.extract(ROOT_CONTEXT, { baggage: '' }), ROOT_CONTEXT);
  assert.is(propagator.extract(ROOT_CONTEXT, {}), ROOT_CONTEXT);
});

test('extract replaces the baggage already in the context (the incoming request is the source)', () => {
  const local = setBaggageValue(ROOT_CONTEXT, 'local', 'x');
  const ctx = propagator.extract(local, { baggage: 'remote=y' });
  assert.is(String(getBaggage(ctx)), 'remote=y');
});

test('BG-23 hostile carriers and getters leave the context unchanged, never throw', () => {
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('boom');
      },
      ownKeys() {
        throw new Error('boom');
      },
    },
  );
  for (const carrier of [
    undefined,
    null,
    1,
    'baggage=a=1',
    throwing,
    { baggage: 42 },
    { baggage: [1, 2] },
    { baggage: { toString: () => 'a=1' } },
  ]) {
    assert.is(propagator.extract(ROOT_CONTEXT, carrier), ROOT_CONTEXT);
  }
  const badGetter = {
    keys: () => [],
    get: () => {
      throw new Error('boom');
    },
  };
  assert.is(propagator.extract(ROOT_CONTEXT, {}, badGetter), ROOT_CONTEXT);
  const ctx = setBaggageValue(ROOT_CONTEXT, 'a', '1');
  for (const carrier of [undefined, null, 1, 'x']) propagator.inject(ctx, carrier);
});

test('composes with the trace-context propagator: the two-service scenario in one process', () => {
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  assert.equal(composite.fields(), ['traceparent', 'tracestate', 'baggage']);
  const tracer = createTracer();
  const api1 = tracer.startSpan('api1_span');
  const outgoing: Record<string, string> = {};
  composite.inject(setBaggageValue(setSpan(ROOT_CONTEXT, api1), 'hello', 'world'), outgoing);
  assert.equal(Object.keys(outgoing).sort(), ['baggage', 'traceparent']);
  assert.is(outgoing.baggage, 'hello=world');

  const incoming = composite.extract(ROOT_CONTEXT, outgoing);
  assert.is(getBaggageValue(incoming, 'hello'), 'world');
  const api2 = tracer.startSpan('api2_span', {}, incoming);
  assert.is(api2.spanContext().traceId, api1.spanContext().traceId);
  assert.is(getSpanContext(incoming)?.spanId, api1.spanContext().spanId);
  assert.ok(getSpanContext(incoming)?.isRemote);
});

test('BG-19 a parsed baggage round-trips through inject unchanged, duplicates and properties included', () => {
  const header = 'a=1;p=x,b=%E2%9C%93,a=2;flag';
  const carrier: Record<string, string> = {};
  propagator.inject(setBaggage(ROOT_CONTEXT, parseBaggage(header)), carrier);
  assert.is(carrier.baggage, header);
});

test.run();
