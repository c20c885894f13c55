import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { context } from '../../src/context/manager.js';
import { getSpan, setSpanContext, TraceFlags } from '../../src/trace/span.js';
import { createTracer, type RecordingSpan } from '../../src/trace/tracer.js';
import { TraceState } from '../../src/trace-context/tracestate.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';

test('TC-15 TC-32 a new trace gets random ids with sampled and random flags', () => {
  const span = createTracer().startSpan('root', {}, ROOT_CONTEXT);
  const sc = span.spanContext();
  assert.match(sc.traceId, /^[0-9a-f]{32}$/);
  assert.match(sc.spanId, /^[0-9a-f]{16}$/);
  assert.is(sc.traceFlags, TraceFlags.SAMPLED | TraceFlags.RANDOM);
  assert.is(span.parentSpanId, undefined);
  assert.is(
    createTracer().startSpan('r', { sampled: false }, ROOT_CONTEXT).spanContext().traceFlags,
    TraceFlags.RANDOM,
  );
});

test('TC-16 TC-17 a child keeps trace id, flags and tracestate and gets a new span id', () => {
  const ts = new TraceState('a=1');
  for (const flags of [0, 1, 2, 3]) {
    const parent = setSpanContext(ROOT_CONTEXT, {
      traceId: TID,
      spanId: SID,
      traceFlags: flags,
      traceState: ts,
      isRemote: true,
    });
    const child = createTracer().startSpan('child', {}, parent);
    const sc = child.spanContext();
    assert.is(sc.traceId, TID);
    assert.is.not(sc.spanId, SID);
    assert.is(sc.traceFlags, flags);
    assert.is(sc.traceState, ts);
    assert.is(child.parentSpanId, SID);
    assert.not.ok(sc.isRemote);
  }
});

test('TC-11 an invalid parent or root:true starts a new trace', () => {
  const bad = setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: SID, traceFlags: 1 });
  assert.is.not(createTracer().startSpan('x', {}, bad).spanContext().traceId, '0'.repeat(32));
  const good = setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1 });
  assert.is.not(createTracer().startSpan('x', { root: true }, good).spanContext().traceId, TID);
});

test('span.end hands the span to every onEnd callback exactly once', () => {
  const a: RecordingSpan[] = [];
  const b: RecordingSpan[] = [];
  let t = 1000;
  const tracer = createTracer({ onEnd: [(s) => a.push(s), (s) => b.push(s)], now: () => t++ });
  const span = tracer.startSpan('op', { attributes: { k: 'v' } }, ROOT_CONTEXT);
  span.setAttribute('n', 1);
  assert.ok(span.isRecording());
  span.end();
  span.end();
  span.setAttribute('late', true);
  assert.is(a.length, 1);
  assert.is(b.length, 1);
  assert.is(a[0], span);
  assert.equal({ ...span.attributes }, { k: 'v', n: 1 });
  assert.is(span.startTime, 1000);
  assert.is(span.endTime, 1001);
  assert.not.ok(span.isRecording());
  assert.throws(
    () => createTracer({ onEnd: 42 as never }),
    (e: unknown) => e instanceof TypeError,
  );
});

test('startActiveSpan makes the span active inside fn; startSpan defaults to the active context', () => {
  const tracer = createTracer();
  const result = tracer.startActiveSpan('outer', (outer) => {
    assert.is(getSpan(context.active()), outer);
    const inner = tracer.startSpan('inner');
    assert.is(inner.spanContext().traceId, outer.spanContext().traceId);
    assert.is(inner.parentSpanId, outer.spanContext().spanId);
    return 5;
  });
  assert.is(result, 5);
  assert.is(getSpan(context.active()), undefined);
});

test('setAttribute with a __proto__ key stays plain data', () => {
  const span = createTracer().startSpan('x', {}, ROOT_CONTEXT);
  span.setAttribute('__proto__', 'v');
  assert.is(Object.getOwnPropertyDescriptor(span.attributes, '__proto__')?.value, 'v');
  assert.is(({} as Record<string, unknown>).v, undefined);
});

test.run();
