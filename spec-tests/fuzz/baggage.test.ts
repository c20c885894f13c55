/**
 * Hostile-input fuzzing of everything that reads or writes `baggage`: the parser, the
 * inspector, the percent decoder, the propagator's extract through every carrier kind, and
 * inject with arbitrary caller values. Whatever comes in: no exception, a result that
 * matches the grammar and the limits, the carrier untouched, no prototype touched
 * (BG-10, BG-16, BG-17, BG-20, BG-21, BG-23).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  Baggage,
  createBaggage,
  decodeBaggageValue,
  DEFAULT_BAGGAGE_LIMITS,
  encodeBaggageValue,
  formatBaggage,
  getBaggage,
  inspectBaggage,
  parseBaggage,
  ROOT_CONTEXT,
  setBaggage,
  W3CBaggagePropagator,
} from '../../src/index.js';
import { BAGGAGE_KEY_RE, BAGGAGE_RE, BAGGAGE_VALUE_RE, utf8Length } from '../helpers/abnf.js';
import {
  assertPrototypesClean,
  BAGGAGES,
  carrierKind,
  FUZZ_RUNS,
  FUZZ_RUNS_HEAVY,
  headerName,
  headerValue,
  makeCarrier,
  PROTOTYPE_KEYS,
  snapshot,
  throwingProxy,
  isWellFormed,
  toWellFormed,
  wireString,
} from './arbitraries.js';

const runs = { numRuns: FUZZ_RUNS };
const heavy = { numRuns: FUZZ_RUNS_HEAVY };
const propagator = new W3CBaggagePropagator();

/** Every member of a parsed Baggage is something the formatter can write back validly. */
function assertValidBaggage(baggage: Baggage): void {
  assert.ok(baggage instanceof Baggage);
  const entries = baggage.getAllEntries();
  assert.ok(entries.length <= DEFAULT_BAGGAGE_LIMITS.maxMembers);
  for (const [key, entry] of entries) {
    assert.ok(BAGGAGE_KEY_RE.test(key), `key ${JSON.stringify(key)}`);
    assert.type(entry.value, 'string');
    for (const p of entry.properties ?? [])
      assert.ok(BAGGAGE_KEY_RE.test(p.key), `property key ${JSON.stringify(p.key)}`);
  }
  assertValidHeader(formatBaggage(baggage));
}

function assertValidHeader(header: string): void {
  if (header === '') return;
  assert.ok(BAGGAGE_RE.test(header), `header ${JSON.stringify(header.slice(0, 200))}`);
  assert.ok(header.length <= DEFAULT_BAGGAGE_LIMITS.maxTotalBytes, `header of ${header.length} bytes`);
  for (const member of header.split(',')) assert.ok(member.length <= DEFAULT_BAGGAGE_LIMITS.maxMemberBytes);
}

test('BG-23 parseBaggage: any string or list gives a valid Baggage, and inspect never throws', () => {
  fc.assert(
    fc.property(fc.oneof(wireString(BAGGAGES), fc.array(wireString(BAGGAGES), { maxLength: 4 })), (value) => {
      assertValidBaggage(parseBaggage(value));
      const inspection = inspectBaggage(value);
      assert.type(inspection.valid, 'boolean');
      if (!inspection.valid) {
        for (const e of inspection.errors) assert.match(e.rule, /^BG-\d+$/);
      }
    }),
    runs,
  );
  assertPrototypesClean();
});

test('BG-23 parseBaggage and inspectBaggage: non-string input gives empty baggage / invalid, never a throw', () => {
  fc.assert(
    fc.property(fc.anything(), (value) => {
      if (typeof value === 'string') return;
      const parsed = parseBaggage(value as string);
      assert.ok(parsed instanceof Baggage);
      if (!Array.isArray(value)) assert.is(parsed.size, 0);
      inspectBaggage(value as string);
    }),
    runs,
  );
});

test('BG-10 decodeBaggageValue: any string decodes without a throw to well-formed text', () => {
  fc.assert(
    fc.property(fc.oneof(wireString(BAGGAGES), fc.string({ unit: 'binary' })), (value) => {
      const decoded = decodeBaggageValue(value);
      assert.type(decoded, 'string');
      assert.ok(isWellFormed(decoded), 'no lone surrogates come out of the decoder');
    }),
    runs,
  );
});

test('BG-21 encodeBaggageValue: any JS string, lone surrogates included, encodes to baggage-octets', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
      const encoded = encodeBaggageValue(value);
      assert.ok(BAGGAGE_VALUE_RE.test(encoded));
      assert.is(decodeBaggageValue(encoded), toWellFormed(value));
    }),
    runs,
  );
});

