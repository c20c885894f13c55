import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTraceState, TraceState } from '../../src/tracestate.js';

const entries = (ts: TraceState | undefined) => (ts ? [...ts] : undefined);

test('TC-20 several header values are combined in order', () => {
  assert.equal(entries(parseTraceState(['a=1', 'b=2,c=3'])), [['a', '1'], ['b', '2'], ['c', '3']]);
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
  for (const k of ['@a', 'A', 'aB', '_a', 'a.b', 'a'.repeat(257), '']) assert.is(parseTraceState(`${k}=v`), undefined, k);
});

test('TC-23 value grammar: no comma or equals, printable ASCII, up to 256 chars', () => {
  assert.is(parseTraceState(`a=${'x'.repeat(256)}`)?.size, 1);
  assert.is(parseTraceState(`a=${'x'.repeat(257)}`), undefined);
  for (const v of ['a=', 'a=b=c', 'a=\u00e9', 'a=x\ty', 'a=\u0001', 'a=  ']) assert.is(parseTraceState(v), undefined, JSON.stringify(v));
  assert.is(parseTraceState('a=!~"')?.get('a'), '!~"');
});

test('TC-24 leading spaces of a value are kept, trailing spaces and tabs dropped', () => {
  assert.is(parseTraceState('a=  x y \t,b=1')?.get('a'), '  x y');
  assert.is(parseTraceState('a= x')?.serialize(), 'a= x');
});

test('TC-25 empty and whitespace-only members are skipped; an empty header is accepted', () => {
  assert.equal(entries(parseTraceState('a=1,, \t ,b=2,')), [['a', '1'], ['b', '2']]);
  assert.is(parseTraceState('')?.size, 0);
  assert.is(parseTraceState(' \t ')?.size, 0);
});

test('TC-26 one invalid member discards the whole tracestate', () => {
  assert.is(parseTraceState('a=1,B=2,c=3'), undefined);
  assert.is(parseTraceState('a=1,nokey'), undefined);
  assert.is(parseTraceState('a=1, =2'), undefined);
});

test('TC-26 TC-28 a duplicate key on input discards the whole tracestate (the official suite expects it)', () => {
  assert.is(parseTraceState('foo=1,foo=1'), undefined);
  assert.is(parseTraceState('foo=1,foo=2'), undefined);
  assert.is(parseTraceState(['foo=1', 'foo=2']), undefined);
  assert.is(parseTraceState(['foo=1', 'bar=2', ' foo=1']), undefined);
  assert.is(new TraceState('foo=1,foo=2').size, 0);
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
  for (const [k, v] of [['A', 'x'], ['a', 'x,y'], ['a', 'x '], ['a', ''], ['', 'x'], ['a', 'x=y']]) {
    assert.throws(() => ts.set(k, v), (e: unknown) => e instanceof TypeError, `${k}=${v}`);
  }
});

test('TC-29 TC-30 serialize truncates whole members: long ones first, then from the right', () => {
  const long = 'l=' + 'x'.repeat(200); // 202 chars, over 128
  const short = Array.from({ length: 20 }, (_, i) => `k${i.toString().padStart(2, '0')}=${'v'.repeat(20)}`); // 24 chars each
  const ts = new TraceState([short[0], long, ...short.slice(1)].join(','));
  const out = ts.serialize();
  assert.ok(out.length <= 512);
  assert.not.ok(out.includes('l=x'), 'the long member goes first');
  assert.is(out, short.join(','), 'then nothing else needed: 20*25-1 = 499 chars');
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

test.run();
