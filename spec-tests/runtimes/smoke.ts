/**
 * The runtime smoke-and-conformance check: a compact subset of spec-tests/ that runs
 * unchanged on every runtime of the matrix (Node, Bun, Deno, workerd, QuickJS, Chromium).
 *
 * No test framework, no Node API, no import but the built library: the same file is run
 * from dist/ by Node, Bun and Deno, and served next to the esbuild bundle of the library
 * to workerd, QuickJS and Chromium (the bundle stands in for `../../src/index.js`).
 *
 *   const result = runSmoke();          // runtime detected from its globals
 *   console.log(result.report);         // ends with "node: 40 passed, 0 failed"
 */
import {
  BAGGAGE_HEADER,
  CompositePropagator,
  ROOT_CONTEXT,
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
  TRACESTATE_MAX_MEMBERS,
  TraceFlags,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  createTracer,
  decodeBaggageValue,
  encodeBaggageValue,
  formatBaggage,
  formatTraceparent,
  generateSpanId,
  generateTraceId,
  getBaggage,
  getBaggageValue,
  getSpanContext,
  isValidSpanId,
  isValidTraceId,
  parseBaggage,
  parseTraceState,
  parseTraceparent,
  setBaggageValue,
  setRandomSource,
  setSpanContext,
  TraceState,
  type RandomSource,
} from '../../src/index.js';

export interface SmokeResult {
  runtime: string;
  /** What the runtime says about itself ('' when it says nothing, as in workerd). */
  version: string;
  passed: number;
  failed: number;
  failures: string[];
  /** Where ids got their randomness and whether `Headers` was the runtime's own. */
  environment: string;
  /** `RUNTIME: N passed, M failed`: the line the matrix reads. */
  line: string;
  /** The environment line, any failures, then `line`. */
  report: string;
}

export interface SmokeOptions {
  /** Name printed in the result line; detected from the runtime's globals when absent. */
  runtime?: string;
  /**
   * A random source to install before the id checks, for runtimes without Web Crypto
   * (QuickJS). Left installed: it is what the runtime would use in production.
   */
  randomSource?: RandomSource;
}

type Globals = Record<string, any>;

/** The runtime's name and version, from globals only (Bun and Deno also define `process`). */
export function detectRuntime(): { name: string; version: string } {
  const g = globalThis as Globals;
  if (g.Bun !== undefined) return { name: 'bun', version: String(g.Bun.version) };
  if (g.Deno !== undefined) return { name: 'deno', version: String(g.Deno.version?.deno) };
  const agent = typeof g.navigator?.userAgent === 'string' ? (g.navigator.userAgent as string) : '';
  if (agent === 'Cloudflare-Workers') return { name: 'workerd', version: '' };
  if (g.process?.versions?.node !== undefined) return { name: 'node', version: String(g.process.versions.node) };
  const chrome = /(?:Headless)?Chrome\/([\d.]+)/.exec(agent);
  if (chrome && g.document !== undefined) return { name: 'chromium', version: chrome[1] };
  return { name: 'unknown', version: '' };
}

/** Deep equality for the JSON-shaped values these checks compare. */
function same(actual: unknown, expected: unknown): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** A Map-backed stand-in with the `Headers` methods carriers use, for runtimes without Fetch. */
class HeadersStandIn {
  private readonly _map = new Map<string, string>();
  constructor(init?: Record<string, string>) {
    if (init) for (const key of Object.keys(init)) this.append(key, init[key]);
  }
  get(key: string): string | null {
    const v = this._map.get(key.toLowerCase());
    return v === undefined ? null : v;
  }
  set(key: string, value: string): void {
    this._map.set(key.toLowerCase(), value);
  }
  append(key: string, value: string): void {
    const k = key.toLowerCase();
    const old = this._map.get(k);
    this._map.set(k, old === undefined ? value : old + ', ' + value);
  }
  has(key: string): boolean {
    return this._map.has(key.toLowerCase());
  }
  keys(): IterableIterator<string> {
    return this._map.keys();
  }
}

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const PARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;
const STATE = 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE';

