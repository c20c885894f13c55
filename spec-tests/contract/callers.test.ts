/**
 * What a caller can and cannot reach: the holes the inject-grammar property test found, one
 * test each, and what `new Baggage(...)` and `new TraceState(...)` do with what they are given.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from '@opentelemetry/api';
import {
  Baggage,
  EMPTY_BAGGAGE,
  formatBaggage,
  getSpan,
  parseTraceState,
  ROOT_CONTEXT,
  setBaggage,
  setSpan,
  setSpanContext,
  TraceState,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  W3CTraceResponsePropagator,
  type SpanContext,
} from '../../src/index.js';
import { createOtelPropagators, OtelTraceState } from '../../src/otel/index.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;
const CRLF = 'a=b\r\nx-injected: 1';
const NewBaggage = Baggage as unknown as new (...args: unknown[]) => Baggage;

function inject(propagator: { inject(ctx: never, carrier: unknown): void }, ctx: unknown): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx as never, carrier);
  return carrier;
}

test('BG-8 new Baggage(undefined, header) keeps nothing: no "trusted" header to send as it came', () => {
  const b = new NewBaggage(undefined, CRLF);
  assert.is(b.size, 0);
  assert.equal(inject(new W3CBaggagePropagator(), setBaggage(ROOT_CONTEXT, b)), {});
});

test('BG-3 new Baggage(keys, entries) keeps nothing: no unchecked key is sent', () => {
  const b = new NewBaggage(['bad key,x'], [{ value: 'v' }]);
  assert.is(formatBaggage(b), '');
  assert.equal(b.members(), []);
});

test('BG-3 new Baggage() is an empty baggage that works like EMPTY_BAGGAGE', () => {
  const b = new Baggage();
  assert.is(b.size, 0);
  assert.is(b.setEntry('k', 'v').toString(), 'k=v');
  assert.equal(b.members(), EMPTY_BAGGAGE.members());
});

test('BG-8 a hand-made object with Baggage-like fields, or any other value, is not sent', () => {
  const p = new W3CBaggagePropagator();
  for (const value of [
    { _k: undefined, _e: CRLF, _l: undefined },
    42,
    'k=v',
    [],
    { getAllEntries: () => [['k', { value: 'v' }]] },
  ]) {
    assert.equal(inject(p, setBaggage(ROOT_CONTEXT, value as never)), {}, JSON.stringify(value));
    assert.is(formatBaggage(value as never), '');
  }
});

test('TC-10 a span context read twice never sends its second answer: each field is read once', () => {
  let reads = 0;
  const sc = Object.defineProperty({ spanId: SID, traceFlags: 1 }, 'traceId', {
    get: () => (reads++ ? 'x\r\nevil: 1' : TID),
  }) as SpanContext;
  assert.equal(inject(new W3CTraceContextPropagator(), setSpanContext(ROOT_CONTEXT, sc)), { traceparent: TP });
  reads = 0;
  assert.equal(inject(new W3CTraceResponsePropagator(), setSpanContext(ROOT_CONTEXT, sc)), {
    'server-timing': `trace;desc=${TP}`,
  });
});

test('TC-22 TC-23 a TraceState whose serialize was replaced (subclass or own property) is sent as its members', () => {
  class Crlf extends TraceState {
    override serialize(): string {
      return CRLF;
    }
  }
  const own = Object.assign(new TraceState('a=1'), { serialize: () => CRLF });
  for (const traceState of [new Crlf('a=1'), own]) {
    const carrier = inject(
      new W3CTraceContextPropagator(),
      setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1, traceState }),
    );
    assert.equal(carrier, { traceparent: TP, tracestate: 'a=1' });
  }
});

test('TC-2 TC-10 the span extract makes, built again through span.constructor, sends no header', () => {
  const p = new W3CTraceContextPropagator();
  const RemoteSpan = getSpan(p.extract(ROOT_CONTEXT, { traceparent: TP }))!.constructor as new (
    ...args: unknown[]
  ) => never;
  for (const header of [`00-${';'.repeat(32)}-${'z'.repeat(16)}-01`, `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`, TP]) {
    assert.equal(inject(p, setSpan(ROOT_CONTEXT, new RemoteSpan(header, new TraceState('a=1')))), {}, header);
  }
});

test('TC-26 new TraceState(header, options) reads any value as a header or as empty: serialize is always valid', () => {
  const cases: [unknown, string][] = [
    [CRLF, ''],
    ['a=1\r\n', ''],
    [['a=1', 'b=2'], 'a=1,b=2'],
    [['a=1', 7], ''],
    [42, ''],
    [{ _s: CRLF }, ''],
    [null, ''],
    ['a=1,A=2', ''],
  ];
  for (const [header, expected] of cases)
    assert.is(new TraceState(header as string).serialize(), expected, JSON.stringify(header));
  assert.is(new TraceState('a=1', { maxLength: -1 }).serialize(), 'a=1');
});

test('TC-22 TC-23 the OpenTelemetry bridge sends an OtelTraceState or TraceState subclass as its members', () => {
  const { traceContext } = createOtelPropagators(api);
  class Crlf extends TraceState {
    override serialize(): string {
      return CRLF;
    }
  }
  class CrlfOtel extends OtelTraceState {
    override serialize(): string {
      return CRLF;
    }
  }
  for (const traceState of [new CrlfOtel('a=1'), new OtelTraceState(new Crlf('a=1')), new Crlf('a=1')]) {
    const carrier: Record<string, string> = {};
    traceContext.inject(
      api.trace.setSpanContext(api.ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1, traceState }),
      carrier,
      api.defaultTextMapSetter,
    );
    assert.equal(carrier, { traceparent: TP, tracestate: 'a=1' });
  }
  assert.is(parseTraceState('a=1')?.serialize(), 'a=1');
});

test.run();
