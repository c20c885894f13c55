/**
 * A missing or non-Context `context` is a programmer error: every propagator's inject and
 * extract throws a TypeError that names the method and the argument and says what to pass,
 * whatever the carrier holds (before, extract without a header returned `undefined` and
 * inject with one threw "Cannot read properties of undefined").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from '@opentelemetry/api';
import {
  CompositePropagator,
  ROOT_CONTEXT,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  W3CTraceResponsePropagator,
} from '../../src/index.js';
import { createOtelPropagators } from '../../src/otel/index.js';

const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const CARRIERS = [{}, { traceparent: TP, tracestate: 'a=1', baggage: 'k=v', 'server-timing': `trace;desc=${TP}` }];
const otel = createOtelPropagators(api);
const PROPAGATORS = {
  W3CTraceContextPropagator: new W3CTraceContextPropagator(),
  W3CBaggagePropagator: new W3CBaggagePropagator(),
  CompositePropagator: new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  }),
  W3CTraceResponsePropagator: new W3CTraceResponsePropagator(),
  'otel traceContext': otel.traceContext,
  'otel baggage': otel.baggage,
};

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

for (const [name, p] of Object.entries(PROPAGATORS)) {
  test(`${name}: inject and extract with a context that is not a Context throw a TypeError naming the argument`, () => {
    for (const bad of [undefined, null, 42, 'ctx', { traceparent: TP }]) {
      for (const carrier of CARRIERS) {
        for (const method of ['inject', 'extract'] as const) {
          const error = thrown(() => p[method](bad as never, { ...carrier }));
          assert.instance(error, TypeError, `${method}(${String(bad)})`);
          const expected =
            `${method}(context, carrier): context must be a Context (ROOT_CONTEXT or context.active()), ` +
            `got ${typeof bad}`;
          assert.is((error as Error).message, expected);
        }
      }
    }
  });
}

test("a Context, ours or OpenTelemetry's, is accepted by every propagator", () => {
  for (const p of Object.values(PROPAGATORS)) {
    for (const ctx of [ROOT_CONTEXT, api.ROOT_CONTEXT]) {
      p.inject(ctx as never, {});
      assert.ok(p.extract(ctx as never, { ...CARRIERS[1] }));
    }
  }
});

test('CompositePropagator with no propagators relies on its children: it checks nothing itself', () => {
  const empty = new CompositePropagator();
  assert.is(empty.extract(undefined as never, {}), undefined);
});

test.run();
