/**
 * The contract every caller gets: whatever values go in through the public API (constructors,
 * setters, context accessors, the tracer, parse and extract results, hand-made span contexts
 * with getters that change their answer, foreign TraceStates, forged Baggage-like objects),
 * what inject writes matches the ABNF of its header, or nothing is written. A TypeError for a
 * programmer error is allowed; a header outside the grammar never is.
 *
 * The grammar comes from spec-tests/helpers/abnf.ts, written apart from the library's parsers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as api from '@opentelemetry/api';
import { TraceState as CoreTraceState } from '@opentelemetry/core';
import {
  Baggage,
  CompositePropagator,
  createBaggage,
  createTracer,
  EMPTY_BAGGAGE,
  getSpan,
  parseBaggage,
  parseTraceState,
  ROOT_CONTEXT,
  setBaggage,
  setBaggageValue,
  setSpan,
  setSpanContext,
  TraceState,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  W3CTraceResponsePropagator,
  type Context,
  type SpanContext,
  type TextMapPropagator,
} from '../../src/index.js';
import { createOtelPropagators, OtelTraceState } from '../../src/otel/index.js';
import {
  BAGGAGE_RE,
  SERVER_TIMING_RE,
  SERVER_TIMING_TRACE_RE,
  TRACEPARENT_RE,
  TRACESTATE_RE,
} from '../helpers/abnf.js';
import { foreignTraceState, FUZZ_RUNS_HEAVY } from '../fuzz/arbitraries.js';

const runs = { numRuns: FUZZ_RUNS_HEAVY };
const TID = '0af7651916cd43dd8448eb211c80319c';
const SID = 'b7ad6b7169203331';
const TP = `00-${TID}-${SID}-01`;
const CRLF = 'a=1\r\nx-injected: 1';

// --- what callers put in -------------------------------------------------------------------

/** Chars that break headers or grammars: CR, LF, NUL, lone surrogates, separators, non-ASCII. */
const nasty = fc.constantFrom(
  '\r',
  '\n',
  '\r\n',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u2028',
  'é',
  '✓',
  ',',
  ';',
  '=',
  ' ',
  '\t',
  '%',
  '%zz',
  '%E2%9C',
  '"',
  'x-injected: 1',
  'a',
  'Z',
  '0',
  'f',
  '-',
  '@',
  '*',
);
const weirdString = fc.oneof(
  fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 30 }),
  fc.constantFrom(
    '',
    TID,
    SID,
    TP,
    CRLF,
    'a=b\r\nx-injected: 1',
    'bad key,x',
    'rojo=1,congo=2',
    'k=v;p=1',
    TID.toUpperCase(),
  ),
);
/** fc.anything() with keys that matter here, so objects may look like internal state too. */
const anyThing = fc.anything({
  key: fc.constantFrom(
    'a',
    'key',
    'value',
    'properties',
    '_k',
    '_e',
    '_l',
    '_s',
    '_o',
    'traceId',
    'spanId',
    'traceFlags',
    'traceState',
  ),
  maxDepth: 2,
});
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  anyThing,
  weirdString,
  fc.bigInt(),
  fc.constantFrom(NaN, -1, 2 ** 53, Infinity, 0x1ff, '01', '0xff', null, undefined, true),
  fc.constant({ _k: undefined, _e: CRLF, _l: undefined }),
  fc.constant({ _s: CRLF, _o: undefined }),
);

/** An object whose `name` getter answers `first`, then `then` on every later read. */
function flipping<T extends object>(base: T, name: string, first: unknown, then: unknown): T {
  let reads = 0;
  return Object.defineProperty(base, name, { get: () => (reads++ ? then : first), enumerable: true });
}

class CrlfTraceState extends TraceState {
  override serialize(): string {
    return CRLF;
  }
}

/** TraceStates and TraceState-likes a caller may hand over. */
const anyTraceState: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  fc.tuple(anyValue, anyValue).map(([header, options]) => new TraceState(header as string, options as never)),
  weirdString.map((s) => parseTraceState(s)),
  fc.tuple(weirdString, weirdString, fc.constantFrom('rojo=1', CRLF)).map(([k, v, header]) => {
    try {
      return new TraceState(header).set(k, v);
    } catch (error) {
      assert.instance(error, TypeError);
      return new TraceState(header).unset(k);
    }
  }),
  fc.constant(new CrlfTraceState('a=1')),
  fc.constant(Object.assign(new TraceState('a=1'), { serialize: () => CRLF })),
  fc.constant(Object.assign(Object.create(TraceState.prototype), { serialize: () => CRLF })),
  weirdString.map(foreignTraceState),
  fc.constant({
    serialize: () => {
      throw new Error('boom');
    },
  }),
  weirdString.map((s) => new CoreTraceState(s)),
);

