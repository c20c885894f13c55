/**
 * The percent codec of baggage values (BG-8 .. BG-15, BG-21), by example and by property.
 * `TextDecoder` is the oracle for invalid UTF-8 here only: the library itself never uses it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { decodeBaggageValue, encodeBaggageValue } from '../../src/index.js';
import { BAGGAGE_VALUE_RE } from '../helpers/abnf.js';

const numRuns =
  Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FUZZ_RUNS) || 5000;
const FFFD = '\ufffd';
const whatwg = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function escapeBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  return s;
}

function toWellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, FFFD);
}

test('BG-8 every code point outside baggage-octet is percent-encoded as UTF-8', () => {
  assert.is(encodeBaggageValue('world ✓'), 'world%20%E2%9C%93');
  assert.is(encodeBaggageValue('a b"c,d;e\\f'), 'a%20b%22c%2Cd%3Be%5Cf');
  assert.is(encodeBaggageValue('é'), '%C3%A9');
  assert.is(encodeBaggageValue('😀'), '%F0%9F%98%80');
  assert.is(encodeBaggageValue('\u0000\u007f\t\n'), '%00%7F%09%0A');
  assert.is(encodeBaggageValue('\u07ff\u0800\uffff'), '%DF%BF%E0%A0%80%EF%BF%BF');
});

test("BG-4 letters, digits and -_.!~*'() pass through; other octets MAY be encoded and decode back", () => {
  const plain = "-_.!~*'()0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  assert.is(encodeBaggageValue(plain), plain);
  const octets = '#$&+/:<=>?@[]^`{|}';
  assert.is(encodeBaggageValue(octets), '%23%24%26%2B%2F%3A%3C%3D%3E%3F%40%5B%5D%5E%60%7B%7C%7D');
  assert.is(decodeBaggageValue(encodeBaggageValue(octets)), octets);
  assert.is(decodeBaggageValue(octets), octets, 'and are read as themselves when not encoded');
  assert.is(encodeBaggageValue('a=b=c'), 'a%3Db%3Dc');
  assert.is(encodeBaggageValue(''), '');
});

test('BG-9 % is always encoded as %25', () => {
  assert.is(encodeBaggageValue('100%'), '100%25');
  assert.is(encodeBaggageValue('%20'), '%2520');
  assert.is(decodeBaggageValue(encodeBaggageValue('%20')), '%20');
});

test('BG-21 lone surrogates encode as U+FFFD, never an exception', () => {
  assert.is(encodeBaggageValue('\ud800'), '%EF%BF%BD');
  assert.is(encodeBaggageValue('a\udc00b'), 'a%EF%BF%BDb');
  assert.is(encodeBaggageValue('\ud83d\ud83d\ude00'), '%EF%BF%BD%F0%9F%98%80');
  assert.is(encodeBaggageValue('\ude00\ud83d'), '%EF%BF%BD%EF%BF%BD');
  assert.throws(() => encodeURIComponent('\ud800'), 'the platform codec throws where this one does not');
});

test('BG-10 %XX sequences decode as UTF-8; both hex cases are accepted', () => {
  assert.is(decodeBaggageValue('world%20%E2%9C%93'), 'world ✓');
  assert.is(decodeBaggageValue('%c3%a9%C3%A9'), 'éé');
  assert.is(decodeBaggageValue('%F0%9F%98%80'), '😀');
  assert.is(decodeBaggageValue('plain'), 'plain');
});

test('BG-11 invalid UTF-8 becomes one U+FFFD per maximal subpart', () => {
  const cases: [string, string][] = [
    ['%E2%82', FFFD],
    ['%E2%82A', FFFD + 'A'],
    ['%C0%AF', FFFD + FFFD],
    ['%ED%A0%80', FFFD + FFFD + FFFD],
    ['%F4%90%80%80', FFFD.repeat(4)],
    ['%80', FFFD],
    ['%FF%FE', FFFD + FFFD],
    ['%E0%80%80', FFFD.repeat(3)],
    ['%F0%8F%BF%BF', FFFD.repeat(4)],
    ['%F0%9F%98', FFFD],
    ['%F0%9F%98%E2%9C%93', FFFD + '✓'],
    ['%C3', FFFD],
    ['%C3%', FFFD + '%'],
    ['%C3x%A9', FFFD + 'x' + FFFD],
  ];
  for (const [input, expected] of cases) assert.is(decodeBaggageValue(input), expected, input);
});

test('BG-13 + is a literal plus, not a space', () => {
  assert.is(decodeBaggageValue('a+b'), 'a+b');
  assert.is(decodeBaggageValue('a%2Bb'), 'a+b');
});

test('BG-14 % not followed by two hex digits is kept literally', () => {
  assert.is(decodeBaggageValue('100%'), '100%');
  assert.is(decodeBaggageValue('%zz%4'), '%zz%4');
  assert.is(decodeBaggageValue('%%41'), '%A');
  assert.is(decodeBaggageValue('%4g'), '%4g');
  // Every char but the 22 hex digits, after '%' in either place: control chars, non-ASCII, lone surrogates.
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (/[0-9A-Fa-f]/.test(ch)) continue;
    const want = (c >= 0xd800 && c < 0xe000 ? FFFD : ch) + '1';
    assert.is(decodeBaggageValue(`%${ch}1`), `%${want}`, `U+${c.toString(16)} first`);
    assert.is(decodeBaggageValue(`%1${ch}`), `%1${want.slice(0, -1)}`, `U+${c.toString(16)} second`);
  }
});

test('BG-10 lone surrogates given to the decoder come out as U+FFFD', () => {
  assert.is(decodeBaggageValue('a\ud800'), 'a' + FFFD);
  assert.is(decodeBaggageValue('\udc00%41'), FFFD + 'A');
  assert.is(decodeBaggageValue('😀%41'), '😀A');
});

test('BG-8 BG-10 property: decode(encode(s)) === s for every well-formed string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
      assert.is(decodeBaggageValue(encodeBaggageValue(s)), s);
    }),
    { numRuns },
  );
});

test('BG-21 property: decode(encode(s)) replaces exactly the lone surrogates with U+FFFD', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      assert.is(decodeBaggageValue(encodeBaggageValue(s)), toWellFormed(s));
    }),
    { numRuns },
  );
});

test('BG-8 property: whatever goes in, the encoding matches *baggage-octet and is canonical', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const encoded = encodeBaggageValue(s);
      assert.ok(BAGGAGE_VALUE_RE.test(encoded), encoded);
      assert.not.match(encoded, /%[0-9A-F]?[a-f]/, 'upper-case hex');
      assert.is(encodeBaggageValue(decodeBaggageValue(encoded)), encoded, 'encoding is canonical');
    }),
    { numRuns },
  );
});

test('BG-10 property: decodes what encodeURIComponent writes back to the original string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      // encodeURIComponent also encodes some baggage-octets; decoding both must give s back.
      assert.is(decodeBaggageValue(encodeURIComponent(s)), s);
    }),
    { numRuns },
  );
});

test('BG-11 property: any byte string decodes exactly as the WHATWG UTF-8 decoder does', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      assert.is(decodeBaggageValue(escapeBytes(bytes)), whatwg.decode(bytes));
    }),
    { numRuns },
  );
  // Bytes that are likely to form (broken) multi-byte sequences.
  const interesting = fc.constantFrom(
    0x00,
    0x41,
    0x7f,
    0x80,
    0x8f,
    0x90,
    0x9f,
    0xa0,
    0xbf,
    0xc0,
    0xc1,
    0xc2,
    0xdf,
    0xe0,
    0xed,
    0xef,
    0xf0,
    0xf4,
    0xf5,
    0xff,
  );
  fc.assert(
    fc.property(fc.array(interesting, { maxLength: 12 }), (list) => {
      const bytes = Uint8Array.from(list);
      assert.is(decodeBaggageValue(escapeBytes(bytes)), whatwg.decode(bytes));
    }),
    { numRuns },
  );
});

test('BG-10 BG-14 property: literal chars mixed with escapes decode as the WHATWG decoder on their bytes', () => {
  // A literal ASCII char between escapes is the byte it stands for.
  const piece = fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((b) => ({ text: '%' + b.toString(16).padStart(2, '0'), bytes: [b] })),
    fc.constantFrom('a', 'Z', '=', '+', '~').map((c) => ({ text: c, bytes: [c.charCodeAt(0)] })),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
      const text = pieces.map((p) => p.text).join('');
      const bytes = Uint8Array.from(pieces.flatMap((p) => p.bytes));
      assert.is(decodeBaggageValue(text), whatwg.decode(bytes));
    }),
    { numRuns },
  );
});

test.run();
