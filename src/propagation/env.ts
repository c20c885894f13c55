// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * Environment variables as a carrier, for a parent process that hands its context to a child
 * (CLI tools, batch jobs, CI steps), as in OpenTelemetry's "Environment Variables as Context
 * Propagation Carriers":
 *
 *   header       variable
 *   traceparent  TRACEPARENT
 *   tracestate   TRACESTATE
 *   baggage      BAGGAGE
 *
 * Any other key maps the same way: upper case, every char but A-Z, 0-9 and `_` as `_`
 * (`x-b3-traceid` -> `X_B3_TRACEID`). Variables are only ever written in upper case.
 * The core never reads the environment itself: the caller passes the record (Node's
 * environment object, `Deno.env.toObject()`, a copy for a child process, ...).
 *
 *   const ctx = propagator.extract(ROOT_CONTEXT, env, envGetter);           // in the child
 *   propagator.inject(ctx, childEnv, envSetter);                            // in the parent
 */
import { BAGGAGE_HEADER, TRACEPARENT_HEADER, TRACESTATE_HEADER } from './headers.js';
import type { TextMapGetter, TextMapSetter } from './propagator.js';

/** A record of environment variables, such as Node's environment object. */
export type EnvCarrier = Record<string, string | undefined>;

/** The W3C headers whose variables `envGetter.keys` lists. */
const W3C_HEADERS = [TRACEPARENT_HEADER, TRACESTATE_HEADER, BAGGAGE_HEADER];

const hasOwn = Object.prototype.hasOwnProperty;

/** The variable name for a header name: `traceparent` -> `TRACEPARENT`, `x-b3-traceid` -> `X_B3_TRACEID`. */
export function envVariableName(key: string): string {
  return String(key)
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');
}

/** Own string values only: an inherited property, a non-string or a throwing getter reads as absent. */
function read(env: unknown, name: string): string | undefined {
  try {
    if (env === null || typeof env !== 'object' || !hasOwn.call(env, name)) return undefined;
    const value = (env as EnvCarrier)[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Reads header `key` from variable `envVariableName(key)`; `keys()` lists the W3C headers whose variables are set. */
export const envGetter: TextMapGetter<EnvCarrier> = {
  keys(env: EnvCarrier): string[] {
    return W3C_HEADERS.filter((header) => read(env, envVariableName(header)) !== undefined);
  },
  get(env: EnvCarrier, key: string): string | undefined {
    return read(env, envVariableName(key));
  },
};

/** Writes header `key` as variable `envVariableName(key)`, never a lower-case name. */
export const envSetter: TextMapSetter<EnvCarrier> = {
  set(env: EnvCarrier, key: string, value: string): void {
    if (env !== null && typeof env === 'object') env[envVariableName(key)] = value;
  },
};
