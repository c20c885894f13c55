/**
 * A child process that continues its parent's trace from the environment, with the core only
 * (no `w3c-propagation/node`): `envGetter` over `process.env`. Prints one JSON line.
 */
import {
  CompositePropagator,
  createTracer,
  envGetter,
  getBaggage,
  getSpanContext,
  ROOT_CONTEXT,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type RecordingSpan,
} from '../../src/index.js';

const propagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
});
const parent = propagator.extract(ROOT_CONTEXT, process.env, envGetter);
const ended: RecordingSpan[] = [];
const span = createTracer({ onEnd: (s) => ended.push(s) }).startSpan('child job', {}, parent);
span.end();
const remote = getSpanContext(parent);
process.stdout.write(
  JSON.stringify({
    keys: envGetter.keys(process.env),
    remote: remote
      ? {
          traceId: remote.traceId,
          spanId: remote.spanId,
          traceFlags: remote.traceFlags,
          traceState: remote.traceState?.serialize() ?? null,
        }
      : null,
    span: {
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: ended[0].parentSpanId ?? null,
    },
    baggage: (getBaggage(parent)?.getAllEntries() ?? []).map(([key, entry]) => [key, entry.value]),
  }) + '\n',
);
