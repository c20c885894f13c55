/**
 * Service 1 (default port 5002): starts the trace. `GET /` starts `api1_span` as the
 * active span, puts `hello=world` in the baggage, calls service 2 with `traceparent` and
 * `baggage` injected into the request headers, reads the span service 2 reports in its
 * response's `Server-Timing` header, and answers with service 2's reply.
 */
import { createServer } from 'node:http';
import { CompositePropagator } from '../../src/propagation/composite.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
import { W3CBaggagePropagator } from '../../src/baggage/propagator.js';
import { getResponseSpanContext, W3CTraceResponsePropagator } from '../../src/server-timing/propagator.js';
import { setBaggageValue } from '../../src/baggage/context.js';
import { context, setContextManager } from '../../src/context/manager.js';
import { createTracer } from '../../src/trace/tracer.js';
import { consoleExporter, formatSpanLine, spanToRecord } from '../../src/trace/console-exporter.js';
import { AsyncLocalStorageContextManager } from '../../src/node/index.js';
import { readOption, readPort } from './args.js';
import { send } from './protocol.js';
import { HOST, serve } from './serve.js';

const SERVICE = 'service1';
const argv = process.argv.slice(2);
const port = readPort(argv, '--port', process.env.PORT1, 5002);
const port2 = readPort(argv, '--port2', process.env.PORT2, 5001);
if (typeof port === 'string' || typeof port2 === 'string') {
  console.error(typeof port === 'string' ? port : port2);
  process.exit(2);
}
const target = readOption(argv, '--target') ?? `http://${HOST}:${port2}/`;

setContextManager(new AsyncLocalStorageContextManager());
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

async function callService2(): Promise<string> {
  const headers: Record<string, string> = {};
  propagator.inject(context.active(), headers);
  send({ type: 'sent', service: SERVICE, headers });
  const response = await fetch(target, { headers });
  const body = await response.text();
  // The span service 2 reported: on the context under its own key; api1_span stays the current span.
  const reported = getResponseSpanContext(responsePropagator.extract(context.active(), response.headers));
  send({
    type: 'response',
    service: SERVICE,
    serverTiming: response.headers.get('server-timing'),
    reported: reported ? { traceId: reported.traceId, spanId: reported.spanId, traceFlags: reported.traceFlags } : null,
  });
  if (!response.ok) throw new Error(`service 2 answered ${response.status}: ${body}`);
  return body;
}

const server = createServer((req, res) => {
  if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/') {
    res.writeHead(404).end('not found');
    return;
  }
  tracer.startActiveSpan('api1_span', async (span) => {
    let status = 200;
    let body: string;
    try {
      body = await context.with(setBaggageValue(context.active(), 'hello', 'world'), callService2);
    } catch (error) {
      status = 502;
      body = error instanceof Error ? error.message : String(error);
    }
    // Ended before answering, so its report is written before the caller has the reply.
    span.end();
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  });
});

serve(server, SERVICE, port);
