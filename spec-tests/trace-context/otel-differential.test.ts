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
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { getSpanContext, setSpanContext } from '../../src/trace/span.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
import {
  explainTraceparentDeparture,
  explainTracestateDeparture,
  traceparentNearValid as traceparent,
  tracestateNearValid as tracestate,
  type Extracted,
} from '../helpers/otel-departures.js';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Math.max(10, Number(env.FUZZ_RUNS ?? 1000) || 1000);

const ours = new W3CTraceContextPropagator();
const otel = new OtelPropagator();
const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;

type Result = Extracted;

function oursExtract(carrier: Record<string, unknown>): Result {
  const sc = getSpanContext(ours.extract(ROOT_CONTEXT, carrier));
  return (
    sc && {
      traceId: sc.traceId,
      spanId: sc.spanId,
      traceFlags: sc.traceFlags,
      traceState: sc.traceState?.serialize() ?? '',
    }
  );
}

function otelExtract(carrier: Record<string, unknown>): Result {
  const sc = trace.getSpanContext(otel.extract(OTEL_ROOT, carrier, defaultTextMapGetter));
  return (
    sc && {
      traceId: sc.traceId,
      spanId: sc.spanId,
      traceFlags: sc.traceFlags,
      traceState: sc.traceState?.serialize() ?? '',
    }
  );
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
      explainTraceparentDeparture(header, a, b, (h) => otelExtract({ traceparent: h }) !== undefined);
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
      explainTracestateDeparture(header, a.traceState, b.traceState);
    }),
    { numRuns },
  );
  assert.ok(agreed > numRuns / 10, `agreed on ${agreed} of ${numRuns}`);
});

test('classes 5-8 examples', () => {
  const ts = (h: string) => [
    oursExtract({ traceparent: TP, tracestate: h })!.traceState,
    otelExtract({ traceparent: TP, tracestate: h })!.traceState,
  ];
  assert.equal(ts('a=1,B=2'), ['', 'a=1']); // 5
  const m33 = Array.from({ length: 33 }, (_, i) => `k${i}=v`);
  assert.equal(ts(m33.join(',')), ['', m33.slice(0, 32).join(',')]); // 6
  assert.equal(ts('foo@=1,a@b@c=2'), ['foo@=1,a@b@c=2', '']); // 7
  assert.equal(ts('9x=1,a=2'), ['9x=1,a=2', 'a=2']); // 7
  assert.equal(ts('a=1,b=2,a=3'), ['a=1,b=2', 'a=3,b=2']); // 8
  assert.equal(ts('a=1,,b= 2 \t'), ['a=1,b= 2', 'a=1,b= 2']); // agreement: OWS, empty members, leading space kept
});

test.run();
