/**
 * Bench cases for the OpenTelemetry bridge: what an OpenTelemetry JS user gains by switching
 * the global propagator from `@opentelemetry/core`'s W3C propagators to `w3c-propagation/otel`.
 *
 * Both sides are called the way `api.propagation.extract` / `inject` call the global
 * propagator: `propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)` with
 * `@opentelemetry/api`'s Context, default getter and setter (only one propagator can be global
 * at a time, so each is called on that path directly). 'ours' is `createOtelPropagators(api)
 * .composite`; 'otel' is core's `CompositePropagator` of `W3CTraceContextPropagator` and
 * `W3CBaggagePropagator`, as an OpenTelemetry SDK installs it. Every case rotates through
 * 1,024 distinct inputs (bench/inputs.ts).
 *
 * Part of `npm run bench` in every regime; `npm run bench:otel` runs only these.
 */
import * as api from '@opentelemetry/api';
import {
  CompositePropagator,
  TraceState as CoreTraceState,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { createOtelPropagators } from '../src/otel/index.js';
import * as input from './inputs.js';
import { rotate } from './rotate.js';
import { prng } from './inputs.js';

type Impls = { ours?: () => unknown; otel?: () => unknown };

export interface BenchCase {
  id: string;
  title: string;
  impls: Impls | (() => Impls);
  memory?: boolean;
  note?: string;
}

export interface BenchTarget {
  name: string;
  against: 'otel';
  min: number;
  cases: string[];
}

export const OTEL_BRIDGE_TARGETS: BenchTarget[] = [
  {
    name: 'OpenTelemetry bridge: extract traceparent + tracestate + baggage',
    against: 'otel',
    min: 1.5,
    cases: ['otel-bridge-extract-full'],
  },
];

const { ROOT_CONTEXT, defaultTextMapGetter: getter, defaultTextMapSetter: setter } = api;

/** What a service that uses everything it received reads: a tracestate member and the baggage entries. */
function readAll(ctx: api.Context): unknown {
  return [api.trace.getSpanContext(ctx)?.traceState?.get('rojo'), api.propagation.getBaggage(ctx)?.getAllEntries()];
}

export function otelBridgeCases(): BenchCase[] {
  const ours = createOtelPropagators(api).composite;
  const otel = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
  const extractWith = (p: api.TextMapPropagator) => (carrier: Record<string, string>) =>
    p.extract(ROOT_CONTEXT, carrier, getter);
  const injectWith = (p: api.TextMapPropagator) => (ctx: api.Context) => {
    const carrier: Record<string, string> = {};
    p.inject(ctx, carrier, setter);
    return carrier;
  };

  // Request headers as an HTTP server hands them over: lower-case names, other headers around.
  const rand = prng(300);
  const full = input.traceparentValid.map((tp, i) => ({
    ...input.requestHeaders(rand),
    traceparent: tp,
    tracestate: input.tracestate3[i]!,
    baggage: input.baggage3[i]!,
  }));
  const tpOnly = input.traceparentValid.map((tp) => ({ ...input.requestHeaders(rand), traceparent: tp }));

  return [
    {
      id: 'otel-bridge-extract-full',
      title: 'OpenTelemetry API extract: traceparent + 3-member tracestate + 3-member baggage',
      memory: true,
      note:
        "both read tracestate on first use; the bridge also leaves building OpenTelemetry's Baggage object " +
        'to first use (the header is parsed and checked here)',
      impls: { ours: rotate(full, extractWith(ours)), otel: rotate(full, extractWith(otel)) },
    },
    {
      id: 'otel-bridge-extract-read-all',
      title: 'OpenTelemetry API extract, then read the tracestate and every baggage entry',
      memory: true,
      note:
        "both pay all the parsing here, and the bridge builds OpenTelemetry's Baggage, " +
        'which its extract leaves to first use',
      impls: {
        ours: rotate(full, (c) => readAll(extractWith(ours)(c))),
        otel: rotate(full, (c) => readAll(extractWith(otel)(c))),
      },
    },
    {
      id: 'otel-bridge-extract-traceparent',
      title: 'OpenTelemetry API extract: traceparent only',
      impls: { ours: rotate(tpOnly, extractWith(ours)), otel: rotate(tpOnly, extractWith(otel)) },
    },
    {
      id: 'otel-bridge-inject',
      title: 'OpenTelemetry API inject: traceparent + tracestate + baggage, of what each extracted',
      memory: true,
      note:
        'each side injects the contexts its own extract made: ' +
        'the pass-through of a service that forwards the trace',
      impls: () => ({
        ours: rotate(full.map(extractWith(ours)), injectWith(ours)),
        otel: rotate(full.map(extractWith(otel)), injectWith(otel)),
      }),
    },
    {
      id: 'otel-bridge-inject-otel-values',
      title: 'OpenTelemetry API inject: a core TraceState and a createBaggage baggage (3 members each)',
      note:
        'values made by OpenTelemetry code: ' +
        'the bridge reads the foreign TraceState back through its parser so nothing invalid is sent',
      impls: () => {
        const contexts = input.ids.map((f, i) => {
          const withSpan = api.trace.setSpanContext(
            ROOT_CONTEXT,
            input.spanContextOf(f, new CoreTraceState(input.tracestate3[i]!)),
          );
          const entries = Object.fromEntries(
            input.baggage3[i]!.split(',').map((m) => [
              m.slice(0, m.indexOf('=')),
              { value: decodeURIComponent(m.slice(m.indexOf('=') + 1)) },
            ]),
          );
          return api.propagation.setBaggage(withSpan, api.propagation.createBaggage(entries));
        });
        return { ours: rotate(contexts, injectWith(ours)), otel: rotate(contexts, injectWith(otel)) };
      },
    },
  ];
}
