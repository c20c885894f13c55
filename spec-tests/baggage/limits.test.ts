/**
 * Limits (BG-16, BG-17, BG-18): everything within 64 members / 8192 bytes passes; beyond the
 * configured limits whole members are dropped, never part of one; all headers count together.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  createBaggage,
  DEFAULT_BAGGAGE_LIMITS,
  formatBaggage,
  inspectBaggage,
  parseBaggage,
  ROOT_CONTEXT,
  setBaggage,
  W3CBaggagePropagator,
} from '../../src/index.js';
import { BAGGAGE_MEMBER_RE, BAGGAGE_RE } from '../helpers/abnf.js';

const numRuns =
  Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FUZZ_RUNS) || 1000;

/** `count` members of exactly `size` bytes each. */
function header(count: number, size: number, prefix = 'k'): string {
  return Array.from({ length: count }, (_, i) => {
    const key = `${prefix}${i}`;
    return `${key}=${'v'.repeat(size - key.length - 1)}`;
  }).join(',');
}

test('defaults are at least the spec minimum and match common SDK practice', () => {
  assert.equal({ ...DEFAULT_BAGGAGE_LIMITS }, { maxMembers: 180, maxMemberBytes: 8192, maxTotalBytes: 8192 });
  assert.ok(Object.isFrozen(DEFAULT_BAGGAGE_LIMITS));
});

test('BG-16 64 members in exactly 8192 bytes all propagate', () => {
  const h = header(63, 127) + ',' + 'z='.padEnd(128, 'z');
  assert.is(h.length, 8192);
  const b = parseBaggage(h);
  assert.is(b.size, 64);
  assert.is(formatBaggage(b), h);
});

test('BG-16 BG-17 one byte over the total drops the last whole member, never part of it', () => {
  const h = header(63, 127) + ',' + 'z='.padEnd(129, 'z');
  assert.is(h.length, 8193);
  const b = parseBaggage(h);
  assert.is(b.size, 63);
  assert.is(b.getEntry('z'), undefined);
  assert.is(formatBaggage(b), header(63, 127));
});

test('BG-16 180 members pass; the 181st and later are dropped', () => {
  const b = parseBaggage(header(200, 8));
  assert.is(b.size, 180);
  assert.is(b.getAllEntries()[179][0], 'k179');
});

test('BG-16 a member of 4,097 to 8,192 bytes is kept: every member of a header within 8,192 bytes is', () => {
  const big = 'big=' + 'x'.repeat(4093);
  assert.is(big.length, 4097);
  assert.equal(
    parseBaggage(`a=1,${big},c=3`)
      .getAllEntries()
      .map(([k]) => k),
    ['a', 'big', 'c'],
  );
  assert.is(parseBaggage('ok=' + 'x'.repeat(8189)).size, 1, 'exactly 8,192 bytes is kept');
});

test('BG-17 a member over the member limit is dropped whole and the others kept', () => {
  const big = 'big=' + 'x'.repeat(4093);
  const b = parseBaggage(`a=1,${big},c=3`, { maxMemberBytes: 4096 });
  assert.equal(
    b.getAllEntries().map(([k]) => k),
    ['a', 'c'],
  );
  assert.is(parseBaggage('ok=' + 'x'.repeat(4093), { maxMemberBytes: 4096 }).size, 1, 'exactly 4,096 bytes is kept');
});

test('BG-18 limits apply to all baggage headers combined', () => {
  const b = parseBaggage([header(100, 8, 'a'), header(100, 8, 'b')]);
  assert.is(b.size, 180);
  const bytes = parseBaggage([header(40, 100, 'a'), header(40, 100, 'b'), header(40, 100, 'c')]);
  assert.is(formatBaggage(bytes).length <= 8192, true);
  assert.is(bytes.size, 81, '81 members of 100 bytes plus commas fit in 8192 bytes');
});

