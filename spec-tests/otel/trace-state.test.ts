/**
 * The bridge's `OtelTraceState`: this library's `TraceState` rules behind OpenTelemetry's
 * `TraceState` interface, with OpenTelemetry's never-throw `set`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as api from '@opentelemetry/api';
import { TraceState as CoreTraceState } from '@opentelemetry/core';
import { OtelTraceState } from '../../src/otel/index.js';
import { TraceState } from '../../src/trace-context/tracestate.js';
import { TRACESTATE_RE } from '../helpers/abnf.js';

/** OpenTelemetry code sees a TraceState through this interface only. */
function asOtel(ts: api.TraceState): api.TraceState {
  return ts;
}

test("our TraceState fits OpenTelemetry's interface; its set throws where OpenTelemetry's ignores (TC-22)", () => {
  const ours = asOtel(new TraceState('rojo=1'));
  assert.is(ours.set('congo', '2').serialize(), 'congo=2,rojo=1');
  assert.throws(() => ours.set('Bad Key', 'x'), TypeError);
  const core = new CoreTraceState('rojo=1');
  assert.ok(core.set('Bad Key', 'x') === core, "OpenTelemetry's set returns itself unchanged");
  const bridged = new OtelTraceState('rojo=1');
  assert.ok(bridged.set('Bad Key', 'x') === bridged, 'so the bridge does the same');
});

test('TC-22 TC-23 set: invalid keys and values are ignored, never thrown, and reported to api.diag when given', () => {
  const warnings: string[] = [];
  const ts = new OtelTraceState('rojo=1', undefined, (m) => warnings.push(m));
  for (const [k, v] of [
    ['Bad', '1'],
    ['a', 'x,y'],
    ['a', 'x '],
    ['', '1'],
    ['a', ''],
    ['k'.repeat(257), '1'],
    [1 as unknown as string, '1'],
  ]) {
    assert.ok(ts.set(k!, v!) === ts, `${k}=${v}`);
  }
  assert.is(warnings.length, 7);
  assert.match(warnings[0]!, /TC-22/);
  assert.is(ts.serialize(), 'rojo=1');
});

test('TC-22 TC-23 set: never throws and never builds an invalid header, whatever it is given', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 40 }),
      (pairs) => {
        let ts = new OtelTraceState('rojo=00f067aa0ba902b7');
        for (const [k, v] of pairs) ts = ts.set(k, v);
        const header = ts.serialize();
        assert.ok(header === '' || TRACESTATE_RE.test(header), header);
      },
    ),
  );
});

test('TC-27 set: the member moves to the left, the others keep their order; the result is an OtelTraceState', () => {
  const ts = new OtelTraceState('rojo=1,congo=2,blue=3').set('congo', 'x');
  assert.ok(ts instanceof OtelTraceState);
  assert.is(ts.serialize(), 'congo=x,rojo=1,blue=3');
  assert.ok(ts.set('Bad', '1') === ts, 'a set on a set result ignores invalid input too');
});

test('TC-28 set: a 33rd member drops the right-most (OpenTelemetry ignores such a set instead)', () => {
  const full = Array.from({ length: 32 }, (_, i) => `k${i}=v`).join(',');
  const ts = new OtelTraceState(full).set('new', '1');
  assert.is(ts.size, 32);
  assert.is(ts.get('new'), '1');
  assert.is(ts.get('k31'), undefined);
  assert.is(new CoreTraceState(full).set('new', '1').get('new'), undefined);
});

test('TC-29 TC-30 serialize: over 512 chars, whole members go, long ones first (OpenTelemetry refuses the set)', () => {
  const long = 'v'.repeat(200);
  let ts = new OtelTraceState();
  for (const k of ['a', 'b', 'c']) ts = ts.set(k, long);
  ts = ts.set('short', '1');
  assert.is(ts.size, 4);
  const header = ts.serialize();
  assert.ok(header.length <= 512);
  assert.is(header, `short=1,c=${long},b=${long}`);
  assert.is(ts.serialize(Infinity).split(',').length, 4);
  // Received, the same header goes on whole: a pass-through does not change it (TC-33).
  assert.is(new OtelTraceState(ts.serialize(Infinity)).serialize(), ts.serialize(Infinity));
  let core = new CoreTraceState();
  for (const k of ['a', 'b', 'c']) core = core.set(k, long);
  assert.is(core.get('c'), undefined);
});

test('TC-26 an invalid header reads as empty; TC-28 a repeated key keeps the left-most member', () => {
  assert.is(new OtelTraceState('a=1,B=2').serialize(), '');
  assert.is(new OtelTraceState('a=1,b=2,a=3').serialize(), 'a=1,b=2');
  assert.is(new OtelTraceState(['a=1', 'b=2']).get('b'), '2');
});

test('unset, get, size, iteration, toString and the TraceState inside', () => {
  const ts = new OtelTraceState('rojo=1,congo=2');
  assert.ok(ts.unset('absent') === ts);
  const next = ts.unset('rojo');
  assert.ok(next instanceof OtelTraceState);
  assert.is(next.serialize(), 'congo=2');
  assert.is(ts.get('congo'), '2');
  assert.is(ts.size, 2);
  assert.equal(
    [...ts],
    [
      ['rojo', '1'],
      ['congo', '2'],
    ],
  );
  assert.is(String(ts), 'rojo=1,congo=2');
  assert.ok(ts.traceState instanceof TraceState);
  const wrapped = new OtelTraceState(new TraceState('x=1'));
  assert.is(wrapped.get('x'), '1');
});

test.run();
