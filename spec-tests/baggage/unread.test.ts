/**
 * Extract keeps a canonical baggage header unread (one small object per request) and inject
 * sends it back as it came. Nothing of that may show: whatever the header, the context reads
 * the members `parseBaggage` gives and inject writes what `formatBaggage` writes
 * (BG-16, BG-17, BG-19, BG-20).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  createBaggage,
  formatBaggage,
  getBaggage,
  parseBaggage,
  ROOT_CONTEXT,
  W3CBaggagePropagator,
  type BaggageLimits,
} from '../../src/index.js';
import { BAGGAGES, FUZZ_RUNS, wireString } from '../fuzz/arbitraries.js';

const runs = { numRuns: Math.max(100, Math.floor(FUZZ_RUNS / 4)) };
const LIMITS: Partial<BaggageLimits>[] = [
  {},
  { maxMembers: 64 },
  { maxMemberBytes: 20 },
  { maxMembers: 64, maxTotalBytes: 8192, maxMemberBytes: 4096 },
  { maxMembers: 500, maxTotalBytes: 20_000 },
];

function passThrough(
  header: string | string[],
  limits: Partial<BaggageLimits>,
): { sent: string | undefined; read: unknown } {
  const propagator = new W3CBaggagePropagator({ limits });
  const ctx = propagator.extract(ROOT_CONTEXT, { baggage: header });
  const out: Record<string, string> = {};
  propagator.inject(ctx, out);
  return { sent: out.baggage, read: getBaggage(ctx)?.getAllEntries() };
}

function expected(
  header: string | string[],
  limits: Partial<BaggageLimits>,
): { sent: string | undefined; read: unknown } {
  const parsed = parseBaggage(header, limits);
  const sent = formatBaggage(parsed, limits);
  return { sent: sent === '' ? undefined : sent, read: parsed.size ? parsed.getAllEntries() : undefined };
}

/** Headers as this library writes them: canonical, so they are kept unread. */
const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~\w]{1,12}$/);
const member = fc.tuple(
  token,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.tuple(token, fc.option(fc.string({ maxLength: 6 }), { nil: undefined })), { maxLength: 2 }),
);
const canonical = fc
  .array(member, { minLength: 1, maxLength: 70 })
  .map((members) =>
    members
      .map(([key, value, props]) =>
        formatBaggage(
          createBaggage([
            [key, { value, properties: props.map(([k, v]) => (v === undefined ? { key: k } : { key: k, value: v })) }],
          ]),
        ),
      )
      .join(','),
  );

/** Whether extract kept the header unread (internal fields: only to show the path is taken). */
function keptUnread(header: string, limits: Partial<BaggageLimits>): boolean {
  const baggage = getBaggage(new W3CBaggagePropagator({ limits }).extract(ROOT_CONTEXT, { baggage: header }));
  return baggage !== undefined && (baggage as unknown as { _k?: unknown })._k == null;
}

test('BG-19 canonical headers: the context reads as parseBaggage, inject sends as formatBaggage, any limits', () => {
  let unread = 0;
  fc.assert(
    fc.property(canonical, fc.constantFrom(...LIMITS), (header, limits) => {
      // Every canonical header within the default limits takes the unread path.
      if (
        Object.keys(limits).length === 0 &&
        header.length <= 8192 &&
        header.split(',').length <= 180 &&
        header.split(',').every((m) => m.length <= 8192)
      ) {
        assert.ok(keptUnread(header, limits), header);
        unread++;
      }
      assert.equal(passThrough(header, limits), expected(header, limits));
    }),
    runs,
  );
  assert.ok(unread > runs.numRuns / 10, `${unread} kept unread`);
});

test('BG-20 any header, one or several lines: the same as parse then format', () => {
  const lines = fc.oneof(wireString(BAGGAGES), fc.array(wireString(BAGGAGES), { maxLength: 3 }));
  fc.assert(
    fc.property(lines, fc.constantFrom(...LIMITS), (header, limits) => {
      assert.equal(passThrough(header, limits), expected(header, limits));
    }),
    runs,
  );
});