test('BG-16 limits configurable for parse, format and the propagator, which never goes below the spec minimum', () => {
  const limits = { maxMembers: 2, maxMemberBytes: 10, maxTotalBytes: 100 };
  assert.is(formatBaggage(parseBaggage('a=1,b=2,c=3', limits)), 'a=1,b=2');
  assert.is(formatBaggage(parseBaggage('a=1,long=xxxxxxxxx,c=3', limits)), 'a=1,c=3');
  assert.is(formatBaggage(createBaggage({ a: '1', b: '2', c: '3' }), { maxMembers: 1 }), 'a=1');
  const propagator = new W3CBaggagePropagator({ limits: { maxTotalBytes: 9100 } });
  const carrier: Record<string, string> = {};
  const wide = parseBaggage(header(70, 128), { maxTotalBytes: 9100 });
  assert.is(wide.size, 70);
  propagator.inject(setBaggage(ROOT_CONTEXT, wide), carrier);
  assert.is(carrier.baggage.length, 70 * 129 - 1);
  assert.throws(
    () => new W3CBaggagePropagator({ limits: { maxMembers: 63 } }),
    /maxMembers must be an integer of at least 64 \(BG-16\)/,
  );
  assert.throws(() => new W3CBaggagePropagator({ limits: { maxTotalBytes: 8191 } }), /at least 8192/);
  assert.throws(() => new W3CBaggagePropagator({ limits: { maxMemberBytes: 1.5 } }), RangeError);
  assert.throws(() => new W3CBaggagePropagator({ limits: { maxMembers: NaN } }), RangeError);
  new W3CBaggagePropagator({ limits: { maxMembers: 64, maxTotalBytes: Infinity } });
});

test('BG-17 a member is measured without the OWS around it, also after an empty property value', () => {
  // 'k=v;p=' is 6 bytes; the spaces around it and after the '=' are OWS.
  assert.is(parseBaggage(' k=v;p= \t,a=1', { maxMemberBytes: 6 }).size, 2);
  assert.is(parseBaggage(' k=v;p= \t,a=1', { maxMemberBytes: 5 }).size, 1);
  assert.equal(inspectBaggage(' k=v;p= \t,a=1', { maxMemberBytes: 6 }).valid, true);
  // The total counts the same bytes: 6 + ',' + 3.
  assert.is(parseBaggage(' k=v;p= ,  a=1  ', { maxTotalBytes: 10 }).size, 2);
  assert.is(parseBaggage(' k=v;p= ,  a=1  ', { maxTotalBytes: 9 }).size, 1);
});

test('BG-17 formatBaggage drops members whose encoding is over the member limit', () => {
  const b = createBaggage({ a: '1', wide: '✓'.repeat(1400), c: '3' });
  assert.is(formatBaggage(b, { maxMemberBytes: 4096 }), 'a=1,c=3', '1400 × 9 bytes of escapes is over 4096');
});

test('BG-16 BG-17 property: any baggage formats to a valid header within the limits, whole members only', () => {
  const key = fc.stringMatching(/^[a-zA-Z0-9_-]{1,8}$/);
  const value = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.integer({ min: 0, max: 5000 }).map((n) => 'x'.repeat(n)),
  );
  const limits = fc.record({
    maxMembers: fc.integer({ min: 1, max: 200 }),
    maxMemberBytes: fc.integer({ min: 1, max: 5000 }),
    maxTotalBytes: fc.integer({ min: 1, max: 10000 }),
  });
  fc.assert(
    fc.property(fc.array(fc.tuple(key, value), { maxLength: 250 }), limits, (pairs, lim) => {
      let b = createBaggage();
      for (const [k, v] of pairs) b = b.setEntry(k, v);
      const h = formatBaggage(b, lim);
      if (h === '') return;
      assert.ok(BAGGAGE_RE.test(h));
      assert.ok(h.length <= lim.maxTotalBytes);
      const parts = h.split(',');
      assert.ok(parts.length <= lim.maxMembers);
      for (const part of parts) {
        assert.ok(part.length <= lim.maxMemberBytes);
        assert.ok(BAGGAGE_MEMBER_RE.test(part));
      }
      // Whole members: every member written is one of the baggage's members, unchanged.
      const all = new Set(
        b
          .getAllEntries()
          .map(([k, e]) =>
            formatBaggage(createBaggage([[k, e]]), { maxMemberBytes: Infinity, maxTotalBytes: Infinity }),
          ),
      );
      for (const part of parts) assert.ok(all.has(part));
      // And parsing it back with the same limits keeps everything.
      assert.is(formatBaggage(parseBaggage(h, lim), lim), h);
    }),
    { numRuns },
  );
});

test.run();
