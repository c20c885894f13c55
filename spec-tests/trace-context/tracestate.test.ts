import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTraceState, TraceState, TRACESTATE_MAX_INPUT_LENGTH } from '../../src/trace-context/tracestate.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { getSpanContext } from '../../src/trace/span.js';

const entries = (ts: TraceState | undefined) => (ts ? [...ts] : undefined);

test('TC-20 several header values are combined in order', () => {
  assert.equal(entries(parseTraceState(['a=1', 'b=2,c=3'])), [
    ['a', '1'],
    ['b', '2'],
    ['c', '3'],
  ]);
});

test('TC-21 32 members are fine, 33 discard the tracestate', () => {
  const m = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join(',');
  assert.is(parseTraceState(m(32))?.size, 32);
  assert.is(parseTraceState(m(33)), undefined);
  assert.is(parseTraceState([m(16), m(17).replace(/k/g, 'j')]), undefined);
});

test('TC-22 key grammar: @ anywhere after the first char, up to 256 chars', () => {
  for (const k of ['foo@', 'foo@@bar', 'a@b@c', '0a', 'k*_-/@', 'a'.repeat(256), `${'a'.repeat(249)}@vendor`]) {
    assert.is(parseTraceState(`${k}=v`)?.get(k), 'v', k);
  }
  for (const k of ['@a', 'A', 'aB', '_a', 'a.b', 'a'.repeat(257), ''])
    assert.is(parseTraceState(`${k}=v`), undefined, k);
});

test('TC-23 value grammar: no comma or equals, printable ASCII, up to 256 chars', () => {
  assert.is(parseTraceState(`a=${'x'.repeat(256)}`)?.size, 1);
  assert.is(parseTraceState(`a=${'x'.repeat(257)}`), undefined);
  for (const v of ['a=', 'a=b=c', 'a=\u00e9', 'a=x\ty', 'a=\u0001', 'a=  '])
    assert.is(parseTraceState(v), undefined, JSON.stringify(v));
  assert.is(parseTraceState('a=!~"')?.get('a'), '!~"');
});

test('TC-24 leading spaces of a value are kept, trailing spaces and tabs dropped', () => {
  assert.is(parseTraceState('a=  x y \t,b=1')?.get('a'), '  x y');
  assert.is(parseTraceState('a= x')?.serialize(), 'a= x');
});

test('TC-25 empty and whitespace-only members are skipped; an empty header is accepted', () => {
  assert.equal(entries(parseTraceState('a=1,, \t ,b=2,')), [
    ['a', '1'],
    ['b', '2'],
  ]);
  assert.is(parseTraceState('')?.size, 0);
  assert.is(parseTraceState(' \t ')?.size, 0);
});

test('TC-26 one invalid member discards the whole tracestate', () => {
  assert.is(parseTraceState('a=1,B=2,c=3'), undefined);
  assert.is(parseTraceState('a=1,nokey'), undefined);
  assert.is(parseTraceState('a=1, =2'), undefined);
});

test('TC-28 a repeated key keeps the left-most member, drops the rest (the official suite expects it kept)', () => {
  assert.is(parseTraceState('foo=1,foo=1')?.serialize(), 'foo=1');
  assert.is(parseTraceState('foo=1,foo=2')?.serialize(), 'foo=1');
  assert.is(parseTraceState(['foo=1', 'foo=2'])?.serialize(), 'foo=1');
  assert.is(parseTraceState(['foo=1', 'bar=2', ' foo=3', 'baz=4'])?.serialize(), 'foo=1,bar=2,baz=4');
  assert.is(new TraceState('foo=1,foo=2').size, 1);
  assert.is(new TraceState('foo=1,foo=2').get('foo'), '1');
});

test('TC-26 a repeated key does not save a tracestate with an invalid member', () => {
  assert.is(parseTraceState('foo=1,foo=2,Bad=3'), undefined);
  assert.is(parseTraceState('foo=1,foo='), undefined);
});

