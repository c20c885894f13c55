/**
 * Service 2 (default port 5001): continues the trace it is called with.
 * It extracts `traceparent` and `baggage`, starts `api2_span` as a child of the caller's
 * span, reads `hello` from the baggage and answers `Hello from API 2!`, reporting `api2_span`
 * in the response's `Server-Timing` header (`trace;desc=...`, TC-34) after its own `app` metric.
 */
import { createServer } from 'node:http';
import { CompositePropagator } from '../../src/propagation/composite.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
import { W3CBaggagePropagator } from '../../src/baggage/propagator.js';
import { getBaggage } from '../../src/baggage/context.js';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { setSpan } from '../../src/trace/span.js';
import { W3CTraceResponsePropagator } from '../../src/server-timing/propagator.js';
import { createTracer } from '../../src/trace/tracer.js';
import { consoleExporter, formatSpanLine, spanToRecord } from '../../src/trace/console-exporter.js';
import { headersFromIncoming } from '../../src/node/index.js';
import { readPort } from './args.js';
import { send } from './protocol.js';
import { propagationHeaders, serve } from './serve.js';

const SERVICE = 'service2';
const port = readPort(process.argv.slice(2), '--port', process.env.PORT2, 5001);
if (typeof port === 'string') {
  console.error(port);
  process.exit(2);
}

const propagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
});
const responsePropagator = new W3CTraceResponsePropagator();
const tracer = createTracer({
  onEnd: [
    consoleExporter({ format: 'pretty', write: (line) => console.error(line) }),
    (span) => send({ type: 'span', service: SERVICE, line: formatSpanLine(span), record: spanToRecord(span) }),
  ],
});

const server = createServer((req, res) => {
  const carrier = headersFromIncoming(req);
  send({ type: 'received', service: SERVICE, headers: propagationHeaders(carrier) });
  const parent = propagator.extract(ROOT_CONTEXT, carrier);
  const span = tracer.startSpan('api2_span', {}, parent);
  const baggage = getBaggage(parent);
  const entries: Array<[string, string]> = baggage
    ? baggage.getAllEntries().map(([key, entry]) => [key, entry.value])
    : [];
  send({ type: 'baggage', service: SERVICE, entries });
  const hello = baggage?.getEntry('hello')?.value;
  if (hello !== undefined) span.setAttribute('baggage.hello', hello);
  span.end();
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'server-timing': `app;dur=${(span.endTime! - span.startTime).toFixed(3)}`,
  };
  responsePropagator.inject(setSpan(parent, span), headers); // appends trace;desc=00-<trace>-<api2_span>-<flags>
  res.writeHead(200, headers);
  res.end('Hello from API 2!');
});

serve(server, SERVICE, port);