test('BG-19 a canonical header is forwarded as it came, duplicates, empty values and properties included', () => {
  for (const h of [
    'hello=world',
    'userId=alice,serverNode=DF%2028,isProduction=false',
    'k=v;p;q=1,k=w,e=',
    'caf%C3%A9=%F0%9F%98%80%E2%9C%93;p=%25',
  ]) {
    assert.ok(keptUnread(h, {}), h);
    assert.is(passThrough(h, {}).sent, h);
  }
});

test('BG-8 BG-10 a header that is valid but not canonical is rewritten, as formatBaggage writes it', () => {
  const cases: [string, string][] = [
    ['a = 1', 'a=1'], // OWS
    ['a=%c3%a9', 'a=%C3%A9'], // lower-case hex
    ['a=%41', 'a=A'], // an escape encodeURIComponent does not write
    ['a=%E2%82', 'a=%EF%BF%BD'], // truncated UTF-8
    ['a=%ED%A0%80', 'a=%EF%BF%BD%EF%BF%BD%EF%BF%BD'], // an encoded surrogate
    ['a=%E2%82%AC%', 'a=%E2%82%AC%25'], // a '%' without two hex digits
    ['a=b=c', 'a=b%3Dc'], // '=' in a value
    ['a=1,bad key=2', 'a=1'], // a malformed member
  ];
  for (const [h, sent] of cases) {
    assert.is(passThrough(h, {}).sent, sent, h);
    // Kept unread all the same, and still unread after inject: a forwarded baggage keeps no members.
    const propagator = new W3CBaggagePropagator();
    const ctx = propagator.extract(ROOT_CONTEXT, { baggage: h });
    propagator.inject(ctx, {});
    assert.ok(keptUnread(h, {}), h);
    assert.ok((getBaggage(ctx) as unknown as { _k?: unknown })._k == null, h);
  }
});

test('BG-8 BG-10 escapes: a header is sent as it came exactly when formatting its members writes it again', () => {
  // Random bytes as upper-case escapes: valid UTF-8 or not, surrogates, overlong forms, ASCII.
  const escapes = fc
    .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x80, max: 0xbf })), { maxLength: 8 })
    .map((bytes) => bytes.map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''));
  const text = fc.tuple(fc.stringMatching(/^[\w.~-]{0,3}$/), escapes).map(([a, b]) => a + b);
  fc.assert(
    fc.property(text, text, (value, property) => {
      const header = `k=${value};p=${property},q=${property}`;
      assert.equal(passThrough(header, {}), expected(header, {}));
      const baggage = getBaggage(new W3CBaggagePropagator().extract(ROOT_CONTEXT, { baggage: header }));
      const asCame = (baggage as unknown as { _k?: unknown })._k === undefined;
      assert.is(asCame, formatBaggage(parseBaggage(header)) === header, header);
    }),
    runs,
  );
});

test('BG-16 BG-17 a canonical header over the limits is cut at a whole member, as before', () => {
  const many = Array.from({ length: 200 }, (_, i) => `k${i}=v`).join(',');
  assert.is(passThrough(many, {}).sent, many.split(',').slice(0, 180).join(','));
  assert.is(passThrough(many, { maxMembers: 500 }).sent, many);
  const long = `a=1,b=${'x'.repeat(5000)},c=3`;
  assert.is(passThrough(long, {}).sent, long);
  assert.is(passThrough(long, { maxMemberBytes: 4096 }).sent, 'a=1,c=3');
});

test('a canonical header read through the context is the parsed baggage, and setEntry works on it', () => {
  const ctx = new W3CBaggagePropagator().extract(ROOT_CONTEXT, { baggage: 'a=1,b=%E2%9C%93;p' });
  const baggage = getBaggage(ctx)!;
  assert.is(baggage.getEntry('b')?.value, '✓');
  assert.equal(baggage.getEntry('b')?.properties, [{ key: 'p' }]);
  assert.is(baggage.setEntry('c', '3').toString(), 'a=1,b=%E2%9C%93;p,c=3');
  assert.is(baggage.size, 2);
});

test.run();
