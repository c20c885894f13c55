/**
 * `TraceState` and `Baggage` print as their members: `JSON.stringify` through `toJSON`, Node's
 * `util.inspect` / `console.log` through `nodejs.util.inspect.custom`. Internal fields never show,
 * and printing does not change what inject sends.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspect } from 'node:util';
import {
  createBaggage,
  EMPTY_BAGGAGE,
  formatBaggage,
  parseBaggage,
  parseTraceState,
  TraceState,
} from '../../src/index.js';

test('BG-19 JSON.stringify(baggage) is its members in order, duplicates and properties kept', () => {
  const b = parseBaggage('a=1;p=2, b=%E2%9C%93,a=3');
  assert.is(
    JSON.stringify(b),
    '[{"key":"a","value":"1","properties":[{"key":"p","value":"2"}]},{"key":"b","value":"✓"},{"key":"a","value":"3"}]',
  );
  assert.equal(b.toJSON(), b.members());
  assert.is(JSON.stringify(EMPTY_BAGGAGE), '[]');
  assert.is(JSON.stringify({ baggage: createBaggage({ k: 'v' }) }), '{"baggage":[{"key":"k","value":"v"}]}');
});

test('TC-20 TC-27 JSON.stringify(tracestate) is its members in order as { key, value }', () => {
  const ts = parseTraceState('rojo=00f067aa0ba902b7, congo=t61rcWkgMzE')!;
  assert.is(JSON.stringify(ts), '[{"key":"rojo","value":"00f067aa0ba902b7"},{"key":"congo","value":"t61rcWkgMzE"}]');
  assert.is(
    JSON.stringify(ts.set('congo', 'x')),
    '[{"key":"congo","value":"x"},{"key":"rojo","value":"00f067aa0ba902b7"}]',
  );
  assert.is(JSON.stringify(new TraceState('Bad=1')), '[]');
  assert.is(JSON.stringify(new TraceState()), '[]');
});

test('util.inspect shows the class, the member count and the members, no internal field', () => {
  const b = parseBaggage('a=1;p=2,b=2');
  const ts = parseTraceState('rojo=1,congo=2')!;
  assert.match(inspect(b), /^Baggage\(2\) \[/);
  assert.match(inspect(b, { depth: 5 }), /key: 'a', value: '1', properties: \[ \{ key: 'p', value: '2' \} \]/);
  assert.is(inspect(ts), "TraceState(2) [ { key: 'rojo', value: '1' }, { key: 'congo', value: '2' } ]");
  assert.is(inspect(EMPTY_BAGGAGE), 'Baggage(0) []');
  for (const printed of [inspect(b), inspect(ts), inspect({ nested: { ts } }, { depth: 5 })])
    assert.not.match(printed, /_[kels]\b|_read/);
});

test('BG-8 TC-31 printing reads the members but changes nothing that is sent', () => {
  const header = 'a=1,b=%E2%9C%93';
  const b = parseBaggage(header);
  inspect(b);
  JSON.stringify(b);
  assert.is(formatBaggage(b), header);
  const ts = new TraceState('rojo=1 , congo=2');
  inspect(ts);
  assert.is(JSON.stringify(ts), '[{"key":"rojo","value":"1"},{"key":"congo","value":"2"}]');
  assert.is(ts.serialize(), 'rojo=1,congo=2');
});

test.run();
