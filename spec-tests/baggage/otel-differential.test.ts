/**
 * Differential test against @opentelemetry/core's W3CBaggagePropagator (3.x, with
 * @opentelemetry/api's ROOT_CONTEXT and propagation API). On headers where OpenTelemetry
 * follows the spec — unique token keys, non-empty values with valid UTF-8 escapes, no
 * properties — both read the same entries, and each reads back what the other writes.
 * They disagree on these classes of input, each observed by running it and asserted below:
 *
 * extract
 * 1. BG-12: OpenTelemetry percent-decodes keys (`user%20id` becomes `user id`); keys are tokens
 *    and are never decoded.
 * 2. BG-4: a member with an empty value (`k=`) is dropped; the grammar allows empty values.
 * 3. BG-19: duplicate keys collapse to one entry (the last one wins), and entries are kept in
 *    a plain object, so integer-like keys (`0`, `42`) move ahead of the others; duplicates
 *    and order must survive. The agreement tests below therefore compare entries sorted.
 * 4. BG-3, BG-4, BG-20: members are not checked against the grammar: `bad key=1` gives the key
 *    `bad key`, `k=a b` gives the value `a b`, `k="q"` keeps the quotes.
 * 5. BG-10, BG-11, BG-14: a value with an invalid escape (`%E2%82`, `100%`, `%zz`) is dropped
 *    because `decodeURIComponent` throws; invalid UTF-8 must become U+FFFD, a lone `%` is kept.
 * 6. BG-23: the key `__proto__` is lost: entries are collected in a plain object, where that
 *    key sets the object's prototype instead of adding an entry.
 * 7. BG-7, BG-15: properties are kept as one opaque metadata string, neither parsed into
 *    `;k` / `;k=v` nor percent-decoded.
 * inject
 * 8. BG-21: a value with a lone surrogate makes inject throw (`encodeURIComponent` URIError).
 * 9. BG-12: keys are percent-encoded (`a#b` is sent as `a%23b`), so the receiver sees another key.
 * 10. BG-15: property (metadata) values are written as given, not percent-encoded.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { W3CBaggagePropagator as OtelPropagator } from '@opentelemetry/core';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT as OTEL_ROOT,
  baggageEntryMetadataFromString,
} from '@opentelemetry/api';
import { createBaggage, getBaggage, ROOT_CONTEXT, setBaggage, W3CBaggagePropagator } from '../../src/index.js';
import { ows, uniqueBaggageEntries } from '../helpers/otel-departures.js';

const numRuns =
  Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FUZZ_RUNS) || 1000;
const ours = new W3CBaggagePropagator();
const otel = new OtelPropagator();

type Entries = [string, string][];

function sorted(list: Entries): Entries {
  return [...list].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function oursExtract(header: string): Entries {
  return (getBaggage(ours.extract(ROOT_CONTEXT, { baggage: header }))?.getAllEntries() ?? []).map(([k, e]) => [
    k,
    e.value,
  ]);
}

function otelExtract(header: string): Entries {
  const b = propagation.getBaggage(otel.extract(OTEL_ROOT, { baggage: header }, defaultTextMapGetter));
  return (b?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]);
}

function oursInject(entries: Entries): string {
  const carrier: Record<string, string> = {};
  ours.inject(setBaggage(ROOT_CONTEXT, createBaggage(entries)), carrier);
  return carrier.baggage ?? '';
}

function otelInject(entries: Entries): string {
  const carrier: Record<string, string> = {};
  const record = Object.fromEntries(entries.map(([k, v]) => [k, { value: v }]));
  otel.inject(propagation.setBaggage(OTEL_ROOT, propagation.createBaggage(record)), carrier, defaultTextMapSetter);
  return carrier.baggage ?? '';
}

const entries = uniqueBaggageEntries;

test('agree on extract of spec-following headers (unique token keys, encoded values, OWS)', () => {
  fc.assert(
    fc.property(entries, ows, (list, pad) => {
      const header = list.map(([k, v]) => `${pad}${k}${pad}=${pad}${encodeURIComponent(v)}${pad}`).join(',');
      assert.equal(sorted(oursExtract(header)), sorted(otelExtract(header)));
      assert.equal(
        oursExtract(header),
        list.map(([k, v]) => [k, v]),
      );
    }),
    { numRuns },
  );
});

test('agree on inject: each reads back what the other writes', () => {
  fc.assert(
    fc.property(entries, (list) => {
      assert.equal(sorted(otelExtract(oursInject(list))), sorted(list));
      assert.equal(sorted(oursExtract(otelInject(list))), sorted(list));
      assert.equal(oursExtract(oursInject(list)), list);
    }),
    { numRuns },
  );
});

test('disagreements on extract, by rule (see the list at the top)', () => {
  const cases: [string, string, Entries, Entries][] = [
    ['BG-12', 'user%20id=1', [['user%20id', '1']], [['user id', '1']]],
    [
      'BG-4',
      'a=1,k=',
      [
        ['a', '1'],
        ['k', ''],
      ],
      [['a', '1']],
    ],
    [
      'BG-19',
      'a=1,a=2',
      [
        ['a', '1'],
        ['a', '2'],
      ],
      [['a', '2']],
    ],
    [
      'BG-19',
      'b=1,7=2',
      [
        ['b', '1'],
        ['7', '2'],
      ],
      [
        ['7', '2'],
        ['b', '1'],
      ],
    ],
    ['BG-3', 'bad key=1', [], [['bad key', '1']]],
    ['BG-4', 'k=a b', [], [['k', 'a b']]],
    ['BG-10', 'k=%E2%82', [['k', '\ufffd']], []],
    ['BG-14', 'k=100%', [['k', '100%']], []],
    [
      'BG-23',
      '__proto__=1,a=2',
      [
        ['__proto__', '1'],
        ['a', '2'],
      ],
      [['a', '2']],
    ],
  ];
  for (const [rule, header, expectedOurs, expectedOtel] of cases) {
    assert.equal(oursExtract(header), expectedOurs, `${rule} ours: ${header}`);
    assert.equal(otelExtract(header), expectedOtel, `${rule} OpenTelemetry: ${header}`);
  }
  // BG-7, BG-15: properties.
  const header = 'k=v;ttl=3%200;flag';
  assert.equal(getBaggage(ours.extract(ROOT_CONTEXT, { baggage: header }))?.getEntry('k')?.properties, [
    { key: 'ttl', value: '3 0' },
    { key: 'flag' },
  ]);
  const otelEntry = propagation
    .getBaggage(otel.extract(OTEL_ROOT, { baggage: header }, defaultTextMapGetter))
    ?.getEntry('k');
  assert.is(otelEntry?.metadata?.toString(), 'ttl=3%200;flag');
});

test('disagreements on inject, by rule (see the list at the top)', () => {
  // BG-21
  assert.is(oursInject([['k', 'a\ud800']]), 'k=a%EF%BF%BD');
  assert.throws(() => otelInject([['k', 'a\ud800']]), URIError);
  // BG-12
  assert.is(oursInject([['a#b', '1']]), 'a#b=1');
  assert.is(otelInject([['a#b', '1']]), 'a%23b=1');
  // BG-15
  assert.is(String(createBaggage({ k: { value: 'v', properties: [{ key: 'p', value: 'a b' }] } })), 'k=v;p=a%20b');
  const carrier: Record<string, string> = {};
  const withMetadata = propagation.createBaggage({
    k: { value: 'v', metadata: baggageEntryMetadataFromString('p=a b') },
  });
  otel.inject(propagation.setBaggage(OTEL_ROOT, withMetadata), carrier, defaultTextMapSetter);
  assert.is(carrier.baggage, 'k=v;p=a b', 'a space in a header value: not a valid baggage-string');
});

test.run();
