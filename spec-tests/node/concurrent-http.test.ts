import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  context,
  createTracer,
  formatTraceparent,
  generateSpanId,
  generateTraceId,
  getSpan,
  setContextManager,
  W3CTraceContextPropagator,
} from '../../src/index.js';
import { AsyncLocalStorageContextManager, headersFromIncoming } from '../../src/node/index.js';

const propagator = new W3CTraceContextPropagator();
const tracer = createTracer();

function get(port: number, headers: Record<string, string | string[]>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

test('ALS: 50 overlapping HTTP requests each keep their own trace across awaits and timers', async () => {
  const previous = setContextManager(new AsyncLocalStorageContextManager());
  const server = createServer((req, res) => {
    const parent = propagator.extract(context.active(), headersFromIncoming(req));
    tracer.startActiveSpan('handle', {}, parent, async (span) => {
      const expected = req.headers['x-expected-trace'];
      const checks: string[] = [];
      for (let i = 0; i < 3; i++) {
        await sleep(Math.floor(Math.random() * 15));
        checks.push(getSpan(context.active())!.spanContext().traceId);
        await new Promise((r) => setImmediate(r));
        checks.push(getSpan(context.active())!.spanContext().traceId);
      }
      span.end();
      const ok = checks.every((t) => t === expected) && span.spanContext().traceId === expected;
      res.end(ok ? 'ok' : `mismatch: ${checks.join(',')} expected ${expected}`);
    });
  });
  try {
    const port = await listen(server);
    const traceIds = Array.from({ length: 50 }, () => generateTraceId());
    const results = await Promise.all(
      traceIds.map((traceId) =>
        get(port, {
          traceparent: formatTraceparent({ traceId, spanId: generateSpanId(), traceFlags: 1 }),
          'x-expected-trace': traceId,
        }),
      ),
    );
    for (const r of results) assert.is(r.body, 'ok');
    assert.is(results.length, 50);
  } finally {
    setContextManager(previous);
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
});

test('TC-13 headersFromIncoming keeps two traceparent lines distinct, so no parent is extracted', async () => {
  let seen: unknown;
  let extractedSpan: unknown = 'unset';
  const server = createServer((req, res) => {
    const carrier = headersFromIncoming(req);
    seen = carrier.traceparent;
    extractedSpan = getSpan(propagator.extract(context.active(), carrier));
    res.end('done');
  });
  try {
    const port = await listen(server);
    const a = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const b = '00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203332-01';
    await get(port, { traceparent: [a, b] });
    assert.equal(seen, [a, b]);
    assert.is(extractedSpan, undefined);
    await get(port, { traceparent: a });
    assert.is(seen, a);
    assert.is((extractedSpan as { spanContext(): { spanId: string } }).spanContext().spanId, 'b7ad6b7169203331');
  } finally {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
});

test.run();
