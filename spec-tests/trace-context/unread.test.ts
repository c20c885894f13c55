/**
 * Extract keeps the traceparent and tracestate unread (a proxy only forwards them); inject
 * and serialize work from the unread header. Nothing of that may show: whatever the headers,
 * the span context read from the context, what inject writes and what serialize returns are
 * what parsing them would give (TC-10, TC-20 .. TC-30, TC-33).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  getSpan,
  getSpanContext,
  INVALID_SPAN_CONTEXT,
  parseTraceparent,
  parseTraceState,
  ROOT_CONTEXT,
  TraceState,
  W3CTraceContextPropagator,
  formatTraceparent,
} from '../../src/index.js';
import { FUZZ_RUNS, TRACEPARENTS, TRACESTATES, wireString } from '../fuzz/arbitraries.js';

const runs = { numRuns: Math.max(200, Math.floor(FUZZ_RUNS / 4)) };
const propagator = new W3CTraceContextPropagator();
const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** A tracestate as this library writes it, or with OWS, empty members and repeats mixed in. */
const key = fc.stringMatching(/^[a-z0-9][a-z0-9_\-*/@]{0,6}$/);
const value = fc.stringMatching(/^[ -+\--<>-~]{0,5}[!-+\--<>-~]$/);
const ows = fc.constantFrom('', ' ', '\t', ' \t ');
const members = fc.array(fc.tuple(ows, key, value, ows), { maxLength: 36 });
const tracestate = fc.oneof(
  members.map((ms) => ms.map(([, k, v]) => `${k}=${v}`).join(',')),
  fc
    .tuple(members, fc.constantFrom(',', ',,', ', ,'))
    .map(([ms, sep]) => ms.map(([a, k, v, b]) => `${a}${k}=${v}${b}`).join(sep)),
  wireString(TRACESTATES),
);

test('TC-26 TC-28 TC-30 an unread tracestate serializes as its parsed members do, at any length', () => {
  fc.assert(
    fc.property(tracestate, fc.constantFrom(512, 40, Infinity), (header, max) => {
      const expected = parseTraceState(header)?.serialize(max) ?? '';
      const ts = new TraceState(header);
      assert.is(ts.serialize(max), expected);
      assert.is(ts.serialize(max), expected, 'serialized twice');
      assert.is(ts.serialize(), parseTraceState(header)?.serialize() ?? '');
      // Reading the members after serializing gives the parsed members.
      assert.equal([...ts], [...(parseTraceState(header) ?? [])]);
    }),
    runs,
  );
});

test('TC-20 several tracestate lines and the input cap take the full read, with the same result', () => {
  fc.assert(
    fc.property(fc.array(tracestate, { maxLength: 3 }), (lines) => {
      assert.is(new TraceState(lines).serialize(), parseTraceState(lines)?.serialize() ?? '');
    }),
    runs,
  );
  const long = 'a=1,' + ' '.repeat(600) + 'b=2';
  assert.is(new TraceState(long, { maxLength: 512 }).serialize(), '');
  assert.is(new TraceState(long).serialize(), 'a=1,b=2');
});

test('TC-33 extract then inject: the span context read and the headers written are those of the parsed headers', () => {
  fc.assert(
    fc.property(wireString(TRACEPARENTS), tracestate, fc.boolean(), (traceparent, ts, readFirst) => {
      const ctx = propagator.extract(ROOT_CONTEXT, { traceparent, tracestate: ts });
      const parsed = parseTraceparent(traceparent);
      if (readFirst) {
        const sc = getSpanContext(ctx);
        assert.equal(
          sc && { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags, isRemote: sc.isRemote },
          parsed && { ...parsed, isRemote: true },
        );
      }
      const out: Record<string, string> = {};
      propagator.inject(ctx, out);
      const state = parsed && ts !== '' ? (parseTraceState(ts)?.serialize() ?? '') : '';
      const expected: Record<string, string> = parsed ? { traceparent: formatTraceparent(parsed) } : {};
      if (state) expected.tracestate = state;
      assert.equal(out, expected);
      assert.is(getSpanContext(ctx)?.traceId, parsed?.traceId);
    }),
    runs,
  );
});

test('TC-10 a canonical traceparent is forwarded as it came; any other valid one is rewritten as version 00', () => {
  const inject = (traceparent: string) => {
    const out: Record<string, string> = {};
    propagator.inject(propagator.extract(ROOT_CONTEXT, { traceparent }), out);
    return out.traceparent;
  };
  assert.is(inject(TP), TP);
  // Sent without building its span context (internal field: only to show the path is taken).
  const ctx = propagator.extract(ROOT_CONTEXT, { traceparent: TP });
  propagator.inject(ctx, {});
  assert.is((getSpan(ctx) as unknown as { _sc: unknown })._sc, INVALID_SPAN_CONTEXT, 'the span context stays unread');
  assert.is(inject(` ${TP}\t`), TP);
  assert.is(inject(TP.slice(0, -1) + 'f'), TP.slice(0, -1) + '3');
  assert.is(inject('cc' + TP.slice(2) + '-future'), '00' + TP.slice(2));
});

test('the span context of an extracted context is one object, with the tracestate that serialize used', () => {
  const ctx = propagator.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: 'a=1, b=2' });
  const out: Record<string, string> = {};
  propagator.inject(ctx, out);
  const sc = getSpanContext(ctx)!;
  assert.is(getSpanContext(ctx), sc);
  assert.equal(Object.keys(sc), ['traceId', 'spanId', 'traceFlags', 'isRemote', 'traceState']);
  assert.is(sc.traceState?.serialize(), 'a=1,b=2');
  assert.is(out.tracestate, 'a=1,b=2');
});

test('TC-20 several tracestate lines are read later as they were at extract, whatever the carrier does after', () => {
  const lines = ['a=1', 'b=2'];
  const ctx = propagator.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: lines });
  lines[0] = 'Bad=1';
  lines.push('c=3');
  assert.is(getSpanContext(ctx)?.traceState?.serialize(), 'a=1,b=2');
});

test.run();
