/**
 * Environment variables as carriers: `envGetter` / `envSetter` in the core, `withTraceEnv` in
 * `w3c-propagation/node`, and a real parent and child process.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { W3CTraceContextPropagator as OtelTraceContextPropagator } from '@opentelemetry/core';
import { ROOT_CONTEXT as OTEL_ROOT, trace } from '@opentelemetry/api';
import { fileURLToPath } from 'node:url';
import {
  CompositePropagator,
  createTracer,
  envGetter,
  envSetter,
  envVariableName,
  getSpanContext,
  ROOT_CONTEXT,
  setBaggageValue,
  setSpan,
  setSpanContext,
  TraceState,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type Context,
  type TextMapPropagator,
} from '../../src/index.js';
import { withTraceEnv } from '../../src/node/index.js';

const CHILD = fileURLToPath(new URL('./env-child.js', import.meta.url));
const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;
const w3c = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
/** Runs the child with exactly `env` (nothing merged in from this process). */
function runChild(env: Record<string, string | undefined>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CHILD], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: `${r.stderr}${r.error ? String(r.error) : ''}` };
}

const ctx: Context = setBaggageValue(
  setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1, traceState: new TraceState('rojo=1') }),
  'hello',
  'world',
);

test('env: header names map to upper-case variable names', () => {
  assert.is(envVariableName('traceparent'), 'TRACEPARENT');
  assert.is(envVariableName('tracestate'), 'TRACESTATE');
  assert.is(envVariableName('baggage'), 'BAGGAGE');
  assert.is(envVariableName('x-b3-traceid'), 'X_B3_TRACEID');
  assert.is(envVariableName('uberctx-user.id'), 'UBERCTX_USER_ID');
});

test('env TC-1: envSetter writes TRACEPARENT, TRACESTATE, BAGGAGE and never a lower-case name', () => {
  const env: Record<string, string> = {};
  w3c.inject(ctx, env, envSetter);
  assert.equal(env, { TRACEPARENT: TP, TRACESTATE: 'rojo=1', BAGGAGE: 'hello=world' });
  envSetter.set(env, 'Some-Header', 'x');
  assert.ok(
    Object.keys(env).every((k) => k === k.toUpperCase()),
    Object.keys(env).join(','),
  );
});

test('env: envGetter reads the upper-case variables; keys() lists only the W3C headers present', () => {
  const env = { TRACEPARENT: TP, BAGGAGE: 'a=1', PATH: '/bin', traceparent: 'ignored' };
  assert.equal(envGetter.keys(env), ['traceparent', 'baggage']);
  assert.is(envGetter.get(env, 'traceparent'), TP);
  assert.is(envGetter.get(env, 'TraceParent'), TP);
  assert.is(envGetter.get(env, 'tracestate'), undefined);
  assert.is(envGetter.get({ traceparent: TP }, 'traceparent'), undefined, 'a lower-case variable is not the carrier');
  assert.is(envGetter.get({ TRACEPARENT: 1 } as never, 'traceparent'), undefined);
  assert.equal(envGetter.keys({}), []);
});

test('env TC-11 BG: extract from a record continues the trace with its tracestate and baggage', () => {
  const out = w3c.extract(ROOT_CONTEXT, { TRACEPARENT: TP, TRACESTATE: 'rojo=1', BAGGAGE: 'hello=world' }, envGetter);
  const sc = getSpanContext(out);
  assert.equal(
    { traceId: sc?.traceId, spanId: sc?.spanId, isRemote: sc?.isRemote, traceState: sc?.traceState?.serialize() },
    { traceId: TID, spanId: SID, isRemote: true, traceState: 'rojo=1' },
  );
});

test('withTraceEnv returns a new env with the context and leaves the given one alone', () => {
  const given = Object.freeze({ PATH: '/bin', HOME: '/root' });
  const env = withTraceEnv(ctx, given);
  assert.equal(env, { PATH: '/bin', HOME: '/root', TRACEPARENT: TP, TRACESTATE: 'rojo=1', BAGGAGE: 'hello=world' });
  assert.equal(given, { PATH: '/bin', HOME: '/root' });
});

test('withTraceEnv removes stale TRACEPARENT, TRACESTATE and BAGGAGE the context does not have', () => {
  const inherited = {
    PATH: '/bin',
    TRACEPARENT: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`,
    TRACESTATE: 'old=1',
    BAGGAGE: 'stale=1',
  };
  assert.equal(withTraceEnv(ROOT_CONTEXT, inherited), { PATH: '/bin' });
  const noBaggage = withTraceEnv(setSpanContext(ROOT_CONTEXT, { traceId: TID, spanId: SID, traceFlags: 1 }), inherited);
  assert.equal(noBaggage, { PATH: '/bin', TRACEPARENT: TP });
});

test('withTraceEnv defaults to process.env, without changing it', () => {
  const before = JSON.stringify(process.env);
  const env = withTraceEnv(ctx);
  assert.is(env.PATH, process.env.PATH);
  assert.is(env.TRACEPARENT, TP);
  assert.is(JSON.stringify(process.env), before);
});

test("withTraceEnv with another propagator replaces only that propagator's variables", () => {
  const traceOnly: TextMapPropagator = new W3CTraceContextPropagator();
  const env = withTraceEnv(ctx, { BAGGAGE: 'kept=1', TRACESTATE: 'old=1' }, { propagator: traceOnly });
  assert.equal(env, { BAGGAGE: 'kept=1', TRACEPARENT: TP, TRACESTATE: 'rojo=1' });
});

test("withTraceEnv with OpenTelemetry's propagator and an OpenTelemetry context", () => {
  const otelCtx = trace.setSpanContext(OTEL_ROOT, { traceId: TID, spanId: SID, traceFlags: 1 });
  const env = withTraceEnv(
    otelCtx,
    { TRACEPARENT: 'stale', PATH: '/bin' },
    { propagator: new OtelTraceContextPropagator() },
  );
  assert.equal(env, { PATH: '/bin', TRACEPARENT: TP });
});

test("TC-16 BG a child process continues the parent's trace from the environment, with the core only", () => {
  const ended: string[] = [];
  const tracer = createTracer({ onEnd: (s) => ended.push(s.name) });
  const span = tracer.startSpan('parent job');
  const parent = setBaggageValue(setSpan(ROOT_CONTEXT, span), 'hello', 'world');
  const env = withTraceEnv(parent, { ...process.env, BAGGAGE: 'stale=1', TRACESTATE: 'stale=1' });
  const run = runChild(env);
  span.end();
  assert.is(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const { traceId, spanId } = span.spanContext();
  assert.equal(out.keys, ['traceparent', 'baggage']);
  assert.equal(out.remote, { traceId, spanId, traceFlags: 3, traceState: null });
  assert.is(out.span.traceId, traceId, 'same trace id');
  assert.is(out.span.parentSpanId, spanId, "the child's parent is the parent's span");
  assert.is.not(out.span.spanId, spanId);
  assert.equal(out.baggage, [['hello', 'world']], 'the baggage arrives and the stale one does not');
});

test('BG a child started without trace variables starts a new trace', () => {
  const env = withTraceEnv(ROOT_CONTEXT, { ...process.env, TRACEPARENT: TP, BAGGAGE: 'stale=1' });
  const run = runChild(env);
  assert.is(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.is(out.remote, null);
  assert.is(out.span.parentSpanId, null);
  assert.is.not(out.span.traceId, TID);
  assert.equal(out.baggage, []);
});

test.run();