test('TC-28 a mutation never leaves a key twice', () => {
  const ts = new TraceState('foo=1,bar=2');
  assert.is(ts.set('foo', '3').serialize(), 'foo=3,bar=2');
  assert.is(ts.set('bar', '3').set('foo', '4').serialize(), 'foo=4,bar=3');
  assert.is(ts.unset('foo').serialize(), 'bar=2');
});

test('TC-27 set puts the member at the left; the others keep their order', () => {
  const ts = new TraceState('a=1,b=2,c=3');
  assert.is(ts.set('b', 'x').serialize(), 'b=x,a=1,c=3');
  assert.is(ts.set('d', '4').serialize(), 'd=4,a=1,b=2,c=3');
  assert.is(ts.serialize(), 'a=1,b=2,c=3', 'immutable');
  assert.is(ts.unset('b').serialize(), 'a=1,c=3');
});

test('TC-28 set beyond 32 members drops the right-most', () => {
  const ts = new TraceState(Array.from({ length: 32 }, (_, i) => `k${i}=v`).join(','));
  const next = ts.set('new', 'x');
  assert.is(next.size, 32);
  assert.is(next.get('k31'), undefined);
  assert.is([...next][0][0], 'new');
});

test('TC-22 TC-23 set rejects invalid keys and values with a TypeError', () => {
  const ts = new TraceState();
  for (const [k, v] of [
    ['A', 'x'],
    ['a', 'x,y'],
    ['a', 'x '],
    ['a', ''],
    ['', 'x'],
    ['a', 'x=y'],
  ]) {
    assert.throws(
      () => ts.set(k, v),
      (e: unknown) => e instanceof TypeError,
      `${k}=${v}`,
    );
  }
});

test('TC-22 TC-23 set says in words what a key and a value may be, and the rule ids', () => {
  for (const [k, v] of [
    ['Bad', 'x'],
    ['a', 'x,y'],
  ]) {
    assert.throws(
      () => new TraceState().set(k, v),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message.startsWith(`TraceState.set(${JSON.stringify(k)}, ${JSON.stringify(v)}): `) &&
        /key: 1-256 chars a-z 0-9 _-\*\/@, a-z or 0-9 first \(TC-22\)/.test(e.message) &&
        /value: 1-256 printable ASCII chars but , and =, no trailing space \(TC-23\)/.test(e.message) &&
        !e.message.includes('/^'),
    );
  }
});

test('TC-29 TC-30 serialize truncates whole members: long ones first, then from the right', () => {
  const long = 'l=' + 'x'.repeat(200); // 202 chars, over 128
  // 24 chars each
  const short = Array.from({ length: 20 }, (_, i) => `k${i.toString().padStart(2, '0')}=${'v'.repeat(20)}`);
  const ts = new TraceState([short[0], long, ...short.slice(1)].join(','));
  // serialize() sent this one cut to 512; as received it now goes whole (TC-33), and 512 is asked for.
  const out = ts.serialize(512);
  assert.ok(out.length <= 512);
  assert.not.ok(out.includes('l=x'), 'the long member goes first');
  assert.is(out, short.join(','), 'then nothing else needed: 20*25-1 = 499 chars');
  assert.is(ts.set('k00', 'v'.repeat(20)).serialize(), short.join(','), 'one this service changed: cut to 512');
  const out2 = ts.serialize(100);
  assert.is(out2, short.slice(0, 4).join(','));
  assert.is(ts.serialize(Infinity).length, 202 + 20 * 25);
  assert.is(ts.serialize(0), '');
});

test('TC-30 truncation keeps short members on the left of a long one', () => {
  const ts = new TraceState(`a=1,big=${'y'.repeat(150)},b=2`);
  assert.is(ts.serialize(20), 'a=1,b=2');
});

test('__proto__, constructor and prototype are plain tracestate keys', () => {
  const ts = parseTraceState('__proto__=1,constructor=2,prototype=3');
  assert.is(ts, undefined, '__proto__ starts with _ so the header is invalid');
  const ok = parseTraceState('constructor=2,prototype=3');
  assert.is(ok?.get('constructor'), '2');
  assert.is(ok?.get('prototype'), '3');
  assert.is(new TraceState().get('constructor'), undefined);
  assert.is(({} as Record<string, unknown>).prototype, undefined);
});

