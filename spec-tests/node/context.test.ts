import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  context,
  createContextKey,
  createTracer,
  getSpan,
  ROOT_CONTEXT,
  setContextManager,
  StackContextManager,
  type RecordingSpan,
} from '../../src/index.js';
import { AsyncLocalStorageContextManager } from '../../src/node/index.js';

const KEY = createContextKey('test key');

test('ALS: the context is active inside with() and ROOT outside', () => {
  const previous = setContextManager(new AsyncLocalStorageContextManager());
  try {
    const ctx = ROOT_CONTEXT.setValue(KEY, 'a');
    assert.is(context.active(), ROOT_CONTEXT);
    const seen = context.with(ctx, () => context.active().getValue(KEY));
    assert.is(seen, 'a');
    assert.is(context.active(), ROOT_CONTEXT);
  } finally {
    setContextManager(previous);
  }
});

test('ALS: with() passes thisArg and args and returns the result', () => {
  const manager = new AsyncLocalStorageContextManager();
  const self = { n: 2 };
  const r = manager.with(
    ROOT_CONTEXT,
    function (this: { n: number }, a: number, b: number) {
      return this.n * a + b;
    },
    self,
    3,
    4,
  );
  assert.is(r, 10);
});

test('ALS: the context survives await, setTimeout, setImmediate and promise chains', async () => {
  const previous = setContextManager(new AsyncLocalStorageContextManager());
  try {
    const ctx = ROOT_CONTEXT.setValue(KEY, 'kept');
    const seen = await context.with(ctx, async () => {
      const out: unknown[] = [];
      await sleep(1);
      out.push(context.active().getValue(KEY));
      out.push(await new Promise((resolve) => setTimeout(() => resolve(context.active().getValue(KEY)), 1)));
      out.push(await new Promise((resolve) => setImmediate(() => resolve(context.active().getValue(KEY)))));
      out.push(
        await Promise.resolve()
          .then(() => sleep(1))
          .then(() => context.active().getValue(KEY)),
      );
      out.push(await new Promise((resolve) => queueMicrotask(() => resolve(context.active().getValue(KEY)))));
      return out;
    });
    assert.equal(seen, ['kept', 'kept', 'kept', 'kept', 'kept']);
    assert.is(context.active().getValue(KEY), undefined);
  } finally {
    setContextManager(previous);
  }
});

test('ALS: nested with() restores the outer context after an await', async () => {
  const manager = new AsyncLocalStorageContextManager();
  const outer = ROOT_CONTEXT.setValue(KEY, 'outer');
  const inner = ROOT_CONTEXT.setValue(KEY, 'inner');
  const seen = await manager.with(outer, async () => {
    const a = await manager.with(inner, async () => {
      await sleep(1);
      return manager.active().getValue(KEY);
    });
    await sleep(1);
    return [a, manager.active().getValue(KEY)];
  });
  assert.equal(seen, ['inner', 'outer']);
});

test('ALS: disable() forgets the active context', () => {
  const manager = new AsyncLocalStorageContextManager();
  const ctx = ROOT_CONTEXT.setValue(KEY, 'x');
  const seen = manager.with(ctx, () => {
    manager.disable();
    return manager.active();
  });
  assert.is(seen, ROOT_CONTEXT);
});

test('StackContextManager (the default) works synchronously and restores on throw', () => {
  const manager = new StackContextManager();
  const ctx = ROOT_CONTEXT.setValue(KEY, 's');
  assert.is(
    manager.with(ctx, () => manager.active().getValue(KEY)),
    's',
  );
  assert.is(manager.active(), ROOT_CONTEXT);
  assert.throws(
    () =>
      manager.with(ctx, () => {
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.is(manager.active(), ROOT_CONTEXT);
  // It does not follow await: after the first await the stack has been unwound.
  let afterAwait: unknown = 'unset';
  const p = manager.with(ctx, async () => {
    await Promise.resolve();
    afterAwait = manager.active().getValue(KEY);
  });
  return p.then(() => assert.is(afterAwait, undefined));
});

test('startActiveSpan runs fn with the span active and ends nothing implicitly', async () => {
  const previous = setContextManager(new AsyncLocalStorageContextManager());
  try {
    const ended: RecordingSpan[] = [];
    const tracer = createTracer({ onEnd: (s) => ended.push(s) });
    const span = await tracer.startActiveSpan('work', async (s) => {
      assert.is(getSpan(context.active()), s);
      await sleep(1);
      assert.is(getSpan(context.active()), s);
      const child = tracer.startSpan('child');
      assert.is(child.parentSpanId, s.spanContext().spanId);
      assert.is(child.spanContext().traceId, s.spanContext().traceId);
      return s;
    });
    assert.is(ended.length, 0, 'nothing ended by startActiveSpan');
    assert.is(span.endTime, undefined);
    assert.ok(span.isRecording());
    span.end();
    assert.is(ended.length, 1);
    assert.is(getSpan(context.active()), undefined);
  } finally {
    setContextManager(previous);
  }
});

test.run();
