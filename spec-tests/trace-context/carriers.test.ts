import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { defaultTextMapGetter, defaultTextMapSetter } from '../../src/propagation/carriers.js';
import { getSpanContext, setSpanContext } from '../../src/trace/span.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;
const p = new W3CTraceContextPropagator();
const traceIdOf = (carrier: unknown) => getSpanContext(p.extract(ROOT_CONTEXT, carrier))?.traceId;

test('TC-1 plain objects are read case-insensitively', () => {
  assert.is(traceIdOf({ TraceParent: TP }), TID);
  assert.is(traceIdOf({ TRACEPARENT: TP, TraceState: 'a=1' }), TID);
  assert.is(getSpanContext(p.extract(ROOT_CONTEXT, { TRACEPARENT: TP, TraceState: 'a=1' }))?.traceState?.get('a'), '1');
});

test('TC-1 Node IncomingHttpHeaders with a one-element string[] value', () => {
  assert.is(traceIdOf({ traceparent: [TP] }), TID);
});

test('TC-1 Fetch Headers and Map carriers', () => {
  assert.is(traceIdOf(new Headers({ TraceParent: TP })), TID);
  assert.is(traceIdOf(new Map([['traceparent', TP]])), TID);
  assert.is(traceIdOf(new Map([['Traceparent', TP]])), TID);
});

test('TC-1 the setter writes Headers, Map and plain objects', () => {
  const ctx = setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1 });
  const h = new Headers();
  const m = new Map<string, string>();
  const o: Record<string, string> = {};
  for (const c of [h, m, o]) p.inject(ctx, c);
  assert.is(h.get('traceparent'), TP);
  assert.is(m.get('traceparent'), TP);
  assert.is(o.traceparent, TP);
});

test('TC-11 hostile carriers: wrong types, throwing getters, non-strings, Proxy', () => {
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('x');
      },
      has() {
        throw new Error('x');
      },
      ownKeys() {
        throw new Error('x');
      },
      getOwnPropertyDescriptor() {
        throw new Error('x');
      },
    },
  );
  const getterThrows = Object.defineProperty({}, 'traceparent', {
    enumerable: true,
    get() {
      throw new Error('x');
    },
  });
  for (const c of [
    null,
    undefined,
    42,
    'traceparent',
    Symbol('s'),
    () => TP,
    throwing,
    getterThrows,
    { traceparent: 42 },
    { traceparent: [TP, 1] },
    { traceparent: { toString: () => TP } },
  ]) {
    assert.is(p.extract(ROOT_CONTEXT, c), ROOT_CONTEXT);
  }
  assert.is(
    p.extract(
      ROOT_CONTEXT,
      {},
      {
        keys: () => [],
        get: () => {
          throw new Error('x');
        },
      },
    ),
    ROOT_CONTEXT,
  );
});

test('TC-11 extract never mutates the carrier', () => {
  const carrier = Object.freeze({ traceparent: TP, tracestate: 'a=1' });
  assert.is(traceIdOf(carrier), TID);
  const h = new Headers({ traceparent: TP });
  traceIdOf(h);
  assert.equal([...h], [['traceparent', TP]]);
});

test('prototype keys in carriers are plain data and never touch a prototype', () => {
  const carrier = JSON.parse(`{"__proto__": {"traceparent": "${TP}"}, "constructor": "x", "prototype": "y"}`);
  assert.is(traceIdOf(carrier), undefined, 'a header named __proto__ is not a traceparent');
  assert.is(defaultTextMapGetter.get(carrier, 'constructor'), 'x');
  assert.is(defaultTextMapGetter.get({}, 'constructor'), undefined, 'inherited properties are not headers');
  assert.is(defaultTextMapGetter.get({}, '__proto__'), undefined);
  const inherited = Object.create({ traceparent: TP });
  assert.is(traceIdOf(inherited), undefined);
  assert.is(({} as Record<string, unknown>).traceparent, undefined);
});

test('defaultTextMapSetter with a __proto__ key defines an own property, never sets the prototype', () => {
  const carrier: Record<string, unknown> = {};
  defaultTextMapSetter.set(carrier, '__proto__', 'x');
  assert.is(Object.getPrototypeOf(carrier), Object.prototype);
  assert.is(Object.getOwnPropertyDescriptor(carrier, '__proto__')?.value, 'x');
  defaultTextMapSetter.set(null, 'a', 'b');
  defaultTextMapSetter.set(42, 'a', 'b');
});

test('defaultTextMapGetter.keys lists keys of every carrier kind', () => {
  assert.equal(defaultTextMapGetter.keys({ a: 1, b: 2 }), ['a', 'b']);
  assert.equal(defaultTextMapGetter.keys(new Map([['a', '1']])), ['a']);
  assert.equal(defaultTextMapGetter.keys(new Headers({ a: '1' })), ['a']);
  assert.equal(defaultTextMapGetter.keys(null), []);
});

test.run();