// Valid headers of exactly `length` chars: one member, then trailing OWS (TC-24).
const padded = (length: number) => 'a=1' + ' '.repeat(length - 3);
const CAP = TRACESTATE_MAX_INPUT_LENGTH;

test('TC-29 the default input cap holds the longest unpadded valid header (32 x 513 + 31 chars)', () => {
  const members = Array.from(
    { length: 32 },
    (_, i) => `${'k'.repeat(254)}${i.toString().padStart(2, '0')}=${'v'.repeat(256)}`,
  );
  const header = members.join(',');
  assert.is(header.length, 16_447);
  assert.ok(CAP - header.length > 16_000, 'with room for OWS besides');
  assert.is(parseTraceState(header)?.size, 32);
});

test('TC-29 input just under, at and over the default cap', () => {
  assert.is(parseTraceState(padded(CAP - 1))?.get('a'), '1');
  assert.is(parseTraceState(padded(CAP))?.get('a'), '1');
  assert.is(parseTraceState(padded(CAP + 1)), undefined);
  assert.is(new TraceState(padded(CAP + 1)).size, 0);
});

test('TC-20 TC-29 the cap applies to the fields joined by commas', () => {
  const a = 'a=1';
  const b = (n: number) => 'b=2' + ' '.repeat(n - 3);
  assert.is(parseTraceState([a, b(CAP - a.length - 1)])?.size, 2, 'exactly the cap, comma included');
  assert.is(parseTraceState([a, b(CAP - a.length)]), undefined, 'one over');
  assert.is(
    parseTraceState(['a=1', ...Array.from({ length: CAP }, () => '')]),
    undefined,
    'empty fields still add commas',
  );
  assert.is(parseTraceState([])?.size, 0);
});

test('TC-29 maxLength moves the cap, never below 512; Infinity lifts it', () => {
  assert.is(parseTraceState(padded(1000), { maxLength: 1000 })?.size, 1);
  assert.is(parseTraceState(padded(1001), { maxLength: 1000 }), undefined);
  assert.is(parseTraceState(['a=1', padded(997)], { maxLength: 1000 }), undefined);
  assert.is(parseTraceState(padded(CAP * 4), { maxLength: Infinity })?.size, 1);
  assert.is(parseTraceState(padded(512), { maxLength: 10 })?.size, 1, 'at least 512 chars are read');
  assert.is(parseTraceState(padded(513), { maxLength: 10 }), undefined);
  assert.is(parseTraceState(padded(513), { maxLength: NaN }), undefined, 'NaN is the 512 floor, never unbounded');
});

test('TC-19 TC-29 the propagator passes maxTraceStateLength through and keeps the parent', () => {
  const carrier = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: padded(2000) };
  const state = (p: W3CTraceContextPropagator) =>
    getSpanContext(p.extract(ROOT_CONTEXT, carrier))?.traceState?.serialize();
  assert.is(state(new W3CTraceContextPropagator()), 'a=1');
  assert.is(state(new W3CTraceContextPropagator({ maxTraceStateLength: 1999 })), '', 'read as empty on first use');
  assert.is(
    getSpanContext(new W3CTraceContextPropagator({ maxTraceStateLength: 1999 }).extract(ROOT_CONTEXT, carrier))?.spanId,
    'b7ad6b7169203331',
  );
});

test('TC-21 TC-28 repeated keys count towards the 32 members of the input; dropping them is linear', () => {
  const m = Array.from({ length: 31 }, (_, i) => `k${i}=v`);
  assert.is(parseTraceState([...m, 'k0=w'].join(','))?.serialize(), m.join(','));
  assert.is(parseTraceState([...m, 'k0=w', 'k31=w'].join(',')), undefined);
  assert.is(parseTraceState([...m, 'k31=w'].join(','))?.size, 32);
  assert.is(parseTraceState('k=v,'.repeat(100_000), { maxLength: Infinity }), undefined);
});

test.run();
