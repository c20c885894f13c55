/**
 * The benchmark cases: every case times w3c-propagation beside OpenTelemetry JS
 * (`@opentelemetry/core` + `@opentelemetry/api`), `tctx` and the floor (bench/floor.ts) where
 * they do the same work. Every case rotates through 1,024 distinct inputs (bench/inputs.ts),
 * one per call, so no implementation is measured on a header it has just seen.
 */
import {
  CompositePropagator as OtelCompositePropagator,
  parseTraceParent as otelParseTraceParent,
  TraceState as OtelTraceState,
  W3CBaggagePropagator as OtelBaggagePropagator,
  W3CTraceContextPropagator as OtelTraceContextPropagator,
} from '@opentelemetry/core';
import {
  ROOT_CONTEXT as OTEL_ROOT_CONTEXT,
  defaultTextMapGetter as otelGetter,
  defaultTextMapSetter as otelSetter,
  propagation as otelPropagation,
  trace as otelTrace,
  type Context as OtelContext,
  type TextMapGetter as OtelTextMapGetter,
} from '@opentelemetry/api';
import * as tctxTraceparent from 'tctx/traceparent';
import * as tctxTracestate from 'tctx/tracestate';
import {
  CompositePropagator,
  createTracer,
  getBaggage,
  decodeBaggageValue,
  formatTraceparent,
  getSpanContext,
  parseBaggage,
  parseTraceparent,
  parseTraceState,
  ROOT_CONTEXT,
  setBaggage,
  setSpan,
  setSpanContext,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type Context,
} from '../src/index.js';
import { OTEL_BRIDGE_TARGETS, otelBridgeCases } from './cases-otel.js';
import {
  floorFormatTraceparent,
  floorInjectTraceContext,
  floorParseBaggage,
  floorParseTraceparent,
  floorParseTraceState,
} from './floor.js';
import * as input from './inputs.js';
import { keep, rotate } from './rotate.js';
import { prng } from './inputs.js';

export type ImplName = 'ours' | 'otel' | 'tctx' | 'floor';
export const IMPLS: readonly ImplName[] = ['ours', 'otel', 'tctx', 'floor'];
export const IMPL_LABEL: Record<ImplName, string> = {
  ours: 'w3c-propagation',
  otel: 'OpenTelemetry',
  tctx: 'tctx',
  floor: 'floor',
};

export interface Case {
  id: string;
  title: string;
  /** The functions to time; a thunk when the setup is heavy, so it is built only when run. */
  impls: Partial<Record<ImplName, () => unknown>> | (() => Partial<Record<ImplName, () => unknown>>);
  /** Bytes allocated per op are reported for this case. */
  memory?: boolean;
  note?: string;
}

function headersOf(record: Record<string, string>): Headers {
  const h = new Headers();
  for (const key of Object.keys(record)) h.set(key, record[key]!);
  return h;
}

/** OpenTelemetry's getter for a Fetch `Headers` carrier (its default reads plain objects only). */
const otelHeadersGetter: OtelTextMapGetter<Headers> = {
  get: (carrier, key) => carrier.get(key) ?? undefined,
  keys: (carrier) => [...carrier.keys()],
};

/**
 * OpenTelemetry's span-id generator (sdk-trace-base `RandomIdGenerator`, which this bench does
 * not install): Math.random into a shared buffer, read back as hex.
 */
const ID_BUFFER = Buffer.allocUnsafe(8);
function otelSpanId(): string {
  ID_BUFFER.writeUInt32BE((Math.random() * 2 ** 32) >>> 0, 0);
  ID_BUFFER.writeUInt32BE((Math.random() * 2 ** 32) >>> 0, 4);
  return ID_BUFFER.toString('hex', 0, 8);
}
const perf = globalThis.performance;
const nowMs = () => perf.timeOrigin + perf.now();

