/**
 * `kept` on the trace-context inspections: what a propagator keeps of the header and sends on,
 * valid or not.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspectTraceparent, inspectTraceState } from '../../src/index.js';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const P = '00f067aa0ba902b7';

test('TC-10 a valid traceparent: ids and flags kept as received; sent on as version 00, unknown bits cleared', () => {
  const r = inspectTraceparent(`cc-${T}-${P}-ff-future`);
  assert.ok(r.valid);
  assert.equal(r.kept, { value: { traceId: T, spanId: P, traceFlags: 0xff }, sends: `00-${T}-${P}-03` });
  assert.equal(inspectTraceparent(` 00-${T}-${P}-01\t`).kept, {
    value: { traceId: T, spanId: P, traceFlags: 1 },
    sends: `00-${T}-${P}-01`,
  });
});

test('TC-11 an invalid traceparent keeps nothing and sends nothing on: a new trace', () => {
  for (const bad of [
    `00-${T.toUpperCase()}-${P}-01`,
    `ff-${T}-${P}-01`,
    `00-${T}-${P}-01-`,
    '',
    `00-${T}-${P}-01, 00-${T}-${P}-02`,
  ]) {
    const r = inspectTraceparent(bad);
    assert.not.ok(r.valid, bad);
    assert.equal(r.kept, { value: undefined, sends: undefined }, bad);
  }
  assert.equal(inspectTraceparent(42).kept, { value: undefined, sends: undefined });
});

test('TC-26 an invalid tracestate keeps nothing: the whole header is discarded', () => {
  for (const bad of ['rojo=1,Congo=2', 'a=', Array.from({ length: 33 }, (_, i) => `k${i}=1`).join(','), 'a=1\u0000']) {
    assert.equal(inspectTraceState(bad).kept, { value: undefined, sends: undefined }, bad);
  }
  assert.equal(inspectTraceState(['a=1', 7]).kept, { value: undefined, sends: undefined });
  assert.equal(inspectTraceState('a=1', { maxLength: 512 }).kept.sends, 'a=1');
  assert.equal(inspectTraceState('a=1,' + ' '.repeat(600), { maxLength: 512 }).kept, {
    value: undefined,
    sends: undefined,
  });
});

test('TC-28 a repeated key: kept once, the left-most, with its offset; a warning, and the rest kept in order', () => {
  const r = inspectTraceState('rojo=1, congo=2,rojo=3,a=4');
  assert.ok(r.valid);
  assert.equal(
    r.warnings?.map((w) => w.rule),
    ['TC-28'],
  );
  assert.equal(r.kept.value, [
    { key: 'rojo', value: '1', offset: 0 },
    { key: 'congo', value: '2', offset: 8 },
    { key: 'a', value: '4', offset: 23 },
  ]);
  assert.is(r.kept.sends, 'rojo=1,congo=2,a=4');
});

test('TC-24 TC-20 kept values keep their leading spaces; several lines are one list', () => {
  const r = inspectTraceState(['a= x ', 'b=2']);
  assert.equal(
    r.kept.value?.map((m) => [m.key, m.value]),
    [
      ['a', ' x'],
      ['b', '2'],
    ],
  );
  assert.is(r.kept.sends, 'a= x,b=2');
});

test('TC-33 what is sent on is the whole tracestate, over 512 chars too: a pass-through does not cut it', () => {
  // This was cut to 512 chars (TC-30); a pass-through does not change tracestate (TC-33) and
  // 512 is what every participant propagates at least, not a ceiling (TC-29).
  const m = (k: string, n: number) => `${k}=${'x'.repeat(n - k.length - 1)}`;
  const r = inspectTraceState([m('a', 100), m('long', 200), m('c', 120), ' ', m('d', 120)].join(','));
  assert.is(r.kept.value?.length, 4);
  const whole = [m('a', 100), m('long', 200), m('c', 120), m('d', 120)].join(',');
  assert.is(r.kept.sends, whole, 'its canonical form: 543 chars');
});

test('TC-25 TC-31 an empty tracestate keeps no members and sends no header', () => {
  for (const empty of ['', ' ', ',,', [' ', '']])
    assert.equal(inspectTraceState(empty).kept, { value: [], sends: undefined }, JSON.stringify(empty));
});

test.run();
