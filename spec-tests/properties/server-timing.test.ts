/**
 * Properties of the Server-Timing trace metric (TC-34), checked with fast-check against a model
 * written apart from the parser: headers are generated as lists of metrics (names in any case,
 * parameters in any order, OWS, tokens and quoted-strings with escapes, malformed elements,
 * several lines), and the metric that must win is computed from the list itself.
 *
 * PROPERTY_RUNS sets the runs per property (default 3,000).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  formatServerTimingTrace,
  inspectServerTimingTrace,
  parseServerTimingTrace,
  ROOT_CONTEXT,
  setSpanContext,
  W3CTraceResponsePropagator,
  type TraceparentFields,
} from '../../src/index.js';
import { SERVER_TIMING_METRIC_RE, SERVER_TIMING_RE, SERVER_TIMING_TRACE_RE } from '../helpers/abnf.js';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Math.max(10, Number(env.PROPERTY_RUNS) || 3000);

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const nonZeroHex = (n: number) => hex(n).filter((s) => /[^0]/.test(s));
const fields = fc.record({
  traceId: nonZeroHex(32),
  spanId: nonZeroHex(16),
  traceFlags: fc.integer({ min: 0, max: 255 }),
});

/**
 * The model's reading of a desc value: the fields when it is a valid trace value
 * (TC-2..TC-9, TC-34), else undefined.
 */
function modelDesc(desc: string): TraceparentFields | undefined {
  const m = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[\s\S]*)?$/.exec(desc);
  if (
    !m ||
    /[ \t]$/.test(desc) ||
    m[1] === 'ff' ||
    /^0+$/.test(m[2]) ||
    /^0+$/.test(m[3]) ||
    (m[1] === '00' && m[5] !== undefined)
  )
    return undefined;
  return { traceId: m[2], spanId: m[3], traceFlags: parseInt(m[4], 16) };
}

/** Desc values, valid and not, as plain text (before quoting). */
const descText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(nonZeroHex(32), nonZeroHex(16), hex(2)).map(([t, s, f]) => `00-${t}-${s}-${f}`) },
  fc
    .tuple(hex(2), nonZeroHex(32), nonZeroHex(16), hex(2), fc.constantFrom('', '-x', '-abc-1'))
    .map(([v, t, s, f, tail]) => `${v}-${t}-${s}-${f}${v === '00' ? '' : tail}`),
  fc.tuple(nonZeroHex(32), nonZeroHex(16)).map(([t, s]) => `00-${t.toUpperCase()}-${s}-01`),
  fc.tuple(nonZeroHex(16)).map(([s]) => `00-${'0'.repeat(32)}-${s}-01`),
  fc.tuple(nonZeroHex(32), nonZeroHex(16)).map(([t, s]) => ` 00-${t}-${s}-01`),
  fc.tuple(nonZeroHex(32), nonZeroHex(16)).map(([t, s]) => `00-${t}-${s}-01 x`),
  fc.constantFrom('', 'Cache Read', 'x', 'a,b;c=d', 'say "hi"', '\\'),
);

const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const token = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 8 });
const isToken = (s: string) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s);
const ows = fc.constantFrom('', '', ' ', '\t', ' \t ');
/** `trace` or `desc` with each letter in either case. */
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((up) => [...word].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));

/**
 * A parameter value as written: a token when it can be one and the coin says so, else a
 * quoted-string, some chars escaped.
 */
function writeValue(text: string, asToken: boolean, escapes: boolean[]): string {
  if (asToken && isToken(text)) return text;
  const body = [...text]
    .map((c, i) => (c === '"' || c === '\\' || escapes[i % escapes.length] ? '\\' + c : c))
    .join('');
  return `"${body}"`;
}

interface Param {
  name: string;
  text: string;
  written: string;
}

const param: fc.Arbitrary<Param> = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: anyCase('desc') }, anyCase('dur'), token),
    fc.oneof({ weight: 3, arbitrary: descText }, token),
    fc.boolean(),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
    ows,
    ows,
    ows,
    ows,
  )
  .map(([name, text, asToken, escapes, a, b, c, d]) => ({
    name,
    text,
    written: `${a};${b}${name}${c}=${d}${writeValue(text, asToken, escapes)}`,
  }));

interface Element {
  /** The element as written, without the separators around it. */
  text: string;
  /** What the model expects from this element alone: the trace fields, or undefined. */
  expected: TraceparentFields | undefined;
}

const metric: fc.Arbitrary<Element> = fc
  .tuple(fc.oneof({ weight: 2, arbitrary: anyCase('trace') }, token), fc.array(param, { maxLength: 4 }))
  .map(([name, params]) => {
    const desc = params.find((p) => p.name.toLowerCase() === 'desc');
    const expected = name.toLowerCase() === 'trace' && desc !== undefined ? modelDesc(desc.text) : undefined;
    return { text: name + params.map((p) => p.written).join(''), expected };
  });

