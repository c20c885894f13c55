/**
 * Differential test against @opentelemetry/core's W3CTraceContextPropagator (3.x, with
 * @opentelemetry/api's ROOT_CONTEXT, trace.getSpanContext and defaultTextMapGetter) on generated
 * headers, valid and near-valid. Both agree everywhere except these classes of input, each
 * observed by running it and asserted below:
 *
 * traceparent (extract)
 * 1. TC-12: OpenTelemetry accepts at most one whitespace char on each side; two or more spaces or
 *    tabs (" \t00-…", the official suite's case) are rejected. This library strips any run of spaces/tabs.
 * 2. TC-12: OpenTelemetry's `\s` also accepts a newline, CR, form feed, vertical tab, NBSP and other
 *    Unicode spaces around the value; this library tolerates only spaces and tabs.
 * traceparent (inject)
 * 3. TC-10: OpenTelemetry writes the flags byte unmasked: 0x09 -> "09" (undefined bit kept),
 *    0x10 -> "010" and 0xff -> "0ff" (not even 2 hex chars). This library writes flags & 0x03.
 * 4. TC-3: OpenTelemetry's validity check is case-insensitive, so an uppercase trace id is injected
 *    as-is; this library injects nothing for it.
 * tracestate (extract)
 * 5. TC-26: an invalid member is dropped and the valid ones kept; this library discards the
 *    whole tracestate (the official suite's strict behaviour).
 * 6. TC-21: more than 32 members are cut to the first 32 instead of discarding the tracestate.
 * 7. TC-22: keys follow an older draft: a key without `@` must start with a-z (so `9x` is dropped),
 *    and keys with `@` must match the `tenant@system` form (one `@`, system <= 14 chars), so `foo@`,
 *    `foo@@bar`, `a@b@c`, `t@<15 chars>` are dropped; the current grammar allows them all.
 * 8. TC-28: a repeated key keeps the value of its right-most occurrence, in the place of the
 *    left-most one (`a=1,b=2,a=3` -> `a=3,b=2`): a member moves ahead of one it followed. The
 *    spec lets a receiver drop all but one; this library keeps the left-most member as it was.
 * 9. TC-29: a combined header over 512 chars is dropped entirely rather than parsed and truncated
 *    on output by whole members.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { W3CTraceContextPropagator as OtelPropagator } from '@opentelemetry/core';
import { defaultTextMapGetter, ROOT_CONTEXT as OTEL_ROOT, trace } from '@opentelemetry/api';
import { ROOT_CONTEXT } from '../../src/context.js';
import { getSpanContext, setSpanContext } from '../../src/span.js';
import { W3CTraceContextPropagator } from '../../src/w3c-trace-context.js';
import { TRACESTATE_MEMBER_RE } from '../helpers/abnf.js';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Math.max(10, Number(env.FUZZ_RUNS ?? 1000) || 1000);

const ours = new W3CTraceContextPropagator();
const otel = new OtelPropagator();
const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;

type Result = { traceId: string; spanId: string; traceFlags: number; traceState: string } | undefined;

function oursExtract(carrier: Record<string, unknown>): Result {
  const sc = getSpanContext(ours.extract(ROOT_CONTEXT, carrier));
  return sc && { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags, traceState: sc.traceState?.serialize() ?? '' };
}

function otelExtract(carrier: Record<string, unknown>): Result {
  const sc = trace.getSpanContext(otel.extract(OTEL_ROOT, carrier, defaultTextMapGetter));
  return sc && { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags, traceState: sc.traceState?.serialize() ?? '' };
}

const hexc = fc.constantFrom(...'0123456789abcdef');
const hex = (n: number) => fc.string({ unit: hexc, minLength: n, maxLength: n });
const ws = fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 3 });
const otherSpace = fc.constantFrom('\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\ufeff');

/** Valid traceparents, then mutated near the edges the spec cares about. */
const traceparent = fc
  .tuple(fc.oneof(fc.constant('00'), hex(2)), hex(32), hex(16), hex(2), fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }).map((s) => '-' + s), fc.string({ maxLength: 3 })))
  .chain(([v, t, s, f, rest]) => {
    const base = `${v}-${t}-${s}-${f}${rest}`;
    return fc.oneof(
      fc.constant(base),
      fc.tuple(ws, ws).map(([a, b]) => a + base + b),
      fc.tuple(otherSpace, fc.boolean()).map(([c, front]) => (front ? c + base : base + c)),
      fc.tuple(fc.nat(base.length), fc.constantFrom('A', 'F', 'g', '-', '0', ' ', ',')).map(([i, c]) => base.slice(0, i) + c + base.slice(i + 1)),
      fc.nat(base.length).map((i) => base.slice(0, i) + base.slice(i + 1)),
    );
  });

