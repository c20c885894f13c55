/**
 * End to end with a real OpenTelemetry SDK: two Node processes (sdk-service.ts, `front` and
 * `back`), each with @opentelemetry/sdk-trace's TracerProvider, the AsyncLocalStorage context
 * manager of @opentelemetry/context-async-hooks and this library's propagators as the global
 * propagator, over real HTTP. The test calls `front` with a traceparent, tracestate and baggage
 * of its own; `front` continues that trace and calls `back`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Reply } from './sdk-service.js';

const SERVICE = fileURLToPath(new URL('./sdk-service.js', import.meta.url));
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

const children: ChildProcess[] = [];

function start(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [SERVICE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sdk-service ${args[0]} did not start: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}/`);
    });
    child.on('exit', (code) => reject(new Error(`sdk-service ${args[0]} exited (${code}): ${stderr}`)));
  });
}

let front = '';

test.before(async () => {
  const back = await start(['back']);
  front = await start(['front', back]);
});

test.after(() => {
  for (const child of children) child.kill();
});

async function call(headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(front, { headers });
  const text = await response.text();
  assert.is(response.status, 200, text);
  return JSON.parse(text) as Reply;
}

test("TC-16 TC-17 spans share the caller's trace, parents right, remote; BG baggage keeps its properties", async () => {
  const reply = await call({
    traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
    tracestate: 'rojo=00f067aa0ba902b7',
    baggage: 'tier=gold;ttl=30, user=caf%C3%A9',
  });
  const [frontSpan] = reply.spans;
  const [backSpan] = reply.back!.spans;
  assert.is(reply.spans.length, 1);
  assert.is(reply.back!.spans.length, 1);
  assert.is(frontSpan!.traceId, TRACE_ID);
  assert.is(backSpan!.traceId, TRACE_ID);
  assert.is(frontSpan!.parentSpanId, CALLER_SPAN);
  assert.is(backSpan!.parentSpanId, frontSpan!.spanId);
  assert.is(frontSpan!.parentIsRemote, true);
  assert.is(backSpan!.parentIsRemote, true);
  assert.is(reply.back!.received.traceparent, `00-${TRACE_ID}-${frontSpan!.spanId}-01`);
  // The baggage front received, plus the entry it added, reached back.
  assert.equal(reply.baggage, [
    ['tier', 'gold', 'ttl=30'],
    ['user', 'café', null],
  ]);
  assert.equal(reply.back!.baggage, [
    ['tier', 'gold', 'ttl=30'],
    ['user', 'café', null],
    ['hello', 'world', null],
  ]);
  assert.is(reply.back!.received.baggage, 'tier=gold;ttl=30,user=caf%C3%A9,hello=world');
});

test("TC-27 TC-33 tracestate: the SDK sampler's member (via the bridge) arrives first, the caller's kept", async () => {
  const reply = await call({
    traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
    tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  });
  assert.is(reply.traceStateClass, 'OtelTraceState');
  assert.is(reply.spans[0]!.traceState, 'front=1,rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
  assert.is(reply.back!.received.tracestate, 'front=1,rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
  assert.is(reply.back!.spans[0]!.traceState, 'front=1,rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
  // No tracestate from the caller: none sent (TC-31).
  const plain = await call({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` });
  assert.is(plain.back!.received.tracestate, undefined);
});

test('TC-14 an unsampled caller: ParentBasedSampler records nothing in either service; trace propagates', async () => {
  const reply = await call({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-00` });
  assert.equal(reply.spans, []);
  assert.equal(reply.back!.spans, []);
  assert.match(reply.back!.received.traceparent as string, new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
});

test('TC-11 an invalid traceparent starts a new trace; the tracestate with it is not read (TC-18)', async () => {
  const reply = await call({ traceparent: `00-${TRACE_ID.toUpperCase()}-${CALLER_SPAN}-01`, tracestate: 'rojo=1' });
  const [frontSpan] = reply.spans;
  assert.is(frontSpan!.parentSpanId, null);
  assert.is.not(frontSpan!.traceId, TRACE_ID);
  assert.is(reply.back!.spans[0]!.traceId, frontSpan!.traceId);
  assert.is(reply.back!.received.tracestate, undefined);
});

test("TC-16 random flag: the SDK's child spans keep only the sampled bit, so a received 03 leaves as 01", async () => {
  // The propagator reads and writes the flag (extract keeps 0x03, inject writes flags & 0x03);
  // @opentelemetry/sdk-trace 3.1.1 builds a child's flags from its sampling decision alone.
  const reply = await call({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-03` });
  assert.is(reply.spans[0]!.traceFlags, 1);
  assert.match(reply.back!.received.traceparent as string, /-01$/);
});

test.run();