/** Elements that break the grammar; no comma or quote, so the list around them is unchanged. */
const malformed: fc.Arbitrary<Element> = fc
  .constantFrom(
    'bad metric',
    'trace;',
    'trace;=1',
    'trace;desc',
    ';desc=x',
    '=',
    'trace;desc=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 junk',
    'é',
  )
  .map((text) => ({ text, expected: undefined }));

const element = fc.oneof(
  { weight: 6, arbitrary: metric },
  { weight: 1, arbitrary: malformed },
  { weight: 1, arbitrary: fc.constant({ text: '', expected: undefined }) },
);

/** A header: elements joined by OWS "," OWS, as one string or cut into lines at element boundaries. */
const header = fc
  .tuple(
    fc.array(
      fc.tuple(
        element,
        ows,
        ows,
        fc.nat(3).map((n) => n === 0),
      ),
      { minLength: 1, maxLength: 8 },
    ),
    ows,
  )
  .map(([parts, lead]) => {
    const lines: string[] = [];
    let line = lead;
    parts.forEach(([el, a, b, cut], i) => {
      line += el.text;
      if (i === parts.length - 1) return;
      if (cut) {
        lines.push(line + a);
        line = b;
      } else {
        line += `${a},${b}`;
      }
    });
    lines.push(line);
    const expected = parts.map(([el]) => el.expected).find((f) => f !== undefined);
    return { value: lines.length === 1 ? lines[0] : lines, expected };
  });

test('TC-34 TC-10 parse(format(x)) is x with the known flags; the metric matches the grammar', () => {
  fc.assert(
    fc.property(fields, (f) => {
      const metric = formatServerTimingTrace(f);
      assert.ok(SERVER_TIMING_TRACE_RE.test(metric), metric);
      assert.ok(SERVER_TIMING_METRIC_RE.test(metric), metric);
      assert.equal(parseServerTimingTrace(metric), { ...f, traceFlags: f.traceFlags & 3 });
    }),
    { numRuns },
  );
});

test('TC-34 the generated headers match the reference grammar when every element is well formed', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(metric, ows, ows), { minLength: 1, maxLength: 6 }), (parts) => {
      const value = parts.map(([m, a, b]) => a + m.text + b).join(',');
      assert.ok(SERVER_TIMING_RE.test(value), value);
    }),
    { numRuns: Math.ceil(numRuns / 3) },
  );
});

test('TC-34 parse finds the first valid trace metric the model finds, and inspect agrees', () => {
  fc.assert(
    fc.property(header, ({ value, expected }) => {
      assert.equal(parseServerTimingTrace(value), expected, JSON.stringify(value));
      const inspection = inspectServerTimingTrace(value);
      assert.is(inspection.valid, expected !== undefined);
      if (inspection.valid)
        assert.equal(
          {
            traceId: inspection.value.traceId,
            spanId: inspection.value.spanId,
            traceFlags: inspection.value.traceFlags,
          },
          expected,
        );
    }),
    { numRuns },
  );
});

test('TC-34 a browser entry list gives what the header gives', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.oneof(anyCase('trace'), token), descText), { maxLength: 5 }), (list) => {
      const entries = list.map(([name, description]) => ({ name, description, duration: 0 }));
      const expected = list
        .map(([name, desc]) => (name.toLowerCase() === 'trace' ? modelDesc(desc) : undefined))
        .find((f) => f !== undefined);
      assert.equal(parseServerTimingTrace(entries), expected);
    }),
    { numRuns },
  );
});

test('TC-34 whatever inject writes matches the grammar and reads back as the span, whatever was in the header', () => {
  const propagator = new W3CTraceResponsePropagator();
  const existing = fc.oneof(
    header.map((h) => h.value),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    fc.constantFrom('a;desc="open', '\\', '"'),
  );
  fc.assert(
    fc.property(fields, existing, (f, value) => {
      const headers: Record<string, string | string[]> = { 'server-timing': value };
      propagator.inject(setSpanContext(ROOT_CONTEXT, f), headers);
      const written = headers['server-timing'] as string;
      assert.ok(SERVER_TIMING_RE.test(written), written);
      assert.equal(parseServerTimingTrace(written), { ...f, traceFlags: f.traceFlags & 3 });
      const metric = formatServerTimingTrace(f);
      assert.ok(written === metric || written.endsWith(', ' + metric), written);
      const before = inspectServerTimingTrace(written.slice(0, -metric.length));
      assert.equal(
        before.valid ? [] : before.errors.map((p) => p.code),
        ['no-trace-metric'],
        'no other trace metric is left',
      );
    }),
    { numRuns: Math.ceil(numRuns / 3) },
  );
});

test.run();
