/** W3CTraceResponsePropagator: the server's span in and out of a response's Server-Timing header (TC-34). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createTracer,
  deleteResponseSpanContext,
  getResponseSpanContext,
  getSpanContext,
  parseServerTimingTrace,
  ROOT_CONTEXT,
  setResponseSpanContext,
  setSpan,
  setSpanContext,
  W3CTraceContextPropagator,
  W3CTraceResponsePropagator,
  type SpanContext,
  type TextMapGetter,
  type TextMapSetter,
} from '../../src/index.js';
import { SERVER_TIMING_RE } from '../helpers/abnf.js';

const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const SERVER: SpanContext = { traceId: TID, spanId: SID, traceFlags: 1 };
const METRIC = `trace;desc=00-${TID}-${SID}-01`;
const response = new W3CTraceResponsePropagator();
const server = setSpanContext(ROOT_CONTEXT, SERVER);

test('TC-34 fields: server-timing', () => {
  assert.equal(response.fields(), ['server-timing']);
});

test('TC-34 inject writes the trace metric for the context span', () => {
  const headers: Record<string, string> = {};
  response.inject(server, headers);
  assert.equal(headers, { 'server-timing': METRIC });
});

test('TC-34 inject appends to an existing Server-Timing value instead of replacing it', () => {
  const headers: Record<string, string> = { 'server-timing': 'db;dur=53, cache;desc="Cache Read";dur=23.2' };
  response.inject(server, headers);
  assert.is(headers['server-timing'], `db;dur=53, cache;desc="Cache Read";dur=23.2, ${METRIC}`);
  const fetchHeaders = new Headers([['Server-Timing', 'app;dur=1']]);
  response.inject(server, fetchHeaders);
  assert.is(fetchHeaders.get('server-timing'), `app;dur=1, ${METRIC}`);
  const map = new Map([['server-timing', ['a', 'b;dur=2']]]);
  response.inject(server, map);
  assert.equal(map.get('server-timing'), `a, b;dur=2, ${METRIC}`);
});

test('TC-34 inject replaces a trace metric already there: twice is one metric', () => {
  const headers: Record<string, string> = {
    'server-timing': ' Trace;desc=00-11111111111111111111111111111111-2222222222222222-01 , db;dur=1',
  };
  response.inject(server, headers);
  response.inject(server, headers);
  assert.is(headers['server-timing'], `db;dur=1, ${METRIC}`);
});

test('TC-34 inject drops a malformed metric already there, so what it writes matches the grammar', () => {
  const headers: Record<string, string> = { 'server-timing': 'ok;dur=1, broken;desc="unclosed' };
  response.inject(server, headers);
  assert.is(headers['server-timing'], `ok;dur=1, ${METRIC}`);
  assert.ok(SERVER_TIMING_RE.test(headers['server-timing']));
  assert.equal(parseServerTimingTrace(headers['server-timing']), SERVER);
});

test('TC-34 TC-10 inject writes only the sampled and random flags', () => {
  const headers: Record<string, string> = {};
  response.inject(setSpanContext(ROOT_CONTEXT, { ...SERVER, traceFlags: 0xfe }), headers);
  assert.is(headers['server-timing'], `trace;desc=00-${TID}-${SID}-02`);
});

test("TC-34 TC-16 a server span continuing the trace reports the caller's random flag, its own span id", () => {
  const tracer = createTracer();
  const tc = new W3CTraceContextPropagator();
  for (const flags of ['00', '01', '02', '03']) {
    const incoming = tc.extract(ROOT_CONTEXT, { traceparent: `00-${TID}-00f067aa0ba902b7-${flags}` });
    const span = tracer.startSpan('GET /', {}, incoming);
    const headers: Record<string, string> = {};
    response.inject(setSpan(incoming, span), headers);
    const reported = parseServerTimingTrace(headers['server-timing']);
    assert.is(reported?.traceId, TID);
    assert.is(reported?.spanId, span.spanContext().spanId);
    assert.is.not(reported?.spanId, '00f067aa0ba902b7');
    assert.is((reported!.traceFlags & 2) === 2, (parseInt(flags, 16) & 2) === 2, `random flag for incoming ${flags}`);
  }
});

test('TC-34 TC-15 a restarted trace reports its own ids and flags', () => {
  const span = createTracer().startSpan('GET /', { root: true });
  const headers: Record<string, string> = {};
  response.inject(setSpan(ROOT_CONTEXT, span), headers);
  const reported = parseServerTimingTrace(headers['server-timing']);
  assert.equal(reported, { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, traceFlags: 3 });
});

test("TC-34 inject writes nothing for no span, an invalid one, or the caller's remote span", () => {
  for (const ctx of [
    ROOT_CONTEXT,
    setSpanContext(ROOT_CONTEXT, { ...SERVER, traceId: '0'.repeat(32) }),
    setSpanContext(ROOT_CONTEXT, { ...SERVER, spanId: 'XYZ' }),
    setSpanContext(ROOT_CONTEXT, { ...SERVER, isRemote: true }),
  ]) {
    const headers: Record<string, string> = { 'server-timing': 'db;dur=1' };
    response.inject(ctx, headers);
    assert.equal(headers, { 'server-timing': 'db;dur=1' });
  }
});

test('TC-34 inject reads the existing value through a setter that is also a getter (a Node ServerResponse)', () => {
  const stored = new Map<string, string | string[]>([['server-timing', ['db;dur=53', 'app;dur=1']]]);
  const res = { getHeader: (k: string) => stored.get(k), setHeader: (k: string, v: string) => stored.set(k, v) };
  const carrier: TextMapGetter<typeof res> & TextMapSetter<typeof res> = {
    keys: () => [...stored.keys()],
    get: (r, k) => r.getHeader(k),
    set: (r, k, v) => void r.setHeader(k, v),
  };
  response.inject(server, res, carrier);
  assert.is(stored.get('server-timing'), `db;dur=53, app;dur=1, ${METRIC}`);
});

test('TC-34 extract puts the reported span under its own key, not as the current span', () => {
  const client = setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: '00f067aa0ba902b7', traceFlags: 1 });
  const ctx = response.extract(client, { 'Server-Timing': `db;dur=53, ${METRIC}` });
  assert.equal(getResponseSpanContext(ctx), { ...SERVER, isRemote: true, traceState: undefined });
  assert.is(getSpanContext(ctx)?.spanId, '00f067aa0ba902b7');
  assert.is(getResponseSpanContext(client), undefined);
  assert.is(getResponseSpanContext(deleteResponseSpanContext(ctx)), undefined);
  assert.equal(getResponseSpanContext(setResponseSpanContext(ROOT_CONTEXT, SERVER)), SERVER);
});

test('TC-34 extract from Fetch Headers (lines combined), Maps and Node string[] values', () => {
  const h = new Headers();
  h.append('server-timing', 'db;dur=53');
  h.append('server-timing', METRIC);
  assert.is(getResponseSpanContext(response.extract(ROOT_CONTEXT, h))?.spanId, SID);
  assert.is(getResponseSpanContext(response.extract(ROOT_CONTEXT, new Map([['server-timing', METRIC]])))?.spanId, SID);
  assert.is(
    getResponseSpanContext(response.extract(ROOT_CONTEXT, { 'server-timing': ['db;dur=53', METRIC] }))?.spanId,
    SID,
  );
});

test('TC-34 extract leaves the context unchanged without a valid trace metric, and never throws', () => {
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('hostile');
      },
    },
  );
  const throwing: TextMapGetter = {
    keys: () => [],
    get: () => {
      throw new Error('getter');
    },
  };
  for (const [carrier, getter] of [
    [{}, undefined],
    [{ 'server-timing': 'db;dur=1' }, undefined],
    [{ 'server-timing': `trace;desc=00-${TID.toUpperCase()}-${SID}-01` }, undefined],
    [{ 'server-timing': 42 }, undefined],
    [null, undefined],
    [hostile, undefined],
    [{ 'server-timing': METRIC }, throwing],
  ] as Array<[unknown, TextMapGetter | undefined]>) {
    assert.is(response.extract(ROOT_CONTEXT, carrier, getter), ROOT_CONTEXT);
  }
});

test.run();