function spaceRuns(s: string): [string, string] {
  const lead = /^[ \t]*/.exec(s)![0];
  const trail = /[ \t]*$/.exec(s)![0];
  return [lead, trail];
}

test('differential traceparent: agree except the whitespace classes 1 and 2 (TC-12)', () => {
  let agreed = 0;
  fc.assert(
    fc.property(traceparent, (header) => {
      const a = oursExtract({ traceparent: header });
      const b = otelExtract({ traceparent: header });
      if (JSON.stringify(a) === JSON.stringify(b)) {
        agreed++;
        return;
      }
      const [lead, trail] = spaceRuns(header);
      const inner = header.slice(lead.length, header.length - trail.length);
      if (a !== undefined && b === undefined) {
        // class 1: ours accepted with a run of spaces/tabs OpenTelemetry cannot take
        assert.ok(lead.length > 1 || trail.length > 1, JSON.stringify(header));
        assert.ok(otelExtract({ traceparent: inner }) !== undefined);
        return;
      }
      // class 2: OpenTelemetry accepted a non-space/tab whitespace char at an end
      assert.is(a, undefined, JSON.stringify(header));
      assert.ok((/^\s/.test(header) && !/^[ \t]/.test(header)) || (/\s$/.test(header) && !/[ \t]$/.test(header)), JSON.stringify(header));
    }),
    { numRuns },
  );
  assert.ok(agreed > numRuns / 2, `agreed on ${agreed} of ${numRuns}`);
});

test('class 1 and 2 examples (TC-12)', () => {
  assert.ok(oursExtract({ traceparent: `\t ${TP} \t` }));
  assert.is(otelExtract({ traceparent: `\t ${TP} \t` }), undefined);
  assert.ok(otelExtract({ traceparent: `\n${TP}` }));
  assert.is(oursExtract({ traceparent: `\n${TP}` }), undefined);
  assert.ok(otelExtract({ traceparent: `\u00a0${TP}` }));
  assert.is(oursExtract({ traceparent: `\u00a0${TP}` }), undefined);
});

test('TC-9 both parse a higher version with extra fields, even with a comma in them', () => {
  for (const h of [`cc-${TID}-${SID}-01-what-the-future-holds`, `cc-${TID}-${SID}-02-,x`, `01-${TID}-${SID}-01`]) {
    assert.equal(oursExtract({ traceparent: h }), otelExtract({ traceparent: h }));
    assert.ok(oursExtract({ traceparent: h }));
  }
});

test('class 3 and 4: OpenTelemetry injects unmasked flags and uppercase ids (TC-10, TC-3)', () => {
  const setter = { set: (c: Record<string, string>, k: string, v: string) => void (c[k] = v) };
  const injectBoth = (traceId: string, traceFlags: number) => {
    const a: Record<string, string> = {};
    const b: Record<string, string> = {};
    ours.inject(setSpanContext(ROOT_CONTEXT, { traceId, spanId: SID, traceFlags }), a);
    otel.inject(trace.setSpanContext(OTEL_ROOT, { traceId, spanId: SID, traceFlags }), b, setter);
    return [a.traceparent, b.traceparent];
  };
  assert.equal(injectBoth(TID, 1), [TP, TP]);
  assert.equal(injectBoth(TID, 3), [`00-${TID}-${SID}-03`, `00-${TID}-${SID}-03`]);
  assert.equal(injectBoth(TID, 9), [`00-${TID}-${SID}-01`, `00-${TID}-${SID}-09`]);
  assert.equal(injectBoth(TID, 0x10), [`00-${TID}-${SID}-00`, `00-${TID}-${SID}-010`]);
  assert.equal(injectBoth(TID, 0xff), [`00-${TID}-${SID}-03`, `00-${TID}-${SID}-0ff`]);
  assert.equal(injectBoth(TID.toUpperCase(), 1), [undefined, `00-${TID.toUpperCase()}-${SID}-01`]);
});

