/**
 * TC-33 on pass-through: a service that extracts and injects the same context sends a valid
 * received tracestate as it came (its canonical form), whatever its length: 512 chars is what
 * every participant propagates at least (TC-29), not a ceiling. Only a tracestate this service
 * changed (`set`, `unset`) is cut to 512 chars, by the TC-30 rules.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  createTracer,
  getSpan,
  getSpanContext,
  parseTraceState,
  ROOT_CONTEXT,
  setSpan,
  setSpanContext,
  TraceState,
  TRACESTATE_MAX_LENGTH,
  W3CTraceContextPropagator,
  type Context,
  type TraceStateLike,
} from '../../src/index.js';
import { FUZZ_RUNS } from '../fuzz/arbitraries.js';
import { TRACESTATE_RE } from '../helpers/abnf.js';

const p = new W3CTraceContextPropagator();
const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const IDS = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
const runs = { numRuns: Math.max(100, Math.floor(FUZZ_RUNS / 40)) };

/** Extract `tracestate` with TP, optionally change the TraceState, inject: the tracestate sent. */
function roundTrip(tracestate: string | string[], change?: (ts: TraceState) => TraceState): string | undefined {
  let ctx: Context = p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate });
  if (change) {
    const sc = getSpanContext(ctx)!;
    const received = (sc.traceState as TraceState | undefined) ?? new TraceState();
    ctx = setSpanContext(ROOT_CONTEXT, { ...sc, traceState: change(received) });
  }
  const out: Record<string, string> = {};
  p.inject(ctx, out);
  return out.tracestate;
}

function injectState(traceState: TraceStateLike): string | undefined {
  const out: Record<string, string> = {};
  p.inject(setSpanContext(ROOT_CONTEXT, { ...IDS, traceState }), out);
  return out.tracestate;
}

