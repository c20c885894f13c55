/**
 * `parseBaggage` and `formatBaggage`: the grammar (BG-2 .. BG-7, BG-12, BG-15), duplicates and
 * order (BG-19), malformed members (BG-20), by example and by property.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createBaggage, formatBaggage, parseBaggage, type Baggage, type BaggageMember } from '../../src/index.js';
import { BAGGAGE_KEY_RE, BAGGAGE_RE } from '../helpers/abnf.js';

const numRuns =
  Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FUZZ_RUNS) || 3000;

function members(b: Baggage): BaggageMember[] {
  return b.members();
}

test('BG-4 BG-5 a member is split at its first =; values may be empty and contain =', () => {
  assert.equal(members(parseBaggage('k=a=b==,e=')), [
    { key: 'k', value: 'a=b==' },
    { key: 'e', value: '' },
  ]);
});

test('BG-6 OWS around keys, =, values, ; and , is ignored', () => {
  const b = parseBaggage(' \tk1 \t= \tv1 \t; \tp1 \t= \tpv \t; \tp2 \t, \tk2=v2\t');
  assert.equal(members(b), [
    { key: 'k1', value: 'v1', properties: [{ key: 'p1', value: 'pv' }, { key: 'p2' }] },
    { key: 'k2', value: 'v2' },
  ]);
});

test('BG-7 properties ;k and ;k=v are kept in order, repeats allowed', () => {
  const b = parseBaggage('tier=gold;ttl=30;beta;ttl=60;x=');
  assert.equal(b.getEntry('tier'), {
    value: 'gold',
    properties: [{ key: 'ttl', value: '30' }, { key: 'beta' }, { key: 'ttl', value: '60' }, { key: 'x', value: '' }],
  });
  assert.is(formatBaggage(b), 'tier=gold;ttl=30;beta;ttl=60;x=');
});

test('BG-3 keys are case-sensitive tokens; every tchar is allowed', () => {
  const key = "!#$%&'*+-.^_`|~09AZaz";
  assert.equal(
    members(parseBaggage(`${key}=1,K=2,k=3`)).map((m) => m.key),
    [key, 'K', 'k'],
  );
});

test('BG-12 keys are never percent-decoded; BG-10 values are', () => {
  const b = parseBaggage('user%20id=alice%20smith');
  assert.equal(members(b), [{ key: 'user%20id', value: 'alice smith' }]);
  assert.is(formatBaggage(b), 'user%20id=alice%20smith');
});

test('BG-15 property values are percent-decoded on parse and encoded on format', () => {
  const b = parseBaggage('k=v;note=caf%C3%A9%20au%20lait;bad=%E2%82');
  assert.equal(b.getEntry('k')?.properties, [
    { key: 'note', value: 'café au lait' },
    { key: 'bad', value: '\ufffd' },
  ]);
  assert.is(
    formatBaggage(createBaggage({ k: { value: 'v', properties: [{ key: 'p', value: 'a b;c' }] } })),
    'k=v;p=a%20b%3Bc',
  );
});

test('BG-13 + stays a plus in values', () => {
  assert.is(parseBaggage('q=a+b').getEntry('q')?.value, 'a+b');
});

test('BG-2 several header values are one list, in order', () => {
  const b = parseBaggage(['a=1,b=2', ' c=3 ', 'a=4']);
  assert.equal(
    b.getAllEntries().map(([k, e]) => `${k}=${e.value}`),
    ['a=1', 'b=2', 'c=3', 'a=4'],
  );
});

test('BG-19 duplicates and their order survive parse -> format', () => {
  const header = 'a=1,b=2,a=3,a=4;p';
  assert.is(formatBaggage(parseBaggage(header)), header);
});

test('BG-20 a malformed member is dropped and the valid members around it are kept', () => {
  const malformed = [
    'bad key=1',
    'novalue',
    '=v',
    'k=a b',
    'k="quoted"',
    'k=back\\slash',
    'k=é',
    'k=v;;p',
    'k=v;',
    'k=v;=x',
    'k=v;p q',
    'k=v;p=a b',
    'k=v p;x',
    'ké=v',
    '',
    ' \t ',
  ];
  for (const bad of malformed) {
    const b = parseBaggage(`a=1,${bad},z=2`);
    assert.equal(
      b.getAllEntries().map(([k]) => k),
      ['a', 'z'],
      JSON.stringify(bad),
    );
  }
});

test('BG-20 input that is not a string reads as empty baggage', () => {
  for (const value of [undefined, null, 42, {}, [1, 2], Symbol('x')]) assert.is(parseBaggage(value as never).size, 0);
  assert.equal(
    parseBaggage(['a=1', 7 as never, 'b=2'])
      .getAllEntries()
      .map(([k]) => k),
    ['a', 'b'],
  );
});

test('BG-4 formatBaggage writes values canonically and an empty baggage as ""', () => {
  assert.is(formatBaggage(createBaggage()), '');
  assert.is(formatBaggage(parseBaggage('k = v%c3%a9 ; p = %41 ')), 'k=v%C3%A9;p=A');
  assert.is(formatBaggage(parseBaggage('k=100%')), 'k=100%25');
});

// Properties ------------------------------------------------------------------------------

const key = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
const value = fc.string({ unit: 'grapheme', maxLength: 20 });
// fast-check records have a null prototype; plain objects compare equal to what the library builds.
const property = fc.oneof(fc.record({ key }), fc.record({ key, value })).map((p) => ({ ...p }));
const member = fc.record({ key, value, properties: fc.array(property, { maxLength: 3 }) });

function build(list: { key: string; value: string; properties: { key: string; value?: string }[] }[]): Baggage {
  // Duplicates in `list` are appended, not replaced, to test duplicate round trips.
  const header = list.map((m) => formatBaggage(createBaggage([[m.key, m]]))).join(',');
  return parseBaggage(header);
}

test('BG-19 property: parseBaggage(formatBaggage(b)) equals b, duplicates and properties included', () => {
  fc.assert(
    fc.property(fc.array(member, { maxLength: 12 }), (list) => {
      const b = build(list);
      assert.is(b.size, list.length);
      const expected = list.map((m) =>
        m.properties.length ? { key: m.key, value: m.value, properties: m.properties } : { key: m.key, value: m.value },
      );
      assert.equal(members(b), expected);
      assert.equal(members(parseBaggage(formatBaggage(b))), expected);
    }),
    { numRuns },
  );
});

test('BG-6 property: adding OWS around every separator changes nothing', () => {
  const ows = fc.stringMatching(/^[ \t]{0,3}$/);
  fc.assert(
    fc.property(fc.array(member, { minLength: 1, maxLength: 6 }), ows, (list, pad) => {
      const header = formatBaggage(build(list));
      const padded =
        pad +
        header.replace(/[=;,]/g, (sep, at: number) => {
          // Only separators, never an `=` inside a value: the first = of a member or property.
          return sep === '=' && !isSeparatorEquals(header, at) ? sep : `${pad}${sep}${pad}`;
        }) +
        pad;
      assert.equal(members(parseBaggage(padded)), members(parseBaggage(header)));
    }),
    { numRuns },
  );
});

function isSeparatorEquals(header: string, at: number): boolean {
  const before = header.slice(0, at);
  const lastSep = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'));
  return !before.slice(lastSep + 1).includes('=');
}

test('BG-4 property: every formatted header matches the ABNF (independent reference regex)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          key,
          value: fc.string({ unit: 'binary', maxLength: 30 }),
          properties: fc.array(property, { maxLength: 2 }),
        }),
        { maxLength: 10 },
      ),
      (list) => {
        const header = formatBaggage(createBaggage(list.map((m) => [m.key, m] as const)));
        if (header !== '') assert.ok(BAGGAGE_RE.test(header), header);
      },
    ),
    { numRuns },
  );
});

test('BG-20 property: what parse keeps from any string is a valid token-keyed baggage', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'ab=;, \t%2E"\\é'.split('')), maxLength: 40 }), (s) => {
      const b = parseBaggage(s);
      for (const [k] of b) assert.ok(BAGGAGE_KEY_RE.test(k));
      const header = formatBaggage(b);
      if (header !== '') assert.ok(BAGGAGE_RE.test(header), header);
      // Canonical form: formatting is stable after one round.
      assert.is(formatBaggage(parseBaggage(header)), header);
    }),
    { numRuns },
  );
});

test.run();