const validMember = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'b', 'rojo', 'congo', 'k0', '9x', 'v_-*/'), fc.constantFrom('1', ' 2', 'x y', '!~', 't61rcWkgMzE')).map(([k, v]) => `${k}=${v}`),
  fc.constantFrom('foo@=1', 'foo@@bar=1', 'a@b@c=1', 'tenant@sys=1', `t@${'s'.repeat(15)}=1`, `x=${'v'.repeat(200)}`),
);
const invalidMember = fc.constantFrom('B=2', 'a=', 'a=b=c', 'a=x\ty', '@a=1', 'nokey', 'a=\u00e9', `${'k'.repeat(257)}=1`);
const blank = fc.constantFrom('', ' ', '\t ');
const tracestate = fc.oneof(
  fc.array(fc.oneof({ weight: 6, arbitrary: validMember }, { weight: 1, arbitrary: invalidMember }, { weight: 1, arbitrary: blank }), { maxLength: 10 }),
  fc.integer({ min: 30, max: 36 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}=v`)),
).chain((ms) => fc.constantFrom(',', ', ', ' ,\t').map((sep) => ms.join(sep)));

const members = (s: string) => (s === '' ? [] : s.split(','));
const isOldFormKey = (k: string) => /^[a-z][a-z0-9_\-*/]{0,255}$/.test(k) || /^[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13}$/.test(k);

test('differential tracestate: agree except classes 5-9', () => {
  let agreed = 0;
  fc.assert(
    fc.property(tracestate, (header) => {
      const a = oursExtract({ traceparent: TP, tracestate: header })!;
      const b = otelExtract({ traceparent: TP, tracestate: header })!;
      assert.is(a.traceId, b.traceId); // TC-19 for both
      if (a.traceState === b.traceState) {
        agreed++;
        return;
      }
      const otelMembers = members(b.traceState);
      // OpenTelemetry never emits what the grammar rejects
      for (const m of otelMembers) assert.ok(TRACESTATE_MEMBER_RE.test(m), m);
      if (header.length > 512 && b.traceState === '') return; // class 9
      const rawMembers = header.split(',').map((m) => m.replace(/^[ \t]+|[ \t]+$/g, '')).filter((m) => m !== '');
      if (a.traceState === '' && rawMembers.length > 0) {
        // ours discarded the whole value: class 5 (an invalid member) or 6 (> 32 members)
        const invalid = rawMembers.filter((m) => !TRACESTATE_MEMBER_RE.test(m));
        assert.ok(invalid.length > 0 || rawMembers.length > 32, header);
        for (const m of otelMembers) assert.ok(rawMembers.includes(m), m);
        return;
      }
      // ours kept every member but later occurrences of a key (class 8); OpenTelemetry dropped
      // keys of the current grammar (class 7) and may keep another occurrence of a key (class 8)
      const ourMembers = members(a.traceState);
      const keyOf = (m: string) => m.slice(0, m.indexOf('='));
      assert.equal(ourMembers, rawMembers.filter((m, i) => rawMembers.findIndex((r) => keyOf(r) === keyOf(m)) === i));
      const repeated = new Set(rawMembers.map(keyOf).filter((k, i, all) => all.indexOf(k) !== i));
      for (const m of otelMembers) assert.ok(ourMembers.includes(m) || (repeated.has(keyOf(m)) && rawMembers.includes(m)), m);
      const dropped = ourMembers.filter((m) => !otelMembers.includes(m));
      for (const m of dropped) {
        const k = keyOf(m);
        assert.ok(!isOldFormKey(k) || repeated.has(k), `unexplained drop of ${m}`);
      }
    }),
    { numRuns },
  );
  assert.ok(agreed > numRuns / 10, `agreed on ${agreed} of ${numRuns}`);
});

test('classes 5-8 examples', () => {
  const ts = (h: string) => [oursExtract({ traceparent: TP, tracestate: h })!.traceState, otelExtract({ traceparent: TP, tracestate: h })!.traceState];
  assert.equal(ts('a=1,B=2'), ['', 'a=1']); // 5
  const m33 = Array.from({ length: 33 }, (_, i) => `k${i}=v`);
  assert.equal(ts(m33.join(',')), ['', m33.slice(0, 32).join(',')]); // 6
  assert.equal(ts('foo@=1,a@b@c=2'), ['foo@=1,a@b@c=2', '']); // 7
  assert.equal(ts('9x=1,a=2'), ['9x=1,a=2', 'a=2']); // 7
  assert.equal(ts('a=1,b=2,a=3'), ['a=1,b=2', 'a=3,b=2']); // 8
  assert.equal(ts('a=1,,b= 2 \t'), ['a=1,b= 2', 'a=1,b= 2']); // agreement: OWS, empty members, leading space kept
});

test.run();
