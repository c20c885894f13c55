/**
 * The context the bridge's extract returns (src/otel/received-context.ts): it answers as
 * OpenTelemetry's own Context would after the same calls, and it copies no Map on the usual
 * server path.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as api from '@opentelemetry/api';
import { createOtelPropagators } from '../../src/otel/index.js';
import { ReceivedContext } from '../../src/otel/received-context.js';
import type { Context } from '../../src/context/context.js';

const KEYS = ['a', 'b', 'c', 'd', 'e'].map((k) => api.createContextKey(`received-context test ${k}`));

type Op = { kind: 'set'; key: number; value: number | undefined } | { kind: 'delete'; key: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    key: fc.nat(KEYS.length - 1),
    value: fc.option(fc.integer(), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(KEYS.length - 1) }),
);
const apply = (ctx: Context, o: Op): Context =>
  o.kind === 'set' ? ctx.setValue(KEYS[o.key]!, o.value) : ctx.deleteValue(KEYS[o.key]!);

test("reads as OpenTelemetry's Context after any setValue / deleteValue calls, over a parent with values", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(KEYS.length - 1), fc.integer()), { maxLength: 3 }),
      fc.array(op, { maxLength: 12 }),
      (parentValues, ops) => {
        let parent: api.Context = api.ROOT_CONTEXT;
        for (const [k, v] of parentValues) parent = parent.setValue(KEYS[k]!, v);
        let theirs: Context = parent;
        let ours: Context = ReceivedContext.over(parent);
        for (const o of ops) {
          theirs = apply(theirs, o);
          ours = apply(ours, o);
          for (const key of KEYS) assert.is(ours.getValue(key), theirs.getValue(key));
          // One level deep, whatever was called: a lookup never walks a chain.
          assert.not.instance((ours as unknown as { _p: Context })._p, ReceivedContext);
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('immutable: setValue and deleteValue leave the context they were called on as it was', () => {
  const parent = api.ROOT_CONTEXT.setValue(KEYS[4]!, 'parent');
  const one = ReceivedContext.over(parent).setValue(KEYS[0]!, 1);
  const two = one.setValue(KEYS[1]!, 2);
  const three = two.setValue(KEYS[2]!, 3);
  two.deleteValue(KEYS[0]!);
  two.deleteValue(KEYS[4]!);
  assert.equal(
    KEYS.map((k) => one.getValue(k)),
    [1, undefined, undefined, undefined, 'parent'],
  );
  assert.equal(
    KEYS.map((k) => two.getValue(k)),
    [1, 2, undefined, undefined, 'parent'],
  );
  assert.equal(
    KEYS.map((k) => three.getValue(k)),
    [1, 2, 3, undefined, 'parent'],
  );
  assert.equal(
    KEYS.map((k) => three.deleteValue(KEYS[4]!).getValue(k)),
    [1, 2, 3, undefined, undefined],
  );
  assert.is(parent.getValue(KEYS[0]!), undefined);
});

test('extract, then a child span set over the received one: the given context is never copied', () => {
  let copies = 0;
  const base = api.ROOT_CONTEXT.setValue(KEYS[0]!, 'app value');
  const counting: api.Context = {
    getValue: (key) => base.getValue(key),
    setValue: (key, value) => {
      copies++;
      return base.setValue(key, value);
    },
    deleteValue: (key) => {
      copies++;
      return base.deleteValue(key);
    },
  };
  const { composite } = createOtelPropagators(api);
  const headers = {
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    tracestate: 'rojo=1',
    baggage: 'hello=world',
  };
  const received = composite.extract(counting, headers, api.defaultTextMapGetter);
  const child = api.trace.wrapSpanContext({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: '00f067aa0ba902b7',
    traceFlags: 1,
  });
  const active = api.trace.setSpan(received, child);
  assert.is(copies, 0);
  assert.is(api.trace.getSpan(active), child);
  assert.is(api.trace.getSpanContext(received)?.spanId, 'b7ad6b7169203331');
  assert.is(api.propagation.getBaggage(active)?.getEntry('hello')?.value, 'world');
  assert.is(active.getValue(KEYS[0]!), 'app value');
  // A third key goes into the given context, once.
  assert.is(active.setValue(KEYS[1]!, 1).getValue(KEYS[1]!), 1);
  assert.is(copies, 1);
});

test('extract with nothing to extract returns the given context itself', () => {
  const { composite } = createOtelPropagators(api);
  const ctx = api.ROOT_CONTEXT.setValue(KEYS[0]!, 1);
  assert.is(composite.extract(ctx, { traceparent: 'garbage', baggage: '=' }, api.defaultTextMapGetter), ctx);
});

test.run();
