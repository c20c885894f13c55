/**
 * Service 2 on the OpenTelemetry SDK (`npm run demo -- --otel`): the same as service2.ts,
 * written as an OpenTelemetry application. It extracts the caller's context with
 * `api.propagation.extract`, starts `api2_span` as a child of the caller's span, reads `hello`
 * from OpenTelemetry's baggage and answers `Hello from API 2!`, reporting `api2_span` in the
 * response's `Server-Timing` header (TC-34) after its own `app` metric.
 */
import { createServer } from 'node:http';
import * as api from '@opentelemetry/api';
import { headersFromIncoming } from '../../src/node/index.js';
import { formatServerTimingTrace } from '../../src/server-timing/server-timing.js';
import { readPort } from './args.js';
import { setUpOpenTelemetry } from './otel-setup.js';
import { send } from './protocol.js';
import { propagationHeaders, serve } from './serve.js';

const SERVICE = 'service2';
const port = readPort(process.argv.slice(2), '--port', process.env.PORT2, 5001);
if (typeof port === 'string') {
  console.error(port);
  process.exit(2);
}
const tracer = setUpOpenTelemetry(SERVICE);

const server = createServer((req, res) => {
  send({ type: 'received', service: SERVICE, headers: propagationHeaders(headersFromIncoming(req)) });
  const parent = api.propagation.extract(api.ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan('api2_span', { kind: api.SpanKind.SERVER }, parent);
  const baggage = api.propagation.getBaggage(parent);
  const entries: Array<[string, string]> = baggage
    ? baggage.getAllEntries().map(([key, entry]) => [key, entry.value])
    : [];
  send({ type: 'baggage', service: SERVICE, entries });
  const hello = baggage?.getEntry('hello')?.value;
  if (hello !== undefined) span.setAttribute('baggage.hello', hello);
  span.end();
  // The server's own span, whose flags came from the caller's (the random flag mirrored, TC-34).
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'server-timing': `app;dur=${durationMs(span)}, ${formatServerTimingTrace(span.spanContext())}`,
  });
  res.end('Hello from API 2!');
});

/** The span's duration in ms, from the SDK's [seconds, nanoseconds] times. */
function durationMs(span: api.Span): string {
  const { startTime, endTime } = span as unknown as { startTime: [number, number]; endTime: [number, number] };
  return ((endTime[0] - startTime[0]) * 1e3 + (endTime[1] - startTime[1]) / 1e6).toFixed(3);
}

serve(server, SERVICE, port);
