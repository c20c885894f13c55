/**
 * `inspectBaggage`: every problem with its code, offset and BG rule; values decoded.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { formatBaggage, inspectBaggage, parseBaggage, type BaggageLimits, type Problem } from '../../src/index.js';

const numRuns =
  Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FUZZ_RUNS) || 3000;

function errors(value: string | string[], limits?: Partial<BaggageLimits>): [string, number, string][] {
  const r = inspectBaggage(value, limits);
  return r.valid ? [] : r.errors.map((e: Problem) => [e.code, e.offset, e.rule]);
}

function warnings(value: string): [string, number, string][] {
  return (inspectBaggage(value).warnings ?? []).map((e) => [e.code, e.offset, e.rule]);
}

test('a valid header gives its members with values and property values decoded', () => {
  const r = inspectBaggage('user=alice%20smith;role=ad%2Dmin;beta, tier=gold');
  assert.ok(r.valid);
  if (r.valid) {
    assert.equal(r.value, [
      { key: 'user', value: 'alice smith', properties: [{ key: 'role', value: 'ad-min' }, { key: 'beta' }] },
      { key: 'tier', value: 'gold' },
    ]);
  }
  assert.equal(inspectBaggage('').valid, true);
});

test('each malformed member is reported where it goes wrong, with its rule', () => {
  assert.equal(errors('a=1,bad key=2'), [['invalid-key-char', 7, 'BG-3']]);
  assert.equal(errors('novalue'), [['missing-equals', 7, 'BG-5']]);
  assert.equal(errors('=v'), [['missing-key', 0, 'BG-3']]);
  assert.equal(errors('k(=v'), [['invalid-key-char', 1, 'BG-3']]);
  assert.equal(errors('k=a b'), [['invalid-value-char', 3, 'BG-4']]);
  assert.equal(errors('k="q"'), [['invalid-value-char', 2, 'BG-4']]);
  assert.equal(errors('k=café'), [['unencoded-char', 5, 'BG-8']]);
  assert.equal(errors('k=v;;p'), [['missing-property-key', 4, 'BG-7']]);
  assert.equal(errors('k=v;p=a b'), [['invalid-property-char', 7, 'BG-7']]);
  assert.equal(errors('a=1,,b=2'), [['empty-member', 4, 'BG-3']]);
});

test('BG-16 BG-17 limits are reported: a member too long, too many members, too many bytes', () => {
  assert.equal(errors('a=1,big=' + 'x'.repeat(5000), { maxMemberBytes: 4096 }), [['member-too-long', 4, 'BG-17']]);
  assert.equal(errors('a=1,big=' + 'x'.repeat(5000)), [], 'a 5,004-byte member within 8,192 bytes is kept (BG-16)');
  const many = Array.from({ length: 181 }, (_, i) => `k${i}=1`).join(',');
  assert.equal(
    errors(many).map(([code, , rule]) => [code, rule]),
    [['too-many-members', 'BG-16']],
  );
  const long = Array.from({ length: 3 }, (_, i) => `k${i}=${'x'.repeat(4000)}`).join(',');
  assert.equal(errors(long), [['too-long', 8008, 'BG-16']]);
});

test('BG-10 property: invalid-utf8 is warned exactly when the WHATWG decoder (fatal) rejects the escaped bytes', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x80, max: 0xbf })), {
    minLength: 1,
    maxLength: 8,
  });
  fc.assert(
    fc.property(bytes, fc.boolean(), (run, lower) => {
      const hex = run.map((b) => '%' + b.toString(16).padStart(2, '0')).join('');
      const header = `k=a${lower ? hex : hex.toUpperCase()}z`;
      let valid = true;
      try {
        strict.decode(new Uint8Array(run));
      } catch {
        valid = false;
      }
      const warned = warnings(header).filter(([code]) => code === 'invalid-utf8');
      assert.equal(warned, valid ? [] : [['invalid-utf8', 3, 'BG-10']], header);
    }),
    { numRuns: Math.min(numRuns, 2000) },
  );
});

test('BG-2 several values are inspected as one list; offsets count in the joined string', () => {
  assert.equal(errors(['a=1', 'b c=2']), [['invalid-key-char', 5, 'BG-3']]);
  assert.equal(inspectBaggage(['a=1', 'b=2']).valid, true);
  assert.equal(errors(42 as never), [['not-a-string', 0, 'BG-23']]);
});

test('warnings: duplicate keys (BG-22), a literal % (BG-14), invalid UTF-8 (BG-10)', () => {
  assert.equal(warnings('a=1,a=2'), [['duplicate-key', 4, 'BG-22']]);
  assert.equal(warnings('k=100%'), [['literal-percent', 5, 'BG-14']]);
  assert.equal(warnings('k=%E2%82,j=%E2%9C%93'), [['invalid-utf8', 2, 'BG-10']]);
  assert.equal(warnings('k=%ef%bf%bd'), [], 'an encoded U+FFFD is valid UTF-8');
  const r = inspectBaggage('k=%C0%AF');
  assert.ok(r.valid && r.value[0].value === '\ufffd\ufffd');
});

test('BG-20 the problem list is capped so a hostile header cannot make it huge: 32, then one too-many-problems', () => {
  const r = inspectBaggage('x y,'.repeat(10_000));
  assert.ok(!r.valid);
  if (!r.valid) {
    assert.is(r.errors.length, 33);
    const last = r.errors[32];
    assert.equal(
      [last.code, last.offset, last.rule],
      ['too-many-problems', 32 * 4 + 1, 'BG-20'],
      'at the first problem left out',
    );
    assert.match(last.message, /^9969 more problems/, '10,001 members (the last one empty), one problem each');
  }
  const percents = Array.from({ length: 40 }, (_, i) => `k${i}=%`).join(',');
  const warned = inspectBaggage(percents).warnings ?? [];
  assert.equal(
    warned.map((w) => w.code).slice(31),
    ['literal-percent', 'too-many-problems'],
    'warnings are capped alike',
  );
  assert.equal([warned[32].offset, warned[32].rule], [percents.indexOf('k32=%') + 4, 'BG-20']);
});

test('property: inspect is valid exactly when parse keeps every member, and then they agree', () => {
  const alphabet = fc.constantFrom(...'ab=;, \t%2E"\\é'.split(''));
  fc.assert(
    fc.property(fc.string({ unit: alphabet, maxLength: 40 }), (s) => {
      const r = inspectBaggage(s);
      const parsed = parseBaggage(s);
      const memberCount = s.trim() === '' ? 0 : s.split(',').length;
      if (r.valid) {
        assert.equal(r.value, parsed.members());
        assert.is(parsed.size, memberCount);
      } else {
        assert.ok(parsed.size < memberCount, 'parse dropped what inspect rejected');
        for (const e of r.errors) assert.match(e.rule, /^BG-\d+$/);
      }
      assert.is(formatBaggage(parsed) === '' || r.valid || parsed.size > 0, true);
    }),
    { numRuns },
  );
});

test.run();