export function runSmoke(options: SmokeOptions = {}): SmokeResult {
  const detected = detectRuntime();
  const runtime = options.runtime ?? detected.name;
  const g = globalThis as Globals;
  const nativeHeaders = typeof g.Headers === 'function';
  const HeadersClass: new (
    init?: Record<string, string>,
  ) => { get(k: string): string | null; set(k: string, v: string): void; append(k: string, v: string): void } =
    nativeHeaders ? g.Headers : HeadersStandIn;
  const hasCrypto = typeof g.crypto?.getRandomValues === 'function';

  const failures: string[] = [];
  let passed = 0;
  function check(name: string, fn: () => unknown): void {
    try {
      const outcome = fn();
      if (outcome === true) passed++;
      else failures.push(`${name}: ${outcome === false ? 'not true' : String(outcome)}`);
    } catch (error) {
      failures.push(`${name}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
  /** true, or a message naming both values. */
  function equal(actual: unknown, expected: unknown): true | string {
    return same(actual, expected) || `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  function throws(fn: () => unknown, type: Function): true | string {
    try {
      fn();
    } catch (error) {
      return error instanceof type || `threw ${String(error)}, not a ${type.name}`;
    }
    return 'did not throw';
  }

  // --- traceparent -----------------------------------------------------------------------
  check('TC-2 the spec example parses', () =>
    equal(parseTraceparent(PARENT), { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 }),
  );
  check('TC-2 parse/format round trips', () => {
    for (const flags of ['00', '01', '03']) {
      const header = `00-${TRACE_ID}-${SPAN_ID}-${flags}`;
      const parsed = parseTraceparent(header);
      if (parsed === undefined || formatTraceparent(parsed) !== header) return `${header} did not round-trip`;
    }
    return true;
  });
  check('TC-3 upper-case hex is invalid', () => equal(parseTraceparent(PARENT.toUpperCase()), undefined));
  check('TC-4 version ff is invalid', () => equal(parseTraceparent('ff' + PARENT.slice(2)), undefined));
  check('TC-5 an all-zero trace id is invalid', () =>
    equal(parseTraceparent(`00-${'0'.repeat(32)}-${SPAN_ID}-01`), undefined),
  );
  check('TC-6 an all-zero parent id is invalid', () =>
    equal(parseTraceparent(`00-${TRACE_ID}-${'0'.repeat(16)}-01`), undefined),
  );
  check('TC-7 version 00 with a trailing field is invalid', () => equal(parseTraceparent(PARENT + '-00'), undefined));
  check('TC-9 a higher version is read, its extra field ignored, and written as 00', () => {
    const parsed = parseTraceparent(`01-${TRACE_ID}-${SPAN_ID}-01-future`);
    return parsed !== undefined ? equal(formatTraceparent(parsed), PARENT) : 'not parsed';
  });

  // --- tracestate ------------------------------------------------------------------------
  check('TC-20 tracestate parse/serialize round trips', () => equal(parseTraceState(STATE)?.serialize(), STATE));
  check('TC-20 several header values combine in order', () =>
    equal(parseTraceState(['a=1', 'b=2,c@vendor=3'])?.serialize(), 'a=1,b=2,c@vendor=3'),
  );
  const members = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v${i}`).join(',');
  check('TC-21 32 members are kept', () => equal(parseTraceState(members(TRACESTATE_MAX_MEMBERS))?.size, 32));
  check('TC-21 33 members discard the tracestate', () => equal(parseTraceState(members(33)), undefined));
  check('TC-22 an invalid member discards the tracestate', () =>
    equal(
      [parseTraceState('a=1,B=2'), parseTraceState('a=1,b'), parseTraceState('a=1,b=x=y')],
      [undefined, undefined, undefined],
    ),
  );
  check('TC-28 a repeated key on input keeps the left-most member', () =>
    equal(parseTraceState('a=1,b=3,a=2')?.serialize(), 'a=1,b=3'),
  );
  check('TC-27 set moves the key to the left', () =>
    equal(parseTraceState('a=1,b=2,c=3')!.set('c', '4').serialize(), 'c=4,a=1,b=2'),
  );
  check('TC-28 set on a full tracestate drops the right-most member', () => {
    const full = parseTraceState(members(32))!.set('new', 'x');
    return equal([full.size, full.get('new'), full.get('k0'), full.get('k31')], [32, 'x', 'v0', undefined]);
  });
  check('TC-22 set with an invalid key is a TypeError', () =>
    throws(() => new TraceState().set('Upper', 'x'), TypeError),
  );

  // --- baggage ---------------------------------------------------------------------------
  check("BG-11 '%E2%82' (truncated) decodes to one U+FFFD", () => equal(decodeBaggageValue('%E2%82'), '\uFFFD'));
  check("BG-11 '%C0%AF' (overlong) decodes to two U+FFFD", () => equal(decodeBaggageValue('%C0%AF'), '\uFFFD\uFFFD'));
  check('BG-10 UTF-8 escapes decode', () =>
    equal([decodeBaggageValue('caf%C3%A9'), decodeBaggageValue('%F0%9F%98%80')], ['café', '😀']),
  );
  check('BG-13 BG-14 a plus and a lone percent stay as they are', () => equal(decodeBaggageValue('a+b%2'), 'a+b%2'));
  check('BG-8 encode/decode round trips non-ASCII and delimiters', () => {
    const value = 'café 😀,;"\\%';
    const encoded = encodeBaggageValue(value);
    return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(encoded)
      ? equal(decodeBaggageValue(encoded), value)
      : `not baggage-octets: ${encoded}`;
  });
  const BAGGAGE = 'userId=alice,tier=gold;ttl=30;beta,note=caf%C3%A9;p=a%20b';
  check('BG-4 parse/format round trips with properties', () => equal(formatBaggage(parseBaggage(BAGGAGE)), BAGGAGE));
  check('BG-4 properties are read in order', () =>
    equal(parseBaggage(BAGGAGE).getEntry('tier'), {
      value: 'gold',
      properties: [{ key: 'ttl', value: '30' }, { key: 'beta' }],
    }),
  );
  check('BG-20 an invalid member is dropped, the others kept', () =>
    equal(parseBaggage(' a = 1 , bad key=2,c=3').members(), [
      { key: 'a', value: '1' },
      { key: 'c', value: '3' },
    ]),
  );

  // --- propagation through a Fetch Headers carrier -------------------------------------
  const traceContext = new W3CTraceContextPropagator();
  const baggage = new W3CBaggagePropagator();
  const composite = new CompositePropagator({ propagators: [traceContext, baggage] });
  check('TC-11 extract from Headers gives a remote span context with its tracestate', () => {
    const ctx = traceContext.extract(ROOT_CONTEXT, new HeadersClass({ traceparent: PARENT, tracestate: STATE }));
    const sc = getSpanContext(ctx);
    return equal(
      [sc?.traceId, sc?.spanId, sc?.traceFlags, sc?.isRemote, sc?.traceState?.get('rojo')],
      [TRACE_ID, SPAN_ID, 1, true, '00f067aa0ba902b7'],
    );
  });
  check('TC-10 inject into Headers writes traceparent and tracestate', () => {
    const headers = new HeadersClass();
    const ctx = setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
      traceState: parseTraceState(STATE)!,
    });
    traceContext.inject(ctx, headers);
    return equal([headers.get(TRACEPARENT_HEADER), headers.get(TRACESTATE_HEADER)], [PARENT, STATE]);
  });
  check('TC-13 two traceparent values in Headers extract nothing', () => {
    const headers = new HeadersClass();
    headers.append('traceparent', PARENT);
    headers.append('traceparent', PARENT);
    return equal(getSpanContext(traceContext.extract(ROOT_CONTEXT, headers)), undefined);
  });
  check('TC-18 an invalid traceparent leaves the context as it was', () => {
    const ctx = traceContext.extract(
      ROOT_CONTEXT,
      new HeadersClass({ traceparent: PARENT.slice(1), tracestate: STATE }),
    );
    return ctx === ROOT_CONTEXT;
  });
  check('TC-19 a bad tracestate is dropped, the traceparent kept', () => {
    const sc = getSpanContext(
      traceContext.extract(ROOT_CONTEXT, new HeadersClass({ traceparent: PARENT, tracestate: 'a=1,B=2' })),
    );
    return equal([sc?.spanId, sc?.traceState?.serialize() ?? ''], [SPAN_ID, '']);
  });
  check('BG-2 baggage extract and inject through Headers', () => {
    const ctx = baggage.extract(ROOT_CONTEXT, new HeadersClass({ baggage: 'userId=alice,note=caf%C3%A9' }));
    const out = new HeadersClass();
    baggage.inject(setBaggageValue(ctx, 'region', 'eu west'), out);
    return equal(
      [getBaggageValue(ctx, 'note'), out.get(BAGGAGE_HEADER)],
      ['café', 'userId=alice,note=caf%C3%A9,region=eu%20west'],
    );
  });
  check('composite fields() lists every header once', () =>
    equal(composite.fields(), ['traceparent', 'tracestate', 'baggage']),
  );
  check('TC-16 TC-17 a child span keeps trace id, flags and tracestate; inject sends it with the baggage', () => {
    const incoming = new HeadersClass({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-03`,
      tracestate: STATE,
      baggage: 'userId=alice',
    });
    const ctx = composite.extract(ROOT_CONTEXT, incoming);
    const ended: string[] = [];
    const tracer = createTracer({ onEnd: (s) => ended.push(s.name) });
    const span = tracer.startSpan('GET /', {}, ctx);
    span.end();
    const outgoing = new HeadersClass();
    composite.inject(setSpanContext(ctx, span.spanContext()), outgoing);
    const sent = parseTraceparent(outgoing.get('traceparent') ?? '');
    return equal(
      [
        sent?.traceId,
        sent?.spanId !== SPAN_ID && isValidSpanId(sent?.spanId),
        sent?.traceFlags,
        span.parentSpanId,
        outgoing.get('tracestate'),
        outgoing.get('baggage'),
        getBaggage(ctx)?.size,
        ended,
      ],
      [TRACE_ID, true, 3, SPAN_ID, STATE, 'userId=alice', 1, ['GET /']],
    );
  });
  check('TC-15 a root span has random ids and the sampled and random flags', () => {
    const sc = createTracer().startSpan('root', {}, ROOT_CONTEXT).spanContext();
    return equal(
      [isValidTraceId(sc.traceId), isValidSpanId(sc.spanId), sc.traceFlags],
      [true, true, TraceFlags.SAMPLED | TraceFlags.RANDOM],
    );
  });

  // --- ids -------------------------------------------------------------------------------
  if (options.randomSource !== undefined) setRandomSource(options.randomSource);
  const source =
    options.randomSource !== undefined
      ? 'injected random source'
      : hasCrypto
        ? 'crypto.getRandomValues'
        : 'Math.random fallback';
  check('TC-32 generated ids are valid and distinct', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const traceId = generateTraceId();
      const spanId = generateSpanId();
      if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return `invalid id ${traceId} ${spanId}`;
      seen.add(traceId).add(spanId);
    }
    return seen.size === 400 || `only ${seen.size} distinct ids of 400`;
  });
  check('setRandomSource drives the ids; an all-zero source throws; undefined restores', () => {
    let next = 0;
    setRandomSource((bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = next++ & 255;
    });
    const ids = [generateTraceId(), generateSpanId()];
    setRandomSource((bytes) => bytes.fill(0));
    const zero = throws(() => generateSpanId(), Error);
    setRandomSource(options.randomSource);
    const restored = generateTraceId();
    return equal(
      [ids, zero, isValidTraceId(restored) && restored !== ids[0]],
      [['000102030405060708090a0b0c0d0e0f', '1011121314151617'], true, true],
    );
  });

  const failed = failures.length;
  const line = `${runtime}: ${passed} passed, ${failed} failed`;
  const headersKind = nativeHeaders ? 'native Headers' : 'Headers stand-in: the runtime has no Fetch API';
  const environment =
    `${runtime}${detected.version ? ' ' + detected.version : ''} ` +
    `(detected as ${detected.name}; ids from ${source}; ${headersKind})`;
  const report = [environment, ...failures.map((f) => `  FAIL ${f}`), line].join('\n');
  return { runtime, version: detected.version, passed, failed, failures, environment, line, report };
}
