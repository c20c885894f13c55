/**
 * Test service for the official W3C trace-context validation harness and for
 * `w3c-propagation check`. POST /test with a JSON array of { url, arguments }: for each
 * element, in order, POST `arguments` to `url` carrying a traceparent/tracestate that
 * continues the incoming trace as a child span (or starts a new one when the incoming headers
 * are missing or invalid), and the incoming baggage, forwarded (`check --baggage`).
 *
 *   npm run w3c-service -- --port 5000 [--host 127.0.0.1]
 */
import type { IncomingMessage } from 'node:http';
import { ROOT_CONTEXT } from '../src/context/context.js';
import { CompositePropagator } from '../src/propagation/composite.js';
import { setSpan } from '../src/trace/span.js';
import { createTracer } from '../src/trace/tracer.js';
import { W3CBaggagePropagator } from '../src/baggage/propagator.js';
import { W3CTraceContextPropagator } from '../src/trace-context/propagator.js';
import {
  runWhenMain,
  startTestService,
  type OutgoingCall,
  type TestService,
  type TestServiceOptions,
} from './w3c-test-protocol.js';

export type W3CTestServiceOptions = TestServiceOptions;
export type W3CTestService = TestService;

const propagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
});
const tracer = createTracer();

function propagate(req: IncomingMessage): () => OutgoingCall {
  // headersDistinct keeps duplicated fields apart, so the propagator sees every
  // traceparent (TC-13) and every tracestate and baggage line in arrival order (TC-20, BG-2).
  const parent = propagator.extract(ROOT_CONTEXT, req.headersDistinct);
  return () => {
    const span = tracer.startSpan('POST callback', {}, parent);
    const headers: Record<string, string> = {};
    propagator.inject(setSpan(parent, span), headers);
    return { headers, end: () => span.end() };
  };
}

export function startW3CTestService(options: W3CTestServiceOptions = {}): Promise<W3CTestService> {
  return startTestService(propagate, options);
}

runWhenMain(import.meta.url, 'W3C trace-context test service', startW3CTestService);
