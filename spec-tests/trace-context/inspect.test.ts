import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspectTraceparent } from '../../src/traceparent.js';
import { inspectTraceState } from '../../src/tracestate.js';
import type { Inspection, Problem } from '../../src/problem.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;

function firstError<T>(r: Inspection<T>): Problem {
  assert.is(r.valid, false);
  return (r as unknown as { errors: Problem[] }).errors[0];
}

test('TC-2 a valid traceparent inspects as valid with its version', () => {
  const r = inspectTraceparent(TP);
  assert.ok(r.valid);
  if (r.valid) assert.equal(r.value, { version: 0, traceId: TID, spanId: SID, traceFlags: 1 });
});

const traceparentCases: Array<[string, unknown, string, number, string]> = [
  ['TC-3 uppercase hex', `00-${TID.replace('a', 'A')}-${SID}-01`, 'uppercase-hex', 4, 'TC-3'],
  ['TC-3 non-hex char', `00-${TID}-${SID.slice(0, 5)}x${SID.slice(6)}-01`, 'not-hex', 41, 'TC-3'],
  ['TC-4 version ff', `ff-${TID}-${SID}-01`, 'version-ff', 0, 'TC-4'],
  ['TC-5 zero trace id', `00-${'0'.repeat(32)}-${SID}-01`, 'zero-trace-id', 3, 'TC-5'],
  ['TC-6 zero parent id', `00-${TID}-${'0'.repeat(16)}-01`, 'zero-parent-id', 36, 'TC-6'],
  ['TC-7 trailing data on 00', `${TP}-x`, 'trailing-data', 55, 'TC-7'],
  ['TC-8 short higher version', `01-${TID}-${SID}-0`, 'too-short', 54, 'TC-8'],
  ['TC-9 higher version without dash after flags', `01-${TID}-${SID}-01x`, 'bad-separator', 55, 'TC-9'],
  ['TC-13 joined values', `${TP},${TP}`, 'multiple-values', 55, 'TC-13'],
  ['TC-2 wrong separator', `00-${TID}+${SID}-01`, 'bad-separator', 35, 'TC-2'],
  ['TC-2 empty', '  ', 'empty', 0, 'TC-2'],
  ['TC-2 not a string', 42, 'not-a-string', 0, 'TC-2'],
];

for (const [name, input, code, offset, rule] of traceparentCases) {
  test(`${name}: inspectTraceparent names code, offset and rule`, () => {
    const e = firstError(inspectTraceparent(input));
    assert.equal({ code: e.code, offset: e.offset, rule: e.rule }, { code, offset, rule });
    assert.type(e.message, 'string');
    assert.ok(e.message.length > 0);
  });
}

test('TC-9 a higher version with a comma among the ignored fields is valid for inspect too', () => {
  assert.ok(inspectTraceparent(`cc-${TID}-${SID}-02-,hat-the-future-holds`).valid);
});

test('TC-12 surrounding whitespace inspects as valid', () => {
  assert.ok(inspectTraceparent(`\t ${TP} \t`).valid);
});

const traceStateCases: Array<[string, unknown, string, number, string]> = [
  ['TC-22 bad key start', 'a=1,_b=2', 'bad-key-start', 4, 'TC-22'],
  ['TC-22 uppercase key', 'aB=1', 'bad-key-char', 1, 'TC-22'],
  ['TC-22 missing equals', 'a=1,b', 'missing-equals', 4, 'TC-22'],
  ['TC-22 key too long', `${'k'.repeat(257)}=1`, 'key-too-long', 0, 'TC-22'],
  ['TC-23 empty value', 'a=', 'empty-value', 2, 'TC-23'],
  ['TC-23 equals in value', 'a=b=c', 'bad-value-char', 3, 'TC-23'],
  ['TC-23 value too long', `a=${'v'.repeat(257)}`, 'value-too-long', 2, 'TC-23'],
  ['TC-21 too many members', Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(','), 'too-many-members', 10 * 5 + 22 * 6, 'TC-21'],
  ['TC-20 non-string in a list', ['a=1', 3], 'not-a-string', 0, 'TC-20'],
];

for (const [name, input, code, offset, rule] of traceStateCases) {
  test(`${name}: inspectTraceState names code, offset and rule`, () => {
    const e = firstError(inspectTraceState(input));
    assert.equal({ code: e.code, offset: e.offset, rule: e.rule }, { code, offset, rule });
  });
}

test('TC-26 a duplicate key is an error at the second occurrence', () => {
  const e = firstError(inspectTraceState('foo=1,bar=2,foo=2'));
  assert.equal({ code: e.code, offset: e.offset, rule: e.rule }, { code: 'duplicate-key', offset: 12, rule: 'TC-26' });
  assert.is(firstError(inspectTraceState(['foo=1', 'foo=1'])).offset, 6);
});

test('TC-25 TC-24 members and their offsets in a valid tracestate', () => {
  const r = inspectTraceState('a= 1 ,, b=2');
  assert.ok(r.valid);
  if (r.valid) assert.equal(r.value, [{ key: 'a', value: ' 1', offset: 0 }, { key: 'b', value: '2', offset: 8 }]);
});

test.run();
