/**
 * The checker's judgement on its own, without HTTP: what a callback carries, against a case.
 * Each test names the rule the judgement stands for.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { judgeCase } from '../../src/node/check/judge.js';
import { rawMembers } from '../../src/node/check/judge-tracestate.js';
import type { CorpusCase } from '../../src/node/check/corpus.js';
import type { ReceivedHeaders } from '../../src/node/check/types.js';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const P = '00f067aa0ba902b7';
const OWN = 'b7ad6b7169203331';
/** The traceparent the judge expects continued on tracestate and baggage cases. */
const FIXED = `00-${T}-${P}-01`;

function tp(input: string | string[], expect: CorpusCase['expect'], rules = ['TC-2']): CorpusCase {
  return {
    id: 'tp',
    rules,
    header: 'traceparent',
    input,
    description: '',
    valid: expect !== null,
    expect,
    output: null,
  };
}

function ts(input: string | string[], output: string | null, extra: Partial<CorpusCase> = {}): CorpusCase {
  return {
    id: 'ts',
    rules: ['TC-22'],
    header: 'tracestate',
    input,
    description: '',
    valid: true,
    expect: [],
    output,
    ...extra,
  };
}

function bg(input: string | string[], output: string | null, extra: Partial<CorpusCase> = {}): CorpusCase {
  return {
    id: 'bg',
    rules: ['BG-19'],
    header: 'baggage',
    input,
    description: '',
    valid: true,
    expect: [],
    output,
    ...extra,
  };
}

function got(traceparent: string[], rest: Partial<ReceivedHeaders> = {}): ReceivedHeaders {
  return { traceparent, tracestate: [], baggage: [], ...rest };
}

const child = (flags = '01', trace = T, parent = OWN): string => `00-${trace}-${parent}-${flags}`;
const continues = { version: '00', traceId: T, spanId: P, traceFlags: 1 };
const rules = (c: CorpusCase, r: ReceivedHeaders): string[] => judgeCase(c, r, FIXED).problems.flatMap((p) => p.rules);

test('TC-17 a child with its own parent-id, same trace, passes', () => {
  assert.equal(judgeCase(tp(`00-${T}-${P}-01`, continues), got([child()])).problems, []);
});

test("TC-17 the caller's parent-id sent back fails", () => {
  assert.equal(rules(tp(`00-${T}-${P}-01`, continues), got([child('01', T, P)])), ['TC-17']);
});

test('TC-17 the sampled flag may change with the new parent-id', () => {
  assert.equal(judgeCase(tp(`00-${T}-${P}-01`, continues), got([child('00')])).problems, []);
});

test('TC-16 the random flag dropped on a continued trace fails; kept passes', () => {
  const c = tp(`00-${T}-${P}-03`, { ...continues, traceFlags: 3 }, ['TC-16']);
  assert.equal(rules(c, got([child('01')])), ['TC-16']);
  assert.equal(judgeCase(c, got([child('03')])).problems, []);
});

test('TC-10 unknown flag bits: sent as 0ff (three digits) or as 09, both fail on TC-10', () => {
  const c = tp(`00-${T}-${P}-ff`, { ...continues, traceFlags: 0xff }, ['TC-10', 'TC-14']);
  const wide = judgeCase(c, got([`00-${T}-${OWN}-0ff`])).problems;
  assert.equal(
    wide.map((p) => p.rules),
    [['TC-10']],
  );
  assert.match(wide[0].message, /'0ff'/);
  assert.equal(rules(tp(`00-${T}-${P}-09`, { ...continues, traceFlags: 9 }), got([child('09')])), ['TC-10']);
  assert.equal(judgeCase(c, got([child('03')])).problems, []);
});

test('TC-10 a version other than 00 sent on fails', () => {
  assert.equal(rules(tp(`cc-${T}-${P}-01`, continues, ['TC-9']), got([`cc-${T}-${OWN}-01`])), ['TC-10']);
});

test('TC-11 a new trace is expected: the incoming trace-id, even lowercased, fails; a fresh one passes', () => {
  const c = tp(`00-${T.toUpperCase()}-${P}-01`, null, ['TC-3', 'TC-11']);
  assert.equal(rules(c, got([child()])), ['TC-3', 'TC-11']);
  assert.equal(judgeCase(c, got([child('01', 'a'.repeat(32))])).problems, []);
});

test('TC-11 no traceparent at all fails; two fail on TC-2', () => {
  assert.equal(rules(tp('garbage', null, ['TC-2', 'TC-11']), got([])), ['TC-11']);
  assert.equal(rules(tp(`00-${T}-${P}-01`, continues), got([child(), child()])), ['TC-2']);
});

test('TC-5 TC-6 all-zero ids sent on fail', () => {
  assert.equal(rules(tp('x', null), got([child('01', '0'.repeat(32))])), ['TC-5']);
  assert.equal(rules(tp(`00-${T}-${P}-01`, continues), got([child('01', T, '0'.repeat(16))])), ['TC-6']);
});

test('accept: a traceparent case passes on any accepted answer', () => {
  const c = { ...tp(`00-${T}-${P}-01`, null), accept: [{ expect: continues, output: null }] };
  assert.equal(judgeCase(c, got([child()])).problems, []);
  assert.equal(judgeCase(c, got([child('01', 'a'.repeat(32))])).problems, []);
});

test('TC-24 TC-25 tracestate compared by member: OWS and empty members do not matter', () => {
  const c = ts('foo=1 , bar= 2', 'foo=1,bar= 2');
  assert.equal(judgeCase(c, got([child()], { tracestate: ['foo=1 ,\t bar= 2,,'] }), FIXED).problems, []);
  assert.equal(rules(c, got([child()], { tracestate: ['foo=1,bar=2'] })), ['TC-22']);
});

