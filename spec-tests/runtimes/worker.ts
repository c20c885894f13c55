/**
 * A Cloudflare Worker (module syntax) for the workerd leg of the runtime matrix.
 *
 * Each request: extract trace context and baggage from the request headers, start a child
 * span, inject it (and one more baggage entry) into the response headers, and answer with
 * the smoke report run inside the isolate. Checks that need randomness run in the handler,
 * since workerd forbids random values at global scope.
 */
import {
  CompositePropagator,
  ROOT_CONTEXT,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  createTracer,
  getBaggage,
  getSpanContext,
  setBaggageValue,
  setSpanContext,
} from '../../src/index.js';
import { runSmoke } from './smoke.js';

const propagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
});
const tracer = createTracer();

export default {
  async fetch(request: Request): Promise<Response> {
    const incoming = propagator.extract(ROOT_CONTEXT, request.headers);
    const parent = getSpanContext(incoming);
    const span = tracer.startSpan(`${request.method} ${new URL(request.url).pathname}`, {}, incoming);
    const outgoing = setBaggageValue(setSpanContext(incoming, span.spanContext()), 'served.by', 'workerd');
    const headers = new Headers({ 'content-type': 'application/json' });
    propagator.inject(outgoing, headers);
    span.end();
    const body = {
      extracted: {
        traceId: parent?.traceId,
        spanId: parent?.spanId,
        traceState: parent?.traceState?.serialize(),
        baggage: getBaggage(incoming)?.members(),
      },
      smoke: runSmoke(),
    };
    return new Response(JSON.stringify(body), { headers });
  },
};