export function buildCases(): Case[] {
  const cases: Case[] = [];
  const ours = { tc: new W3CTraceContextPropagator(), bg: new W3CBaggagePropagator() };
  const otel = { tc: new OtelTraceContextPropagator(), bg: new OtelBaggagePropagator() };

  // traceparent --------------------------------------------------------------------------
  const parsers = {
    ours: parseTraceparent,
    otel: otelParseTraceParent,
    tctx: tctxTraceparent.parse,
    floor: floorParseTraceparent,
  };
  const tpSets: [string, string, readonly string[], string?][] = [
    ['traceparent-parse-valid', 'traceparent parse: valid', input.traceparentValid],
    [
      'traceparent-parse-uppercase',
      'traceparent parse: invalid, one upper-case hex char',
      input.traceparentUpper,
      'tctx accepts upper-case hex (its check is /\\W/), so it does the full work here',
    ],
    ['traceparent-parse-length', 'traceparent parse: invalid, 54 or 56 chars', input.traceparentLength],
  ];
  for (const [id, title, set, note] of tpSets) {
    cases.push({
      id,
      title,
      memory: id === 'traceparent-parse-valid',
      note,
      impls: {
        ours: rotate(set, parsers.ours),
        otel: rotate(set, parsers.otel),
        tctx: rotate(set, parsers.tctx),
        floor: rotate(set, parsers.floor),
      },
    });
  }
  const tctxParsed = input.traceparentValid.map((s) => tctxTraceparent.parse(s)!);
  cases.push({
    id: 'traceparent-format',
    title: 'traceparent format',
    note:
      "OpenTelemetry has no formatter: its inject's template literal stands in; " +
      "tctx is the parsed object's toString()",
    impls: {
      ours: rotate(input.ids, formatTraceparent),
      otel: rotate(input.ids, (f) => `00-${f.traceId}-${f.spanId}-0${Number(f.traceFlags || 0).toString(16)}`),
      tctx: rotate(tctxParsed, (t) => t.toString()),
      floor: rotate(input.ids, floorFormatTraceparent),
    },
  });

  // tracestate ---------------------------------------------------------------------------
  for (const [n, set] of [
    [3, input.tracestate3],
    [32, input.tracestate32],
  ] as const) {
    cases.push({
      id: `tracestate-parse-${n}`,
      title: `tracestate parse: ${n} members`,
      memory: n === 3,
      note:
        "OpenTelemetry's TraceState parses on first use; a get() forces it here" +
        (n === 32 ? '. tctx does not validate members' : ''),
      impls: {
        ours: rotate(set, (s) => parseTraceState(s)),
        // OpenTelemetry parses lazily, on first use: get() forces the parse.
        otel: rotate(set, (s) => {
          const ts = new OtelTraceState(s);
          ts.get('');
          return ts;
        }),
        tctx: rotate(set, tctxTracestate.parse),
        floor: rotate(set, floorParseTraceState),
      },
    });
  }
  const oursStates = input.tracestate3.map((s) => parseTraceState(s)!);
  const otelStates = input.tracestate3.map((s) => new OtelTraceState(s));
  const tctxStates = input.tracestate3.map((s) => tctxTracestate.parse(s));
  cases.push({
    id: 'tracestate-set-serialize',
    title: 'tracestate set + serialize (3 members)',
    note: 'tctx mutates its tracestate in place; the others return a new value',
    impls: {
      // States of its own: inject serializes oursStates, and a TraceState keeps its text once built.
      ours: rotate(
        input.tracestate3.map((s) => parseTraceState(s)!),
        (ts) => ts.set('vendor', 'opaque-value-1').serialize(),
      ),
      otel: rotate(otelStates, (ts) => ts.set('vendor', 'opaque-value-1').serialize()),
      tctx: rotate(tctxStates, (ts) => ts.set('vendor', 'opaque-value-1').toString()),
    },
  });

  // trace-context propagators ------------------------------------------------------------
  const rand = prng(100);
  const tcRecords = input.traceparentValid.map((tp, i) => ({
    ...input.requestHeaders(rand),
    traceparent: tp,
    tracestate: input.tracestate3[i]!,
  }));
  const tcHeaders = tcRecords.map(headersOf);
  cases.push({
    id: 'trace-context-extract-object',
    title: 'trace-context extract (traceparent + 3-member tracestate), plain-object carrier',
    memory: true,
    impls: {
      ours: rotate(tcRecords, (c) => ours.tc.extract(ROOT_CONTEXT, c)),
      otel: rotate(tcRecords, (c) => otel.tc.extract(OTEL_ROOT_CONTEXT, c, otelGetter)),
    },
  });
  cases.push({
    id: 'trace-context-extract-headers',
    title: 'trace-context extract (traceparent + 3-member tracestate), Fetch Headers carrier',
    note: 'Headers.get dominates both; OpenTelemetry is given a getter for Headers (its default reads plain objects)',
    impls: {
      ours: rotate(tcHeaders, (c) => ours.tc.extract(ROOT_CONTEXT, c)),
      otel: rotate(tcHeaders, (c) => otel.tc.extract(OTEL_ROOT_CONTEXT, c, otelHeadersGetter)),
    },
  });
  cases.push({
    id: 'trace-context-extract-read-tracestate',
    title: 'trace-context extract, then read one tracestate key (plain-object carrier)',
    note:
      "OpenTelemetry's TraceState parses on first use, so its extract alone skips the tracestate work; " +
      'here both pay it',
    impls: {
      ours: rotate(tcRecords, (c) => getSpanContext(ours.tc.extract(ROOT_CONTEXT, c))?.traceState?.get('rojo')),
      otel: rotate(tcRecords, (c) =>
        otelTrace.getSpanContext(otel.tc.extract(OTEL_ROOT_CONTEXT, c, otelGetter))?.traceState?.get('rojo'),
      ),
    },
  });
  const oursSpanContexts = input.ids.map((f, i) => setSpanContext(ROOT_CONTEXT, input.spanContextOf(f, oursStates[i])));
  const otelSpanContexts = input.ids.map((f, i) =>
    otelTrace.setSpanContext(OTEL_ROOT_CONTEXT, input.spanContextOf(f, otelStates[i])),
  );
  const floorSpanContexts = input.ids.map((f, i) =>
    input.spanContextOf(
      f,
      input.tracestate3[i]!.split(',')
        .map((m) => m.trim())
        .join(','),
    ),
  );
  cases.push({
    id: 'trace-context-inject',
    title: 'trace-context inject (traceparent + 3-member tracestate) into a plain object',
    note:
      'floor: the span context given directly (no Context), its tracestate kept as header text, ' +
      'plain property writes',
    memory: true,
    impls: {
      ours: rotate(oursSpanContexts, (ctx) => {
        const carrier = {};
        ours.tc.inject(ctx, carrier);
        return carrier;
      }),
      otel: rotate(otelSpanContexts, (ctx) => {
        const carrier = {};
        otel.tc.inject(ctx, carrier, otelSetter);
        return carrier;
      }),
      floor: rotate(floorSpanContexts, (sc) => {
        const carrier = {};
        floorInjectTraceContext(sc, carrier);
        return carrier;
      }),
    },
  });
  cases.push({
    id: 'trace-context-inject-headers',
    title: 'trace-context inject into a Fetch Headers carrier',
    impls: {
      ours: rotate(oursSpanContexts, (ctx) => {
        const carrier = new Headers();
        ours.tc.inject(ctx, carrier);
        return carrier;
      }),
      otel: rotate(otelSpanContexts, (ctx) => {
        const carrier = new Headers();
        otel.tc.inject(ctx, carrier, { set: (c, k, v) => c.set(k, v) });
        return carrier;
      }),
    },
  });

  // baggage propagator -------------------------------------------------------------------
  for (const [n, set] of [
    [3, input.baggage3],
    [64, input.baggage64],
  ] as const) {
    const records = () => set.map((b, i) => ({ ...input.requestHeaders(prng(200 + i)), baggage: b }));
    cases.push({
      id: `baggage-extract-${n}`,
      title:
        `baggage extract: ${n} members` +
        `${n === 64 ? ' (~7 KB, UTF-8 escapes, properties)' : ''}, plain-object carrier`,
      memory: true,
      note:
        'floor: every char checked by one compiled regex per member, values decoded, ' +
        'keys and entries built as a Baggage holds them; no limits, OWS, carrier or Context',
      impls: () => {
        const carriers = records();
        return {
          ours: rotate(carriers, (c) => ours.bg.extract(ROOT_CONTEXT, c)),
          otel: rotate(carriers, (c) => otel.bg.extract(OTEL_ROOT_CONTEXT, c, otelGetter)),
          floor: rotate(set, floorParseBaggage),
        };
      },
    });
    cases.push({
      id: `baggage-extract-${n}-read`,
      title: `baggage extract: ${n} members, then read one value`,
      note:
        'extract keeps a canonical header unread; ' +
        'here the first read parses it, as a service that uses its baggage pays',
      impls: () => {
        const carriers = records();
        const key = n === 3 ? 'userId' : 'zz';
        return {
          ours: rotate(carriers, (c) => getBaggage(ours.bg.extract(ROOT_CONTEXT, c))?.getEntry(key)),
          otel: rotate(carriers, (c) =>
            otelPropagation.getBaggage(otel.bg.extract(OTEL_ROOT_CONTEXT, c, otelGetter))?.getEntry(key),
          ),
        };
      },
    });
    cases.push({
      id: `baggage-inject-${n}`,
      title: `baggage inject: ${n} members into a plain object`,
      memory: n === 64,
      impls: () => {
        const oursContexts = set.map((b) => setBaggage(ROOT_CONTEXT, parseBaggage(b)));
        const otelContexts = records().map((c) => otel.bg.extract(OTEL_ROOT_CONTEXT, c, otelGetter));
        return {
          ours: rotate(oursContexts, (ctx) => {
            const carrier = {};
            ours.bg.inject(ctx, carrier);
            return carrier;
          }),
          otel: rotate(otelContexts, (ctx) => {
            const carrier = {};
            otel.bg.inject(ctx, carrier, otelSetter);
            return carrier;
          }),
        };
      },
    });
  }

  // pass-through: extract every header, inject into the outgoing request -------------------
  const ptRecords = tcRecords.map((r, i) => ({ ...r, baggage: input.baggage3[i]! }));
  const oursBoth = new CompositePropagator({ propagators: [ours.tc, ours.bg] });
  const otelBoth = new OtelCompositePropagator({ propagators: [otel.tc, otel.bg] });
  cases.push({
    id: 'pass-through',
    title: 'pass-through: extract traceparent + tracestate + 3-member baggage, inject all into a new object',
    memory: true,
    note: 'a proxy or a service that calls on without a span of its own',
    impls: {
      ours: rotate(ptRecords, (c) => {
        const out = {};
        oursBoth.inject(oursBoth.extract(ROOT_CONTEXT, c), out);
        return out;
      }),
      otel: rotate(ptRecords, (c) => {
        const out = {};
        otelBoth.inject(otelBoth.extract(OTEL_ROOT_CONTEXT, c, otelGetter), out, otelSetter);
        return out;
      }),
    },
  });

  // percent decoder ----------------------------------------------------------------------
  const decodeSets: [string, string, readonly string[], string?][] = [
    ['decode-ascii', 'percent decode: 64 ASCII chars, no escapes', input.decodeAscii],
    ['decode-escaped', 'percent decode: mostly escapes (UTF-8)', input.decodeEscaped],
    [
      'decode-invalid',
      'percent decode: invalid UTF-8',
      input.decodeInvalid,
      'decodeURIComponent throws URIError on invalid UTF-8 (caught here); ours yields U+FFFD',
    ],
  ];
  for (const [id, title, set, note] of decodeSets) {
    cases.push({
      id,
      title,
      note: note ?? 'OpenTelemetry decodes with decodeURIComponent, measured as its stand-in',
      impls: {
        ours: rotate(set, decodeBaggageValue),
        otel: rotate(set, (s) => {
          try {
            return decodeURIComponent(s);
          } catch {
            return undefined;
          }
        }),
      },
    });
  }

  // full request round trip --------------------------------------------------------------
  const rtRecords = tcRecords.map((r, i) => ({ ...r, baggage: input.baggage3[i]! }));
  const tracer = createTracer();
  cases.push({
    id: 'round-trip',
    title: 'request round trip: extract traceparent + tracestate + baggage, child span, inject both',
    memory: true,
    note:
      "OpenTelemetry's minimal path: trace.wrapSpanContext with a RandomIdGenerator-style span id " +
      '(no SDK installed)',
    impls: {
      ours: rotate(rtRecords, (c) => {
        let ctx: Context = ours.tc.extract(ROOT_CONTEXT, c);
        ctx = ours.bg.extract(ctx, c);
        const span = tracer.startSpan('GET /', undefined, ctx);
        const child = setSpan(ctx, span);
        const out = {};
        ours.tc.inject(child, out);
        ours.bg.inject(child, out);
        return out;
      }),
      otel: rotate(rtRecords, (c) => {
        let ctx: OtelContext = otel.tc.extract(OTEL_ROOT_CONTEXT, c, otelGetter);
        ctx = otel.bg.extract(ctx, c, otelGetter);
        const parent = otelTrace.getSpanContext(ctx)!;
        const start = nowMs();
        const span = otelTrace.wrapSpanContext({
          traceId: parent.traceId,
          spanId: otelSpanId(),
          traceFlags: parent.traceFlags,
          traceState: parent.traceState,
        });
        const child = otelTrace.setSpan(ctx, span);
        const out: Record<string, string> = {};
        otel.tc.inject(child, out, otelSetter);
        otel.bg.inject(child, out, otelSetter);
        keep(start);
        return out;
      }),
    },
  });
  // w3c-propagation/otel against @opentelemetry/core, both through @opentelemetry/api
  cases.push(...otelBridgeCases());
  return cases;
}