/** Baggages and baggage-likes, each through a different public entry. */
const anyBaggage: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .array(anyValue, { maxLength: 4 })
    .map((args) => new (Baggage as unknown as new (...a: unknown[]) => Baggage)(...args)),
  anyValue.map((entries) => {
    try {
      return createBaggage(entries as never);
    } catch (error) {
      assert.instance(error, TypeError);
      return EMPTY_BAGGAGE;
    }
  }),
  fc
    .array(fc.tuple(fc.constantFrom('set', 'remove', 'removeAll', 'clear'), anyValue, anyValue), { maxLength: 5 })
    .map((ops) => {
      let b = parseBaggage('a=1;p=2,b=%E2%9C%93,a=3');
      for (const [op, key, entry] of ops) {
        try {
          if (op === 'set') b = b.setEntry(key as string, entry as never);
          else if (op === 'remove') b = b.removeEntry(key as string);
          else if (op === 'removeAll') b = b.removeEntries(key as string, entry as string);
          else b = b.clear();
        } catch (error) {
          assert.instance(error, TypeError);
        }
      }
      return b;
    }),
  fc
    .tuple(
      weirdString,
      fc.record({ maxMembers: anyValue, maxMemberBytes: anyValue, maxTotalBytes: anyValue }, { requiredKeys: [] }),
    )
    .map(([s, limits]) => parseBaggage(s, limits as never)),
  anyValue,
  fc.constant(Object.create(Baggage.prototype)),
);

/** A context carrying what a caller set, through every setter. */
const anyContext: fc.Arbitrary<Context> = fc.oneof(
  anyBaggage.map((b) => setBaggage(ROOT_CONTEXT, b as Baggage)),
  fc.tuple(anyValue, anyValue).map(([k, v]) => {
    try {
      return setBaggageValue(ROOT_CONTEXT, k as string, v as string);
    } catch (error) {
      assert.instance(error, TypeError);
      return ROOT_CONTEXT;
    }
  }),
  fc
    .record({
      traceId: anyValue,
      spanId: anyValue,
      traceFlags: anyValue,
      traceState: anyTraceState,
      isRemote: anyValue,
    })
    .map((sc) => setSpanContext(ROOT_CONTEXT, sc as SpanContext)),
  fc
    .tuple(anyValue, anyValue, anyTraceState)
    .map(([id, flags, traceState]) =>
      setSpanContext(
        ROOT_CONTEXT,
        flipping({ spanId: SID, traceFlags: flags, traceState } as unknown as SpanContext, 'traceId', TID, id),
      ),
    ),
  fc
    .tuple(anyValue, anyTraceState)
    .map(([id, traceState]) =>
      setSpanContext(
        ROOT_CONTEXT,
        flipping({ traceId: TID, traceFlags: 1, traceState } as unknown as SpanContext, 'spanId', SID, id),
      ),
    ),
  anyValue.map((span) => setSpan(ROOT_CONTEXT, span as never)),
  fc.tuple(anyValue, anyTraceState).map(([header, traceState]) => {
    // The span extract makes, whose class any caller can reach as `span.constructor`.
    const RemoteSpan = getSpan(new W3CTraceContextPropagator().extract(ROOT_CONTEXT, { traceparent: TP }))!
      .constructor as new (
      ...a: unknown[]
    ) => never;
    return setSpan(ROOT_CONTEXT, new RemoteSpan(header, traceState));
  }),
  fc.tuple(fc.boolean(), weirdString, weirdString, weirdString).map(([valid, traceparent, tracestate, baggage]) => {
    const p = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
    return p.extract(ROOT_CONTEXT, { traceparent: valid ? TP : traceparent, tracestate, baggage });
  }),
);

/** Contexts as the tracer's spans see them: a child of whatever `anyContext` holds. */
const tracerContext: fc.Arbitrary<Context> = fc
  .tuple(anyContext, anyValue, fc.boolean())
  .map(([parent, name, root]) => {
    try {
      return setSpan(parent, createTracer().startSpan(name as string, { root }, parent));
    } catch (error) {
      // A parent "span" that is not a Span (`setSpan(ctx, 42)`): reading its span context fails.
      assert.instance(error, TypeError);
      return parent;
    }
  });

// --- the grammar check ---------------------------------------------------------------------

const GRAMMAR: Record<string, RegExp> = {
  traceparent: TRACEPARENT_RE,
  tracestate: TRACESTATE_RE,
  baggage: BAGGAGE_RE,
  'server-timing': SERVER_TIMING_RE,
};

