import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspectTraceparent } from '../../src/trace-context/traceparent-inspect.js';
import { parseTraceState, TRACESTATE_MAX_INPUT_LENGTH } from '../../src/trace-context/tracestate.js';
import { inspectTraceState } from '../../src/trace-context/tracestate-inspect.js';
import type { Inspection, Problem } from '../../src/inspect/problem.js';

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
  [
    'TC-21 too many members',
    Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(','),
    'too-many-members',
    10 * 5 + 22 * 6,
    'TC-21',
  ],
  ['TC-20 non-string in a list', ['a=1', 3], 'not-a-string', 0, 'TC-20'],
];

for (const [name, input, code, offset, rule] of traceStateCases) {
  test(`${name}: inspectTraceState names code, offset and rule`, () => {
    const e = firstError(inspectTraceState(input));
    assert.equal({ code: e.code, offset: e.offset, rule: e.rule }, { code, offset, rule });
  });
}

test('TC-28 a repeated key is a warning at its second occurrence, and the tracestate stays valid', () => {
  const r = inspectTraceState('foo=1,bar=2,foo=2');
  assert.ok(r.valid);
  assert.equal(r.valid && r.value.map((m) => m.key + '=' + m.value), ['foo=1', 'bar=2']);
  const w = r.warnings?.[0];
  assert.equal(
    { code: w?.code, offset: w?.offset, rule: w?.rule },
    { code: 'duplicate-key', offset: 12, rule: 'TC-28' },
  );
  assert.is(inspectTraceState(['foo=1', 'foo=1']).warnings?.[0].offset, 6);
  assert.is(inspectTraceState('foo=1,bar=2').warnings, undefined);
});

test('TC-25 TC-24 members and their offsets in a valid tracestate', () => {
  const r = inspectTraceState('a= 1 ,, b=2');
  assert.ok(r.valid);
  if (r.valid)
    assert.equal(r.value, [
      { key: 'a', value: ' 1', offset: 0 },
      { key: 'b', value: '2', offset: 8 },
    ]);
});

const errorsOf = <T>(r: Inspection<T>) => (r.valid ? [] : [...r.errors]);
const codes = <T>(r: Inspection<T>) => errorsOf(r).map((e) => e.code);

test('TC-29 input over the cap is one too-long error at the first char past the cap', () => {
  const cap = TRACESTATE_MAX_INPUT_LENGTH;
  const padded = (n: number) => 'a=1' + ' '.repeat(n - 3);
  assert.ok(inspectTraceState(padded(cap)).valid);
  const r = inspectTraceState(padded(cap + 1));
  assert.equal(
    errorsOf(r).map((e) => [e.code, e.offset, e.rule]),
    [['too-long', cap, 'TC-29']],
  );
  assert.is(firstError(inspectTraceState(['a=1', padded(cap - 3)])).code, 'too-long', 'fields joined with commas');
  assert.is(firstError(inspectTraceState(padded(1001), { maxLength: 1000 })).offset, 1000);
  assert.ok(inspectTraceState(padded(cap + 1), { maxLength: Infinity }).valid);
  for (const n of [cap - 1, cap, cap + 1])
    assert.is(inspectTraceState(padded(n)).valid, parseTraceState(padded(n)) !== undefined, `${n}`);
});

test('TC-26 at most 32 problems are listed, then one too-many-problems', () => {
  // 20 distinct keys 'Aa=', 'Ab=', ... of 4 chars with their comma: 2 problems each.
  const r = inspectTraceState(Array.from({ length: 20 }, (_, i) => `A${String.fromCharCode(0x61 + i)}=`).join(','));
  const errors = errorsOf(r);
  assert.is(errors.length, 33);
  assert.equal(
    errors.slice(0, 2).map((e) => e.code),
    ['bad-key-start', 'empty-value'],
  );
  const last = errors[32];
  assert.equal(
    [last.code, last.offset, last.rule],
    ['too-many-problems', 16 * 4, 'TC-26'],
    'at the first problem left out',
  );
  assert.match(last.message, /^8 more problems/);
});

test('TC-21 TC-26 a megabyte of members: bounded errors, member count and duplicates still reported', () => {
  const input = 'k=v,'.repeat(262_144);
  const r = inspectTraceState(input, { maxLength: Infinity });
  const errors = errorsOf(r);
  assert.ok(errors.length <= 34);
  assert.is(r.warnings?.length, 31);
  assert.equal(
    r.warnings?.slice(0, 2).map((w) => w.code),
    ['duplicate-key', 'duplicate-key'],
  );
  const tooMany = errors.find((e) => e.code === 'too-many-members');
  assert.equal([tooMany?.offset, tooMany?.message.startsWith('262144 members')], [32 * 4, true]);
  assert.is(parseTraceState(input, { maxLength: Infinity }), undefined);
});

test('TC-22 a megabyte member without = is reported once, with a short message', () => {
  const e = firstError(inspectTraceState(`a=1,${'x'.repeat(1 << 20)},b=2`, { maxLength: Infinity }));
  assert.equal([e.code, e.offset], ['missing-equals', 4]);
  assert.ok(e.message.length < 80);
});

test('TC-28 repeated keys are found among valid members, each at its second occurrence', () => {
  const members = Array.from({ length: 30 }, (_, i) => `k${i}=v`);
  const r = inspectTraceState([...members, 'k3=w', 'k29=w'].join(','));
  assert.ok(r.valid);
  assert.equal(
    r.warnings?.map((w) => w.code),
    ['duplicate-key', 'duplicate-key'],
  );
  assert.is(r.warnings?.[1].offset, [...members, 'k3=w'].join(',').length + 1);
});

test.run();