/** What a real agent sent: its member first (79 chars), then 30 members from upstream (14 chars each). */
const AGENT = '33@nr=0-0-33-2827902-b7ad6b7169203331-e8b91a159289ff74-1-1.234567-1518469636035';
const UPSTREAM = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}=${String(i).padStart(10, 'v')}`);
const HEADER_529 = [AGENT, ...UPSTREAM].join(',');
/** HEADER_529 cut to 512 by TC-30: no member is over 128 chars, so k29 and k28 go (499 chars). */
const CUT_499 = [AGENT, ...UPSTREAM.slice(0, 28)].join(',');

test('TC-33 pass-through keeps a valid 529-char tracestate whole', () => {
  assert.is(HEADER_529.length, 529);
  assert.is(parseTraceState(HEADER_529)?.size, 31);
  assert.is(roundTrip(HEADER_529), HEADER_529, "not cut to 499 chars: the two right-most are another vendor's");
  // Its members read first (a service that looks at its own member), then forwarded.
  const ctx = p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: HEADER_529 });
  assert.is(getSpanContext(ctx)?.traceState?.get('k29'), 'vvvvvvvv29');
  const out: Record<string, string> = {};
  p.inject(ctx, out);
  assert.is(out.tracestate, HEADER_529);
});

test('TC-33 a child span keeps the received tracestate and sends it whole', () => {
  const tracer = createTracer();
  const span = tracer.startSpan('child', {}, p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: HEADER_529 }));
  const out: Record<string, string> = {};
  p.inject(setSpan(ROOT_CONTEXT, span), out);
  assert.is.not(out.traceparent, TP);
  assert.is(out.tracestate, HEADER_529);
});

test('TC-33 TC-24 TC-25 a valid tracestate over 512 that is not canonical goes on as its members joined', () => {
  const lines = [`  ${UPSTREAM.slice(0, 20).join(' ,\t')} ,,`, `${AGENT}, ${UPSTREAM.slice(20).join(', ')},k00=again`];
  const canonical = [...UPSTREAM.slice(0, 20), AGENT, ...UPSTREAM.slice(20)].join(',');
  assert.is(canonical.length, 529);
  assert.is(roundTrip(lines), canonical, 'OWS and empty members gone; the repeated k00 dropped (TC-28)');
});

test('TC-29 TC-30 a tracestate this service changed is cut to 512 chars by whole members', () => {
  const set = roundTrip(HEADER_529, (ts) => ts.set('mine', 'x'));
  assert.is(set, ['mine=x', AGENT, ...UPSTREAM.slice(0, 28)].join(','), 'two from the right go: 536 -> 506 chars');
  const unset = roundTrip(HEADER_529, (ts) => ts.unset('k00'));
  assert.is(unset, [AGENT, ...UPSTREAM.slice(1, 29)].join(','), '514 chars without k00: k29 goes');
  assert.is(
    roundTrip(HEADER_529, (ts) => ts.unset('absent')),
    HEADER_529,
    'unset of an absent key changes nothing',
  );
});

test('TC-33 a TraceState the caller made from a header is received: sent whole; serialize(n) cuts to n', () => {
  const ts = new TraceState(HEADER_529);
  assert.is(ts.serialize(), HEADER_529);
  assert.is(ts.serialize(TRACESTATE_MAX_LENGTH), CUT_499, 'asked for 512: cut to 499');
  assert.is(ts.serialize(), HEADER_529, 'asking for a cut does not change what it sends');
  assert.is(ts.toString(), HEADER_529);
  assert.is(parseTraceState(HEADER_529)?.serialize(), HEADER_529, 'parsed: received too');
  assert.is(injectState(ts), HEADER_529);
});

test("TC-30 a tracestate of some other implementation is this service's own: cut to 512 chars", () => {
  const foreign: TraceStateLike = {
    get: () => undefined,
    set: () => foreign,
    unset: () => foreign,
    serialize: () => HEADER_529,
  };
  assert.is(injectState(foreign), CUT_499);
});

test('TC-29 maxTraceStateLength caps what is read, not what a pass-through sends', () => {
  const capped = new W3CTraceContextPropagator({ maxTraceStateLength: 600 });
  const send = (header: string) => {
    const out: Record<string, string> = {};
    capped.inject(capped.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: header }), out);
    return out.tracestate;
  };
  assert.is(send(HEADER_529), HEADER_529);
  assert.is(send(`${HEADER_529},${'z'.repeat(70)}=1`), undefined, 'over 600 chars: not read, nothing sent');
});

test('TC-33 inject keeps a received tracestate unread: its text is sent as it came, no members kept', () => {
  const ctx = p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: HEADER_529 });
  const out: Record<string, string> = {};
  p.inject(ctx, out);
  assert.is(out.tracestate, HEADER_529);
  // Internal field, only to show the path taken: the members were never kept.
  const ts = (getSpan(ctx) as unknown as { _ts: { _s: unknown } })._ts;
  assert.is(ts._s, HEADER_529);
});

// Valid tracestate headers of any length up to the cap: 0-32 members, keys and values of 1-256
// chars, with OWS, empty members, repeated keys and several lines mixed in.
const lcalpha = 'abcdefghijklmnopqrstuvwxyz0123456789';
const keyChars = [...lcalpha, '_', '-', '*', '/', '@'];
const printable = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i));
const valueChars = printable.filter((c) => c !== ',' && c !== '=');
const nonBlank = valueChars.filter((c) => c !== ' ');
const short = (max: number) => fc.integer({ min: 0, max }).chain((n) => fc.constantFrom(n, Math.min(n, 8)));
const key = fc
  .tuple(fc.constantFrom(...lcalpha), short(255), fc.constantFrom(...keyChars))
  .map(([a, n, c]) => a + c.repeat(n));
const value = fc
  .tuple(fc.constantFrom(...valueChars), short(255), fc.constantFrom(...nonBlank))
  .map(([c, n, last]) => c.repeat(n) + last);
const member = fc.oneof(fc.tuple(key, value), fc.tuple(fc.constantFrom('a', 'b', 'k1'), fc.constantFrom('1', 'x y')));
const ows = fc.constantFrom('', '', ' ', '\t', ' \t ');
const separator = fc.constantFrom(',', ',', ', ', ',,', ', ,');
const header = fc
  .tuple(fc.array(fc.tuple(ows, member, ows), { maxLength: 32 }), separator, fc.boolean())
  .map(([ms, sep, twoLines]): string | string[] => {
    const text = ms.map(([a, [k, v], b]) => `${a}${k}=${v}${b}`).join(sep);
    const cut = text.indexOf(',', text.length >> 1);
    return twoLines && cut > 0 ? [text.slice(0, cut), text.slice(cut + 1)] : text;
  });

test('TC-33 for any valid tracestate, extract then inject sends its canonical form, whatever its length', () => {
  let over512 = 0;
  fc.assert(
    fc.property(header, fc.boolean(), (h, readFirst) => {
      const parsed = parseTraceState(h);
      assert.ok(parsed, 'a valid header');
      const whole = parsed.serialize(Infinity);
      if (whole.length > TRACESTATE_MAX_LENGTH) over512++;
      const ctx = p.extract(ROOT_CONTEXT, { traceparent: TP, tracestate: h });
      if (readFirst) getSpanContext(ctx)?.traceState?.get('a');
      const out: Record<string, string> = {};
      p.inject(ctx, out);
      assert.is(out.tracestate, whole || undefined);
    }),
    runs,
  );
  assert.ok(over512 > runs.numRuns / 10, `only ${over512} headers over 512 chars`);
});

/** TC-30 written out: members over 128 chars go, right-most first, then members from the right, till it fits. */
function cutTo(members: readonly string[], max: number): string {
  const kept = members.slice();
  for (let i = kept.length - 1; i >= 0 && kept.join(',').length > max; i--) {
    if (kept[i].length > 128) kept.splice(i, 1);
  }
  while (kept.join(',').length > max) kept.pop();
  return kept.join(',');
}

test('TC-29 TC-30 for any changed tracestate, what is sent is at most 512 chars, cut as TC-30 says', () => {
  const change = fc.oneof(
    fc.tuple(key, value).map(
      ([k, v]) =>
        (ts: TraceState) =>
          ts.set(k, v),
    ),
    // Unset of a key it has: an absent key changes nothing.
    fc.nat(40).map((i) => (ts: TraceState) => (ts.size ? ts.unset([...ts][i % ts.size][0]) : ts.set('a', '1'))),
  );
  fc.assert(
    fc.property(header, change, (h, f) => {
      const changed = f(parseTraceState(h)!);
      const sent = roundTrip(h, f) ?? '';
      assert.ok(sent.length <= TRACESTATE_MAX_LENGTH, `${sent.length} chars`);
      assert.is(
        sent,
        cutTo(
          [...changed].map(([k, v]) => `${k}=${v}`),
          TRACESTATE_MAX_LENGTH,
        ),
      );
      if (sent) assert.match(sent, TRACESTATE_RE);
    }),
    runs,
  );
});

test.run();