test('TC-20 tracestate lines sent on as several headers are one list', () => {
  assert.equal(judgeCase(ts('a=1,b=2', 'a=1,b=2'), got([child()], { tracestate: ['a=1', 'b=2'] }), FIXED).problems, []);
});

test('TC-27 members out of order fail', () => {
  const problems = judgeCase(ts('a=1,b=2', 'a=1,b=2'), got([child()], { tracestate: ['b=2,a=1'] }), FIXED).problems;
  assert.is(problems.length, 1);
  assert.match(problems[0].message, /out of order/);
});

test("TC-27 a member of the service's own at the left is set aside; one in the middle is not", () => {
  const c = ts('a=1,b=2', 'a=1,b=2');
  assert.equal(judgeCase(c, got([child()], { tracestate: ['mine=x,a=1,b=2'] }), FIXED).problems, []);
  assert.is(judgeCase(c, got([child()], { tracestate: ['a=1,mine=x,b=2'] }), FIXED).problems.length, 1);
  // A discarded tracestate: the service's own member alone is fine, an input key is not.
  const discarded = ts('a=1,B=2', null, { expect: null, rules: ['TC-22', 'TC-26', 'TC-19'] });
  assert.equal(judgeCase(discarded, got([child()], { tracestate: ['mine=x'] }), FIXED).problems, []);
  assert.equal(rules(discarded, got([child()], { tracestate: ['a=1'] })), ['TC-22', 'TC-26']);
});

test('TC-28 a member of its own at the left of 32 pushes the right-most one out', () => {
  const members = Array.from({ length: 32 }, (_, i) => `k${i}=v`);
  const c = ts(members.join(','), members.join(','));
  assert.equal(
    judgeCase(c, got([child()], { tracestate: [['mine=x', ...members.slice(0, 31)].join(',')] }), FIXED).problems,
    [],
  );
  assert.is(
    judgeCase(c, got([child()], { tracestate: [['mine=x', ...members.slice(0, 30)].join(',')] }), FIXED).problems
      .length,
    1,
  );
});

test('TC-23 an invalid tracestate sent on fails on the rule inspect names', () => {
  assert.equal(rules(ts('a=1', 'a=1'), got([child()], { tracestate: ['a=1,b='] })), ['TC-23']);
});

test('TC-31 an empty tracestate header is a warning, not a failure', () => {
  const r = judgeCase(ts('A=1', null, { expect: null }), got([child()], { tracestate: [''] }), FIXED);
  assert.equal(r.problems, []);
  assert.equal(
    r.warnings.map((w) => w.rules),
    [['TC-31']],
  );
});

test('TC-19 a tracestate case still needs the traceparent continued', () => {
  assert.equal(rules(ts('A=1', null, { expect: null }), got([child('01', 'a'.repeat(32))])), ['TC-19']);
});

test('TC-28 accept: duplicates kept as they came, or one of them', () => {
  const c = ts('foo=1,foo=2', 'foo=1', {
    accept: [
      { expect: [['foo', '2']], output: 'foo=2' },
      {
        expect: [
          ['foo', '1'],
          ['foo', '2'],
        ],
        output: 'foo=1,foo=2',
      },
    ],
  });
  for (const sent of ['foo=1', 'foo=2', 'foo=1,foo=2'])
    assert.equal(judgeCase(c, got([child()], { tracestate: [sent] }), FIXED).problems, [], sent);
  assert.is(judgeCase(c, got([child()], { tracestate: ['foo=2,foo=1'] }), FIXED).problems.length, 1);
});

test('rawMembers keeps duplicates, leading spaces of values and cuts at the first =', () => {
  assert.equal(rawMembers([' a= 1 ,, b=2=3', 'a=4']), [
    ['a', ' 1'],
    ['b', '2=3'],
    ['a', '4'],
  ]);
});

test('BG-8 baggage compared decoded: another valid encoding of the same value passes', () => {
  const c = bg('k=a+b,u=%E2%9C%93', 'k=a%2Bb,u=%E2%9C%93');
  assert.equal(judgeCase(c, got([child()], { baggage: ['k=a+b, u = %e2%9c%93'] }), FIXED).problems, []);
});

test('BG-19 baggage duplicates and order matter', () => {
  const c = bg('a=1,b=2,a=3', 'a=1,b=2,a=3');
  assert.equal(judgeCase(c, got([child()], { baggage: ['a=1', 'b=2,a=3'] }), FIXED).problems, []);
  assert.equal(rules(c, got([child()], { baggage: ['a=3,b=2'] })), ['BG-19']);
});

test('BG-7 baggage properties count: a dropped property fails', () => {
  assert.equal(rules(bg('k=v;p', 'k=v;p', { rules: ['BG-7'] }), got([child()], { baggage: ['k=v'] })), ['BG-7']);
});

test('BG-3 a malformed baggage member sent on fails on the rule inspect names', () => {
  assert.equal(rules(bg('a=1', 'a=1'), got([child()], { baggage: ['a=1,bad key=2'] })), ['BG-3']);
});

test('BG-20 nothing sent where members were expected fails; nothing expected and nothing sent passes', () => {
  assert.equal(rules(bg('a=1', 'a=1', { rules: ['BG-20'] }), got([child()])), ['BG-20']);
  assert.equal(judgeCase(bg('bad key=1', null), got([child()]), FIXED).problems, []);
});

test.run();
