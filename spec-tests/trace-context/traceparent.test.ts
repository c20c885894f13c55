import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatTraceparent, parseTraceparent } from '../../src/trace-context/traceparent.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const V00 = `00-${TID}-${SID}-01`;

test('TC-2 a valid version-00 value parses to its fields', () => {
  assert.equal(parseTraceparent(V00), { traceId: TID, spanId: SID, traceFlags: 1 });
});

test('TC-2 wrong lengths and separators are invalid', () => {
  for (const v of [
    V00.slice(0, 54),
    `00-${TID}0-${SID}-01`.slice(0, 56),
    `00_${TID}-${SID}-01`,
    `00-${TID}_${SID}-01`,
    `00-${TID}-${SID}_01`,
    '',
  ]) {
    assert.is(parseTraceparent(v), undefined, v);
  }
});

test('TC-3 uppercase or non-hex chars invalidate the value', () => {
  assert.is(parseTraceparent(V00.toUpperCase()), undefined);
  assert.is(parseTraceparent(`00-${TID.replace('a', 'A')}-${SID}-01`), undefined);
  assert.is(parseTraceparent(`00-${TID}-${SID.replace('b', 'g')}-01`), undefined);
  assert.is(parseTraceparent(`00-${TID}-${SID}-0G`), undefined);
  assert.is(parseTraceparent(`0A-${TID}-${SID}-01`), undefined);
});

test('TC-4 version ff is invalid', () => {
  assert.is(parseTraceparent(`ff-${TID}-${SID}-01`), undefined);
});

test('TC-5 TC-6 all-zero ids are invalid', () => {
  assert.is(parseTraceparent(`00-${'0'.repeat(32)}-${SID}-01`), undefined);
  assert.is(parseTraceparent(`00-${TID}-${'0'.repeat(16)}-01`), undefined);
});

test('TC-7 a version-00 value with anything after the flags is invalid', () => {
  assert.is(parseTraceparent(V00 + '-'), undefined);
  assert.is(parseTraceparent(V00 + '-extra'), undefined);
  assert.is(parseTraceparent(V00 + 'x'), undefined);
});

test('TC-8 a higher version shorter than 55 chars is not parsed', () => {
  assert.is(parseTraceparent(`cc-${TID}-${SID}-0`), undefined);
});

test('TC-9 a higher version parses the first four fields and ignores the rest after a dash', () => {
  assert.equal(parseTraceparent(`cc-${TID}-${SID}-01`), { traceId: TID, spanId: SID, traceFlags: 1 });
  assert.equal(parseTraceparent(`cc-${TID}-${SID}-09-what-the-future-holds`), {
    traceId: TID,
    spanId: SID,
    traceFlags: 9,
  });
  assert.equal(parseTraceparent(`01-${TID}-${SID}-01-,x`), { traceId: TID, spanId: SID, traceFlags: 1 });
  assert.is(parseTraceparent(`cc-${TID}-${SID}-01x`), undefined);
  assert.is(parseTraceparent(`cc-${TID}-${SID}-01,00-${TID}-${SID}-01`), undefined);
});

test('TC-12 leading and trailing spaces and tabs are tolerated, inner ones are not', () => {
  for (const v of [` ${V00}`, `${V00}\t`, `\t ${V00} \t`])
    assert.equal(parseTraceparent(v)?.traceId, TID, JSON.stringify(v));
  assert.is(parseTraceparent(`00- ${TID}-${SID}-01`), undefined);
  assert.is(parseTraceparent(`\n${V00}`), undefined);
});

test('TC-13 two joined values are invalid', () => {
  assert.is(parseTraceparent(`${V00},${V00}`), undefined);
  assert.is(parseTraceparent(`${V00}, ${V00}`), undefined);
});

test('TC-10 formatTraceparent writes version 00, lowercase, unknown flag bits cleared', () => {
  assert.is(formatTraceparent({ traceId: TID, spanId: SID, traceFlags: 0xff }), `00-${TID}-${SID}-03`);
  assert.is(formatTraceparent({ traceId: TID, spanId: SID, traceFlags: 0 }), `00-${TID}-${SID}-00`);
});

test('TC-10 formatTraceparent rejects invalid ids with a TypeError', () => {
  assert.throws(
    () => formatTraceparent({ traceId: TID.toUpperCase(), spanId: SID, traceFlags: 1 }),
    (e: unknown) => e instanceof TypeError,
  );
  assert.throws(
    () => formatTraceparent({ traceId: '0'.repeat(32), spanId: SID, traceFlags: 1 }),
    (e: unknown) => e instanceof TypeError,
  );
  assert.throws(
    () => formatTraceparent({ traceId: TID, spanId: '0'.repeat(16), traceFlags: 1 }),
    (e: unknown) => e instanceof TypeError,
  );
  assert.throws(
    () => formatTraceparent(null as never),
    (e: unknown) => e instanceof TypeError,
  );
});

test('TC-11 non-string input is undefined, never a throw', () => {
  for (const v of [undefined, null, 1, {}, [V00]]) assert.is(parseTraceparent(v as never), undefined);
});

test.run();