// ---------------------------------------------------------------------------------------
// Targets (DESIGN.md, Performance): ratio other-time / our-time, same run.

export interface Target {
  name: string;
  against: ImplName;
  min: number;
  cases: string[];
}

export const TARGETS: Target[] = [
  {
    name: 'traceparent parse vs OpenTelemetry',
    against: 'otel',
    min: 1.0,
    cases: ['traceparent-parse-valid', 'traceparent-parse-uppercase', 'traceparent-parse-length'],
  },
  {
    name: 'invalid traceparent rejected vs OpenTelemetry',
    against: 'otel',
    min: 1.0,
    cases: ['traceparent-parse-uppercase', 'traceparent-parse-length'],
  },
  {
    name: 'traceparent parse vs tctx',
    against: 'tctx',
    min: 2.0,
    cases: ['traceparent-parse-valid', 'traceparent-parse-uppercase', 'traceparent-parse-length'],
  },
  {
    name: 'trace-context extract with tracestate',
    against: 'otel',
    min: 1.5,
    cases: ['trace-context-extract-object', 'trace-context-extract-headers'],
  },
  { name: 'baggage extract, 3 members', against: 'otel', min: 3.0, cases: ['baggage-extract-3'] },
  { name: 'baggage extract, 64 members / 7 KB', against: 'otel', min: 3.0, cases: ['baggage-extract-64'] },
  {
    name: 'inject',
    against: 'otel',
    min: 1.5,
    cases: ['trace-context-inject', 'baggage-inject-3', 'baggage-inject-64'],
  },
  ...OTEL_BRIDGE_TARGETS,
];
