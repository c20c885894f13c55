/** The Server-Timing `trace` metric codec (TC-34): format, parse by the Server-Timing grammar, inspect. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatServerTimingTrace,
  inspectServerTimingTrace,
  parseServerTimingTrace,
  SERVER_TIMING_HEADER,
  SERVER_TIMING_TRACE_METRIC,
  type Problem,
} from '../../src/index.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;
const FIELDS = { traceId: TID, spanId: SID, traceFlags: 1 };
const OTHER_SID = '00f067aa0ba902b7';

function codes(list: readonly Problem[] | undefined): string[] {
  return (list ?? []).map((p) => p.code);
}

function errorsOf(value: unknown): readonly Problem[] {
  const r = inspectServerTimingTrace(value);
  assert.not.ok(r.valid, `expected invalid: ${JSON.stringify(value)}`);
  return r.valid ? [] : r.errors;
}

test('TC-34 names: the header is server-timing, the metric trace', () => {
  assert.is(SERVER_TIMING_HEADER, 'server-timing');
  assert.is(SERVER_TIMING_TRACE_METRIC, 'trace');
});

test('TC-34 formatServerTimingTrace writes trace;desc= and a version-00 value', () => {
  assert.is(formatServerTimingTrace(FIELDS), `trace;desc=${TP}`);
});

test('TC-34 TC-10 only the sampled and random flags are written', () => {
  assert.is(formatServerTimingTrace({ ...FIELDS, traceFlags: 0xff }), `trace;desc=00-${TID}-${SID}-03`);
  assert.is(formatServerTimingTrace({ ...FIELDS, traceFlags: 0x02 }), `trace;desc=00-${TID}-${SID}-02`);
  assert.is(formatServerTimingTrace({ ...FIELDS, traceFlags: 0 }), `trace;desc=00-${TID}-${SID}-00`);
});

test('TC-34 TC-5 TC-6 formatServerTimingTrace throws a TypeError for invalid ids', () => {
  assert.throws(() => formatServerTimingTrace({ ...FIELDS, traceId: '0'.repeat(32) }), TypeError);
  assert.throws(() => formatServerTimingTrace({ ...FIELDS, spanId: SID.toUpperCase() }), TypeError);
  assert.throws(() => formatServerTimingTrace(undefined as never), TypeError);
});

test('TC-34 parse: the metric alone, and the spec example', () => {
  assert.equal(parseServerTimingTrace(`trace;desc=${TP}`), FIELDS);
  assert.equal(parseServerTimingTrace(formatServerTimingTrace({ ...FIELDS, traceFlags: 3 })), {
    ...FIELDS,
    traceFlags: 3,
  });
});

test('TC-34 parse: among other metrics, with parameters in any order and OWS around ; and =', () => {
  assert.equal(parseServerTimingTrace(`miss, db;dur=53, trace;desc=${TP}, app;dur=47.2`), FIELDS);
  assert.equal(parseServerTimingTrace(`trace;dur=0;x=y;desc=${TP}`), FIELDS);
  assert.equal(parseServerTimingTrace(`  trace \t; dur = 1 ;\tdesc\t=\t${TP}  ,cache;desc="Cache Read"`), FIELDS);
});

test('TC-34 TC-1 parse: the metric name and the desc parameter name are ASCII case-insensitive', () => {
  assert.equal(parseServerTimingTrace(`Trace;desc=${TP}`), FIELDS);
  assert.equal(parseServerTimingTrace(`TRACE;DESC=${TP}`), FIELDS);
  assert.is(parseServerTimingTrace(`traces;desc=${TP}`), undefined);
  assert.is(parseServerTimingTrace(`trac;desc=${TP}`), undefined);
  assert.is(
    parseServerTimingTrace(`traceparent;desc=${TP}`),
    undefined,
    'a vendor metric with another name is not the trace metric',
  );
});

test('TC-34 parse: desc as a quoted-string, backslash escapes undone', () => {
  assert.equal(parseServerTimingTrace(`trace;desc="${TP}"`), FIELDS);
  const escaped = `trace;desc="${TP.slice(0, -1)}\\1"`;
  assert.equal(parseServerTimingTrace(escaped), FIELDS);
  assert.equal(
    parseServerTimingTrace(`a;desc="x, \\"y\\"; z", trace;desc=${TP}`),
    FIELDS,
    'commas and quotes inside a quoted-string do not split',
  );
});

test('TC-34 TC-20 parse: several header lines are one list, in order', () => {
  assert.equal(parseServerTimingTrace(['miss', 'db;dur=53', `trace;desc=${TP}`]), FIELDS);
  assert.equal(parseServerTimingTrace([`trace;desc=${TP}`, `trace;desc=00-${TID}-${OTHER_SID}-01`]), FIELDS);
  assert.is(parseServerTimingTrace([]), undefined);
});

test('TC-34 parse: the first valid trace metric wins; an invalid one is ignored', () => {
  const second = `00-${TID}-${OTHER_SID}-00`;
  assert.equal(parseServerTimingTrace(`trace;desc=${TP}, trace;desc=${second}`), FIELDS);
  assert.equal(parseServerTimingTrace(`trace;desc=${TP.toUpperCase()}, trace;desc=${TP}`), FIELDS);
  assert.equal(
    parseServerTimingTrace(`trace, trace;dur=1, trace;desc=${TP}`),
    FIELDS,
    'a trace metric without desc is skipped',
  );
});

test('TC-34 parse: only the first desc of a metric counts, even when it is invalid', () => {
  assert.equal(parseServerTimingTrace(`trace;desc=${TP};desc=00-${TID}-${OTHER_SID}-01`), FIELDS);
  assert.is(parseServerTimingTrace(`trace;desc=nope;desc=${TP}`), undefined);
});

test('TC-34 TC-3 TC-4 TC-5 TC-6 TC-7 parse: the desc value follows the traceparent field rules', () => {
  for (const desc of [
    TP.toUpperCase(),
    `00-${'0'.repeat(32)}-${SID}-01`,
    `00-${TID}-${'0'.repeat(16)}-01`,
    `ff-${TID}-${SID}-01`,
    `00-${TID}-${SID}-01-extra`,
    `00-${TID}-${SID}-1`,
    `00-${TID}-${SID}`,
    '',
  ]) {
    assert.is(parseServerTimingTrace(`trace;desc="${desc}"`), undefined, desc);
  }
});

test('TC-34 TC-9 parse: a higher version is read at the version-00 offsets and its tail ignored', () => {
  assert.equal(parseServerTimingTrace(`trace;desc=cc-${TID}-${SID}-01-what-the-future-holds`), FIELDS);
});

test('TC-34 parse: no spaces around the desc value inside a quoted-string', () => {
  assert.is(parseServerTimingTrace(`trace;desc=" ${TP}"`), undefined);
  assert.is(parseServerTimingTrace(`trace;desc="${TP}\t"`), undefined);
});

test('TC-34 TC-13 parse: flags are kept as sent (masks are for the reader)', () => {
  assert.equal(parseServerTimingTrace(`trace;desc=00-${TID}-${SID}-ff`), { ...FIELDS, traceFlags: 0xff });
});

test('TC-34 parse: a metric that breaks the grammar is skipped, and the list goes on', () => {
  for (const header of [
    `trace;desc=${TP} junk`,
    `trace;desc="${TP}" junk`,
    `trace;desc`,
    `trace;=${TP}`,
    `trace;desc=`,
    `trace desc=${TP}`,
    `trace;desc=${TP};`,
    `"trace";desc=${TP}`,
    `trace;desc="${TP}`,
    `trace;desc=${TP}\u00e9`,
  ]) {
    assert.is(parseServerTimingTrace(header), undefined, header);
  }
  assert.equal(parseServerTimingTrace(`bad metric;x=1, trace;desc=${TP}`), FIELDS);
  assert.equal(
    parseServerTimingTrace(`a;desc="x\u0001y, z", trace;desc=${TP}`),
    FIELDS,
    'a bad char inside quotes: the element still ends after the closing quote',
  );
  assert.equal(parseServerTimingTrace(`;;, =, "", trace;desc=${TP}`), FIELDS);
});

test('TC-34 parse: an unclosed quote takes the rest of the header with it', () => {
  assert.is(parseServerTimingTrace(`a;desc="x, trace;desc=${TP}`), undefined);
  assert.is(
    parseServerTimingTrace([`a;desc="x`, `trace;desc=${TP}`]),
    undefined,
    'lines are one list: the quote runs on into the next line',
  );
});

test('TC-34 parse: empty list elements are allowed', () => {
  assert.equal(parseServerTimingTrace(`, ,\t, trace;desc=${TP} , ,`), FIELDS);
  assert.is(parseServerTimingTrace(''), undefined);
  assert.is(parseServerTimingTrace(' , '), undefined);
});

test('TC-34 parse: a browser PerformanceServerTiming list (name, description, duration)', () => {
  const entries = [
    { name: 'db', duration: 53, description: '' },
    { name: 'Trace', duration: 0, description: TP },
  ];
  assert.equal(parseServerTimingTrace(entries), FIELDS);
  assert.is(parseServerTimingTrace([{ name: 'trace', duration: 0, description: ` ${TP}` }]), undefined);
  assert.is(parseServerTimingTrace([{ name: 'trace', duration: 0, description: 'x' }]), undefined);
  assert.equal(
    parseServerTimingTrace([null, 1, 'trace;desc=x', { name: 'trace' }, { name: 'trace', description: TP }] as never),
    FIELDS,
    'elements that are not entries are skipped',
  );
  const hostile = {
    get name(): string {
      throw new Error('hostile');
    },
    description: TP,
  };
  assert.is(parseServerTimingTrace([hostile] as never), undefined);
});

test('TC-34 parse never throws on input of the wrong type', () => {
  for (const value of [
    undefined,
    null,
    0,
    {},
    Symbol('x'),
    [undefined],
    new Proxy([], {
      get() {
        throw new Error('x');
      },
    }),
  ]) {
    assert.is(parseServerTimingTrace(value as never), undefined);
  }
});

test('TC-34 inspect: the metric that counts, with its version and offset', () => {
  const header = `db;dur=53, trace;desc=${TP}`;
  const r = inspectServerTimingTrace(header);
  assert.ok(r.valid);
  if (r.valid) {
    assert.equal(r.value, { version: 0, ...FIELDS, offset: header.indexOf('trace') });
    assert.is(r.warnings, undefined);
  }
});

test('TC-34 inspect: no trace metric', () => {
  const errors = errorsOf('db;dur=53, app;dur=47.2');
  assert.equal(codes(errors), ['no-trace-metric']);
  assert.is(errors[0].rule, 'TC-34');
});

test('TC-34 TC-3 inspect: a bad desc value gets the traceparent rule, at its offset in the header', () => {
  const header = `db;dur=53, trace;desc=00-${TID.toUpperCase()}-${SID}-01`;
  const errors = errorsOf(header);
  assert.equal(codes(errors), ['uppercase-hex']);
  assert.is(errors[0].rule, 'TC-3');
  assert.is(errors[0].offset, header.indexOf('A'));
  assert.is(header[errors[0].offset], 'A');
});

test('TC-34 inspect: offsets inside a quoted desc with escapes point at the raw char', () => {
  const header = `trace;desc="0\\0-${TID}-${'0'.repeat(16)}-01"`;
  const errors = errorsOf(header);
  assert.equal(codes(errors), ['zero-parent-id']);
  assert.is(header.slice(errors[0].offset, errors[0].offset + 16), '0'.repeat(16));
  const bad = `trace;desc="\\X0-${TID}-${SID}-01"`;
  const e2 = errorsOf(bad);
  assert.is(bad[e2[0].offset], 'X');
});

test('TC-34 inspect: grammar problems name what was expected, at the offending char', () => {
  const cases: Array<[string, string, string]> = [
    [`trace;desc=${TP} junk`, 'malformed-metric', 'j'],
    [`trace;desc`, 'malformed-metric', ''],
    [`trace;;desc=${TP}`, 'malformed-metric', ';'],
    [`trace;desc="${TP}\u0001"`, 'bad-quoted-string', '\u0001'],
    [`trace;desc="${TP}`, 'bad-quoted-string', '"'],
  ];
  for (const [header, code, char] of cases) {
    const errors = errorsOf(header);
    assert.equal(codes(errors), [code], header);
    assert.is(header.slice(errors[0].offset, errors[0].offset + 1), char, header);
    assert.is(errors[0].rule, 'TC-34');
  }
});

test('TC-34 inspect: a trace metric without desc, and a desc with spaces around it', () => {
  assert.equal(codes(errorsOf('trace;dur=1')), ['missing-desc']);
  const header = `trace;desc=" ${TP}"`;
  const errors = errorsOf(header);
  assert.equal(codes(errors), ['desc-whitespace']);
  assert.is(errors[0].offset, header.indexOf(' '));
});

test('TC-34 inspect: what the first valid metric overrides, or comes before, is a warning', () => {
  const header = `bad metric, trace;desc=nope, trace;desc=${TP};desc=x, Trace;desc=${TP}`;
  const r = inspectServerTimingTrace(header);
  assert.ok(r.valid);
  assert.equal(codes(r.warnings), [
    'malformed-metric',
    'not-hex',
    'bad-separator',
    'repeated-desc',
    'uppercase-name',
    'later-trace-metric',
  ]);
  if (r.valid) assert.is(r.value.offset, header.indexOf(`trace;desc=${TP}`));
});

test('TC-34 inspect: several lines, offsets in the lines joined by commas', () => {
  const r = inspectServerTimingTrace(['db;dur=1', `trace;desc=${TP}`]);
  assert.ok(r.valid);
  if (r.valid) assert.is(r.value.offset, 'db;dur=1,'.length);
});

test('TC-34 inspect: not a string', () => {
  for (const value of [undefined, null, 1, {}, [1], [{ name: 'trace', description: TP }]])
    assert.equal(codes(errorsOf(value)), ['not-a-string']);
});

test('TC-34 inspect lists at most 32 problems, then one too-many-problems', () => {
  const errors = errorsOf(Array.from({ length: 100 }, () => 'trace;desc=x').join(','));
  assert.is(errors.length, 33);
  const last = errors[32];
  // Two problems a metric ('x' is not hex, too short): the 17th metric's are the first left out.
  assert.equal(
    [last.code, last.offset, last.rule],
    ['too-many-problems', 16 * 13 + 11, 'TC-34'],
    'at the first problem left out',
  );
  assert.match(last.message, /^168 more problems/);
});

test('TC-34 the problems of trace metrics before the one that counts become warnings, still capped once', () => {
  const header = [
    ...Array.from({ length: 40 }, () => 'trace;desc=x'),
    `trace;desc=${TP}`,
    ...Array.from({ length: 40 }, () => 'a;b'),
  ].join(',');
  const r = inspectServerTimingTrace(header);
  assert.ok(r.valid);
  const warnings = r.warnings ?? [];
  assert.is(warnings.length, 33);
  assert.equal(warnings.filter((w) => w.code === 'too-many-problems').length, 1);
  const last = warnings[32];
  assert.equal([last.code, last.offset, last.rule], ['too-many-problems', 16 * 13 + 11, 'TC-34']);
  assert.match(
    last.message,
    /^88 more problems/,
    'two for each of 24 earlier trace metrics, one for each of 40 skipped metrics',
  );
});

test.run();
