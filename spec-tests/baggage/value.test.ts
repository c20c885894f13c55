/**
 * The `Baggage` value: immutable, ordered, duplicates kept (BG-19, BG-22), keys checked when
 * set so no invalid header can be written (BG-3).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Baggage, createBaggage, EMPTY_BAGGAGE, formatBaggage, parseBaggage } from '../../src/index.js';

const dup = parseBaggage('a=1,b=2,a=3;p,c=4,a=5');

test('BG-19 getEntry returns the first member with the key; getAllEntries keeps every one in order', () => {
  assert.equal(dup.getEntry('a'), { value: '1' });
  assert.is(dup.getEntry('missing'), undefined);
  assert.equal(
    dup.getAllEntries().map(([k, e]) => `${k}=${e.value}`),
    ['a=1', 'b=2', 'a=3', 'c=4', 'a=5'],
  );
  assert.equal(
    [...dup].map(([k]) => k),
    ['a', 'b', 'a', 'c', 'a'],
  );
  assert.is(dup.size, 5);
});

test('BG-22 setEntry replaces the first duplicate in place and removes the later ones', () => {
  const b = dup.setEntry('a', 'x');
  assert.is(formatBaggage(b), 'a=x,b=2,c=4');
  assert.is(formatBaggage(dup), 'a=1,b=2,a=3;p,c=4,a=5', 'the original is unchanged');
});

test('BG-19 setEntry on a new key appends it; on an existing key keeps its position', () => {
  const b = createBaggage({ a: '1', b: '2' });
  assert.is(formatBaggage(b.setEntry('c', '3')), 'a=1,b=2,c=3');
  assert.is(
    formatBaggage(b.setEntry('a', { value: '9', properties: [{ key: 'p', value: 'q' }, { key: 'flag' }] })),
    'a=9;p=q;flag,b=2',
  );
});

test('removeEntry removes every member with the key; removeEntries several keys; clear all', () => {
  assert.is(formatBaggage(dup.removeEntry('a')), 'b=2,c=4');
  assert.is(formatBaggage(dup.removeEntries('a', 'c')), 'b=2');
  assert.is(dup.removeEntry('missing'), dup, 'nothing removed gives the same value');
  assert.is(dup.clear().size, 0);
  assert.is(dup.clear(), EMPTY_BAGGAGE);
});

test('BG-3 setEntry throws a clear TypeError for a key or property key that is not a token', () => {
  for (const key of [
    '',
    'a b',
    'k=v',
    'ké',
    'a,b',
    'a;b',
    '"q"',
    '(x)',
    'a/b',
    'a\u0000',
    7 as never,
    undefined as never,
  ]) {
    assert.throws(
      () => createBaggage().setEntry(key, 'v'),
      (e: unknown) => e instanceof TypeError && /not a token \(BG-3\)/.test((e as Error).message),
      String(key),
    );
  }
  const entryError =
    /baggage entry "k" must be a string or \{ value: string, properties\?: \{ key: token, value\?: string \}\[\] \}/;
  assert.throws(() => createBaggage().setEntry('k', { value: 'v', properties: [{ key: 'bad key' }] }), entryError);
  assert.throws(() => createBaggage().setEntry('k', { value: 42 as never }), entryError);
  assert.throws(
    () => createBaggage().setEntry('k', { value: 'v', properties: [{ key: 'p', value: 1 as never }] }),
    entryError,
  );
  assert.throws(() => createBaggage().setEntry('k', { value: 'v', properties: [null as never] }), entryError);
  assert.throws(() => createBaggage().setEntry('k', null as never), entryError);
});

test('values may be any string: they are encoded on the way out, not rejected', () => {
  const b = createBaggage({ k: 'a b,c;d"e\\f\u0000é\ud800' });
  assert.is(formatBaggage(b), 'k=a%20b%2Cc%3Bd%22e%5Cf%00%C3%A9%EF%BF%BD');
});

test('createBaggage takes a record or pairs in order; caller objects are copied', () => {
  const properties = [{ key: 'p', value: '1' }];
  const entry = { value: 'v', properties };
  const b = createBaggage([
    ['x', entry],
    ['y', '2'],
  ]);
  properties.push({ key: 'late', value: '2' });
  (entry as { value: string }).value = 'changed';
  assert.is(formatBaggage(b), 'x=v;p=1,y=2');
  assert.is(formatBaggage(createBaggage({ hello: 'world' })), 'hello=world');
  assert.is(createBaggage(), EMPTY_BAGGAGE);
});

test('Baggage is immutable: methods return new values and never change the receiver', () => {
  const before = formatBaggage(dup);
  dup.setEntry('z', '1');
  dup.removeEntries('a', 'b');
  dup.getAllEntries().pop();
  assert.is(formatBaggage(dup), before);
  assert.ok(dup instanceof Baggage);
  assert.is(String(createBaggage({ a: 'b c' })), 'a=b%20c', 'toString is the header value');
});

test('BG-23 prototype keys are plain keys', () => {
  const b = parseBaggage('__proto__=1,constructor=2,toString=3');
  assert.equal(
    b.getAllEntries().map(([k, e]) => [k, e.value]),
    [
      ['__proto__', '1'],
      ['constructor', '2'],
      ['toString', '3'],
    ],
  );
  assert.is(b.getEntry('hasOwnProperty'), undefined);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test.run();
