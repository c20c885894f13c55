import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startW3CTestService } from '../../examples/w3c-test-service.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';

/** Sends one POST /test with the given raw headers and returns what the harness url received. */
async function run(rawHeaders: [string, string][]): Promise<http.IncomingHttpHeaders> {
  let received: http.IncomingHttpHeaders = {};
  const harness = http.createServer((req, res) => {
    received = req.headers;
    req.resume();
    res.end();
  });
  await new Promise<void>((r) => harness.listen(0, '127.0.0.1', r));
  const service = await startW3CTestService({ port: 0 });
  try {
    const url = `http://127.0.0.1:${(harness.address() as AddressInfo).port}/cb`;
    const body = JSON.stringify([{ url, arguments: [] }]);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: service.port, path: '/test', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (const [k, v] of rawHeaders) req.appendHeader ? req.appendHeader(k, v) : req.setHeader(k, v);
      req.end(body);
    });
    assert.is(status, 200);
    return received;
  } finally {
    await service.close();
    harness.closeAllConnections?.();
    await new Promise<void>((r) => harness.close(() => r()));
  }
}

function fields(tp: unknown): string[] {
  return String(tp).split('-');
}

test('TC-16 continuation keeps trace-id and flags, new parent-id', async () => {
  const h = await run([
    ['traceparent', `00-${TRACE}-${PARENT}-03`],
    ['tracestate', 'foo=1'],
  ]);
  const [v, t, p, f] = fields(h.traceparent);
  assert.is(v, '00');
  assert.is(t, TRACE);
  assert.is.not(p, PARENT);
  assert.is(f, '03');
  assert.is(h.tracestate, 'foo=1');
});

test('TC-11 TC-15 invalid traceparent starts a new trace with the random flag', async () => {
  const h = await run([
    ['traceparent', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['tracestate', 'foo=1'],
  ]);
  const [, t, , f] = fields(h.traceparent);
  assert.is.not(t, TRACE.toUpperCase());
  assert.is.not(t, TRACE);
  assert.ok((parseInt(f, 16) & 2) === 2);
  assert.is(h.tracestate, undefined);
});

test('TC-13 two traceparent headers start a new trace', async () => {
  const h = await run([
    ['traceparent', `00-${TRACE}-${PARENT}-01`],
    ['traceparent', `00-${TRACE}-${'1'.repeat(16)}-01`],
  ]);
  assert.is.not(fields(h.traceparent)[1], TRACE);
});

test('TC-20 multiple tracestate headers are combined in order', async () => {
  const h = await run([
    ['traceparent', `00-${TRACE}-${PARENT}-01`],
    ['tracestate', 'foo=1'],
    ['tracestate', 'bar=2'],
  ]);
  assert.is(fields(h.traceparent)[1], TRACE);
  assert.is(String(h.tracestate).replace(/\s/g, ''), 'foo=1,bar=2');
});

test('bad request answers 400 and the service keeps working', async () => {
  const service = await startW3CTestService({ port: 0 });
  try {
    const res = await fetch(`http://127.0.0.1:${service.port}/test`, { method: 'POST', body: 'not json' });
    assert.is(res.status, 400);
    const res2 = await fetch(`http://127.0.0.1:${service.port}/test`, { method: 'POST', body: '[]' });
    assert.is(res2.status, 200);
  } finally {
    await service.close();
  }
});

test('TC-12 surrounding spaces and tabs are tolerated', async () => {
  const h = await run([['traceparent', `\t 00-${TRACE}-${PARENT}-01 \t`]]);
  assert.is(fields(h.traceparent)[1], TRACE);
});

test('TC-9 TC-10 a higher version is continued and sent as 00', async () => {
  const h = await run([['traceparent', `cc-${TRACE}-${PARENT}-01-what-the-future-will-be-like`]]);
  const [v, t] = fields(h.traceparent);
  assert.is(v, '00');
  assert.is(t, TRACE);
});

test('TC-21 TC-26 33 tracestate members discard the tracestate only', async () => {
  const members = Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',');
  const h = await run([
    ['traceparent', `00-${TRACE}-${PARENT}-01`],
    ['tracestate', members],
  ]);
  assert.is(fields(h.traceparent)[1], TRACE);
  assert.is(h.tracestate, undefined);
});

test.run();
