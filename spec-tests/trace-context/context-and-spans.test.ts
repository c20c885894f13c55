import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createContextKey, ROOT_CONTEXT } from '../../src/context/context.js';
import { context, StackContextManager, setContextManager } from '../../src/context/manager.js';
import {
  generateSpanId,
  generateTraceId,
  isValidSpanId,
  isValidTraceId,
  setRandomSource,
} from '../../src/trace/ids.js';
import {
  deleteSpan,
  getSpan,
  getSpanContext,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  NonRecordingSpan,
  setSpan,
  setSpanContext,
} from '../../src/trace/span.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';

test('Context is immutable and keyed by symbols', () => {
  const k = createContextKey('tc test key');
  assert.is(typeof k, 'symbol');
  const a = ROOT_CONTEXT.setValue(k, 1);
  assert.is(ROOT_CONTEXT.getValue(k), undefined);
  assert.is(a.getValue(k), 1);
  const b = a.deleteValue(k);
  assert.is(b.getValue(k), undefined);
  assert.is(a.getValue(k), 1);
  assert.is(ROOT_CONTEXT.deleteValue(k), ROOT_CONTEXT);
});

test('span accessors: setSpanContext wraps a NonRecordingSpan; getSpan/deleteSpan', () => {
  const sc = { traceId: TID, spanId: SID, traceFlags: 1 };
  const ctx = setSpanContext(ROOT_CONTEXT, sc);
  assert.ok(getSpan(ctx) instanceof NonRecordingSpan);
  assert.is(getSpan(ctx)?.isRecording(), false);
  assert.is(getSpanContext(ctx), sc);
  assert.is(getSpan(deleteSpan(ctx)), undefined);
  const span = new NonRecordingSpan(sc);
  assert.is(getSpan(setSpan(ROOT_CONTEXT, span)), span);
  assert.is(getSpanContext(ROOT_CONTEXT), undefined);
});

test('TC-5 TC-6 validity helpers', () => {
  assert.ok(isSpanContextValid({ traceId: TID, spanId: SID, traceFlags: 0 }));
  assert.not.ok(isSpanContextValid(INVALID_SPAN_CONTEXT));
  assert.not.ok(isSpanContextValid(undefined));
  assert.not.ok(isValidTraceId(TID.toUpperCase()));
  assert.not.ok(isValidTraceId('0'.repeat(32)));
  assert.not.ok(isValidSpanId('0'.repeat(16)));
  assert.not.ok(isValidSpanId(42));
  assert.ok(isValidSpanId(SID));
  assert.equal(new NonRecordingSpan().spanContext(), INVALID_SPAN_CONTEXT);
});

test('TC-32 ids are random, lowercase hex and non-zero; the random source is injectable', () => {
  const ids = new Set(Array.from({ length: 100 }, generateTraceId));
  assert.is(ids.size, 100);
  for (const id of ids) assert.ok(isValidTraceId(id));
  assert.ok(isValidSpanId(generateSpanId()));
  let calls = 0;
  setRandomSource((bytes) => {
    calls++;
    bytes.fill(calls === 1 ? 0 : 0xab); // an all-zero draw is drawn again
  });
  try {
    assert.is(generateSpanId(), 'abababababababab');
    assert.is(calls, 2);
  } finally {
    setRandomSource(undefined);
  }
  assert.throws(
    () => setRandomSource(42 as never),
    (e: unknown) => e instanceof TypeError,
  );
});

test('TC-32 a random source that writes nothing gives a clear error, never a repeated id', () => {
  generateTraceId(); // leaves non-zero bytes behind in any shared buffer
  setRandomSource(() => {});
  try {
    assert.throws(() => generateTraceId(), /only zero bytes/);
    assert.throws(() => generateSpanId(), /only zero bytes/);
  } finally {
    setRandomSource(undefined);
  }
});

test('context.with makes a context active for the call and restores the previous one', () => {
  const k = createContextKey('tc active key');
  const ctx = ROOT_CONTEXT.setValue(k, 'v');
  const seen = context.with(ctx, (x: number) => [context.active().getValue(k), x], 7);
  assert.equal(seen, ['v', 7]);
  assert.is(context.active().getValue(k), undefined);
  assert.throws(() =>
    context.with(ctx, () => {
      throw new Error('boom');
    }),
  );
  assert.is(context.active().getValue(k), undefined, 'restored after a throw');
  const previous = setContextManager(new StackContextManager());
  setContextManager(previous);
});

test.run();