/** Injects and checks every header written; a throw must be a TypeError. */
function injectChecked(
  propagator: TextMapPropagator,
  ctx: Context,
  carrier: Record<string, string> = {},
): Record<string, string> {
  const before = { ...carrier };
  try {
    propagator.inject(ctx, carrier);
  } catch (error) {
    assert.instance(error, TypeError, String(error));
  }
  for (const [name, value] of Object.entries(carrier)) {
    if (before[name] === value) continue;
    assert.ok(name in GRAMMAR, `unexpected header ${name}`);
    assert.type(value, 'string');
    assert.ok(GRAMMAR[name]!.test(value), `${name}: ${JSON.stringify(value)}`);
  }
  if ('tracestate' in carrier) assert.ok('traceparent' in carrier, 'tracestate without traceparent');
  return carrier;
}

const traceContext = new W3CTraceContextPropagator();
const baggage = new W3CBaggagePropagator();
const composite = new CompositePropagator({ propagators: [traceContext, baggage] });
const response = new W3CTraceResponsePropagator();

// --- properties ----------------------------------------------------------------------------

test('TC-10 TC-22 TC-23 TC-31 BG-3 BG-8 trace-context and baggage propagators write only grammar-valid headers', () => {
  fc.assert(
    fc.property(fc.oneof(anyContext, tracerContext), (ctx) => {
      injectChecked(traceContext, ctx);
      injectChecked(baggage, ctx);
      injectChecked(composite, ctx);
    }),
    runs,
  );
});

test('TC-34 W3CTraceResponsePropagator writes a grammar-valid Server-Timing, whatever context and prior value', () => {
  fc.assert(
    fc.property(fc.oneof(anyContext, tracerContext), weirdString, (ctx, existing) => {
      const carrier = injectChecked(response, ctx, { 'server-timing': existing });
      const written = carrier['server-timing'];
      if (written !== existing && written !== undefined) {
        const metric = written.split(', ').pop()!;
        assert.ok(SERVER_TIMING_TRACE_RE.test(metric), metric);
      }
    }),
    runs,
  );
});

// The OpenTelemetry bridge, on OpenTelemetry's own Context and values.
const otel = createOtelPropagators(api);

const otelTraceState: fc.Arbitrary<unknown> = fc.oneof(
  anyTraceState,
  anyValue.map((header) => new OtelTraceState(header as string)),
  fc.constant(new OtelTraceState(new CrlfTraceState('a=1'))),
  fc.constant(
    new (class extends OtelTraceState {
      override serialize(): string {
        return CRLF;
      }
    })('a=1'),
  ),
);

const otelContext: fc.Arbitrary<api.Context> = fc.oneof(
  fc
    .record({ traceId: anyValue, spanId: anyValue, traceFlags: anyValue, traceState: otelTraceState })
    .map((sc) => api.trace.setSpanContext(api.ROOT_CONTEXT, sc as api.SpanContext)),
  fc
    .tuple(anyValue, otelTraceState)
    .map(([id, traceState]) =>
      api.trace.setSpanContext(
        api.ROOT_CONTEXT,
        flipping({ spanId: SID, traceFlags: 1, traceState } as unknown as api.SpanContext, 'traceId', TID, id),
      ),
    ),
  fc
    .dictionary(
      weirdString,
      fc.record(
        {
          value: anyValue,
          metadata: fc.oneof(
            anyValue,
            weirdString.map((s) => api.baggageEntryMetadataFromString(s)),
          ),
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 4 },
    )
    .map((entries) =>
      api.propagation.setBaggage(
        api.ROOT_CONTEXT,
        api.propagation.createBaggage(entries as Record<string, api.BaggageEntry>),
      ),
    ),
  fc
    .tuple(fc.boolean(), weirdString, weirdString, weirdString)
    .map(([valid, traceparent, tracestate, bag]) =>
      otel.composite.extract(
        api.ROOT_CONTEXT,
        { traceparent: valid ? TP : traceparent, tracestate, baggage: bag },
        api.defaultTextMapGetter,
      ),
    ),
);

test('TC-10 TC-22 TC-23 BG-3 BG-8 the OpenTelemetry bridge writes only grammar-valid headers, whatever given', () => {
  fc.assert(
    fc.property(otelContext, (ctx) => {
      injectChecked(otel.traceContext as TextMapPropagator, ctx as Context);
      injectChecked(otel.baggage as TextMapPropagator, ctx as Context);
      injectChecked(otel.composite as TextMapPropagator, ctx as Context);
    }),
    runs,
  );
});

test.run();
