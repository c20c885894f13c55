/**
 * Service 1 on the OpenTelemetry SDK (`npm run demo -- --otel`): the same as service1.ts,
 * written as an OpenTelemetry application. `GET /` starts `api1_span` as the active span,
 * puts `hello=world` in OpenTelemetry's baggage, calls service 2 with the headers
 * `api.propagation.inject` writes, reads the span service 2 reports in its response's
 * `Server-Timing` header, and answers with service 2's reply.
 */
import { createServer } from 'node:http';
import * as api from '@opentelemetry/api';
import { readOption, readPort } from './args.js';
import { parseServerTimingTrace } from '../../src/server-timing/server-timing.js';
import { setUpOpenTelemetry } from './otel-setup.js';
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
const tracer = setUpOpenTelemetry(SERVICE);

async function callService2(): Promise<string> {
  const headers: Record<string, string> = {};
  api.propagation.inject(api.context.active(), headers);
  send({ type: 'sent', service: SERVICE, headers });
  const response = await fetch(target, { headers });
  const body = await response.text();
  const serverTiming = response.headers.get('server-timing');
  const reported = serverTiming === null ? undefined : parseServerTimingTrace(serverTiming);
  send({ type: 'response', service: SERVICE, serverTiming, reported: reported ?? null });
  if (!response.ok) throw new Error(`service 2 answered ${response.status}: ${body}`);
  return body;
}

const server = createServer((req, res) => {
  if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/') {
    res.writeHead(404).end('not found');
    return;
  }
  // A new trace: the demo's caller sends no traceparent.
  tracer.startActiveSpan('api1_span', { kind: api.SpanKind.SERVER }, async (span) => {
    let status = 200;
    let body: string;
    try {
      const baggage = api.propagation.createBaggage({ hello: { value: 'world' } });
      body = await api.context.with(api.propagation.setBaggage(api.context.active(), baggage), callService2);
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