test('BG-23 extract through every carrier kind: no throw, carrier untouched, baggage valid', () => {
  fc.assert(
    fc.property(
      carrierKind,
      fc.array(fc.tuple(headerName(['baggage']), headerValue(BAGGAGES)), { maxLength: 5 }),
      (kind, pairs) => {
        const carrier = makeCarrier(kind, pairs);
        const before = snapshot(carrier);
        const ctx = propagator.extract(ROOT_CONTEXT, carrier);
        assert.is(snapshot(carrier), before);
        const baggage = getBaggage(ctx);
        if (baggage === undefined) assert.is(ctx, ROOT_CONTEXT);
        else assertValidBaggage(baggage);
      },
    ),
    heavy,
  );
  assertPrototypesClean();
});

test('BG-23 extract from hostile carriers and getters returns the context unchanged', () => {
  const hostile: unknown[] = [
    undefined,
    null,
    42,
    'baggage=a=1',
    Symbol('x'),
    () => 'a=1',
    throwingProxy(),
    [['baggage', 'a=1']],
  ];
  for (const carrier of hostile) assert.is(propagator.extract(ROOT_CONTEXT, carrier), ROOT_CONTEXT);
  const throwing = {
    get: () => {
      throw new Error('getter fails');
    },
    keys: () => {
      throw new Error('keys fails');
    },
  };
  assert.is(propagator.extract(ROOT_CONTEXT, {}, throwing), ROOT_CONTEXT);
  const junk = { get: () => 42 as unknown as string, keys: () => [] };
  assert.is(propagator.extract(ROOT_CONTEXT, {}, junk), ROOT_CONTEXT);
});

test('BG-23 prototype keys as baggage keys and carrier keys stay plain data', () => {
  const header = PROTOTYPE_KEYS.map((k, i) => `${k}=${i}`).join(',');
  const baggage = parseBaggage(header);
  assert.equal(
    baggage.getAllEntries().map(([k]) => k),
    PROTOTYPE_KEYS,
  );
  assert.is(baggage.getEntry('__proto__')?.value, '0');
  const carrier = JSON.parse(`{"__proto__": "${header}", "baggage": "${header}"}`);
  const ctx = propagator.extract(ROOT_CONTEXT, carrier);
  assert.is(getBaggage(ctx)?.size, PROTOTYPE_KEYS.length);
  const out: Record<string, unknown> = {};
  propagator.inject(ctx, out);
  assert.is(out.baggage, formatBaggage(baggage));
  assertPrototypesClean();
});

const callerKey = fc.oneof(
  fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,20}$/),
  fc.constantFrom(...PROTOTYPE_KEYS),
);
const callerValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: 0, max: 6_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('\ud800', '\udfff', '%', '%25', ' ', ',', ';', '=', '\u0000\u007f'),
);
const callerProperty = fc.record(
  { key: callerKey, value: fc.option(callerValue, { nil: undefined }) },
  { requiredKeys: ['key'] },
);

test('BG-8 inject writes a grammar-valid header within the limits, whatever values the caller set', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(callerKey, callerValue, fc.array(callerProperty, { maxLength: 3 })), { maxLength: 300 }),
      (entries) => {
        let baggage = createBaggage();
        for (const [key, value, properties] of entries) baggage = baggage.setEntry(key, { value, properties });
        const carrier: Record<string, string> = {};
        propagator.inject(setBaggage(ROOT_CONTEXT, baggage), carrier);
        const header = carrier.baggage;
        if (header === undefined) return;
        assertValidHeader(header);
        assert.ok(utf8Length(header) === header.length, 'the header is ASCII');
      },
    ),
    { numRuns: Math.max(50, Math.floor(FUZZ_RUNS / 40)) },
  );
});

test('BG-3 setEntry rejects keys that are not tokens with a TypeError, so no invalid header exists', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 10 }), (key) => {
      if (BAGGAGE_KEY_RE.test(key)) return;
      assert.throws(
        () => createBaggage().setEntry(key, { value: 'v' }),
        (e: unknown) => e instanceof TypeError,
      );
    }),
    runs,
  );
});

test('BG-17 a megabyte of hostile baggage keeps only whole members within the limits', () => {
  const pieces = [',', ' \t', '%E2%82', ';p=v', 'k=v,', 'bad key=1,', 'a=' + '%F0%9F%98%80'.repeat(400) + ','];
  for (const piece of pieces) {
    const value = piece.repeat(Math.ceil(1_048_576 / piece.length));
    const baggage = parseBaggage(value);
    assertValidBaggage(baggage);
    inspectBaggage(value);
  }
});

test.run();
