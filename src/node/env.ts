/**
 * The environment for a child process, carrying the context (see env-carrier.ts).
 *
 *   spawn('worker', args, { env: withTraceEnv(context.active()) });
 */
import type { Context } from '../context/context.js';
import { envSetter, envVariableName, type EnvCarrier } from '../propagation/env.js';
import { CompositePropagator } from '../propagation/composite.js';
import { type TextMapPropagator } from '../propagation/propagator.js';
import { W3CBaggagePropagator } from '../baggage/propagator.js';
import { W3CTraceContextPropagator } from '../trace-context/propagator.js';

export interface TraceEnvOptions {
  /**
   * What writes the variables. Default: W3C trace context and baggage, so `TRACEPARENT`,
   * `TRACESTATE` and `BAGGAGE`. Any TextMapPropagator works (its `fields()` are the variables
   * replaced), OpenTelemetry's included.
   */
  propagator?: TextMapPropagator;
}

let w3c: TextMapPropagator | undefined;

/**
 * A copy of `env` (default `process.env`) with the context's trace and baggage as variables.
 * `env` itself is not changed. The variables of every field the propagator writes are removed
 * from the copy first, so a context without baggage (or without a valid span) does not pass on
 * a stale `BAGGAGE` (or `TRACEPARENT`) this process inherited.
 */
export function withTraceEnv(
  context: Context,
  env: EnvCarrier = process.env,
  options: TraceEnvOptions = {},
): EnvCarrier {
  const propagator =
    options.propagator ??
    (w3c ??= new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  const out: EnvCarrier = { ...env };
  for (const field of propagator.fields()) delete out[envVariableName(field)];
  propagator.inject(context, out, envSetter);
  return out;
}
