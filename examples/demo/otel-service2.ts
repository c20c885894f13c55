/**
 * Service 2 on the OpenTelemetry SDK (`npm run demo -- --otel`): the same as service2.ts,
 * written as an OpenTelemetry application. It extracts the caller's context with
 * `api.propagation.extract`, starts `api2_span` as a child of the caller's span, reads `hello`
 * from OpenTelemetry's baggage and answers `Hello from API 2!`.
 */
import { createServer } from 'node:http';
import * as api from '@opentelemetry/api';
import { headersFromIncoming } from '../../src/node/index.js';
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
  const entries: Array<[string, string]> = baggage ? baggage.getAllEntries().map(([key, entry]) => [key, entry.value]) : [];
  send({ type: 'baggage', service: SERVICE, entries });
  const hello = baggage?.getEntry('hello')?.value;
  if (hello !== undefined) span.setAttribute('baggage.hello', hello);
  span.end();
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Hello from API 2!');
});

serve(server, SERVICE, port);
