/**
 * Hostile input generators shared by the fuzz suites.
 *
 * FUZZ_RUNS sets the runs per target: 20,000 by default (CI), 1,000,000 in the long mode
 * (`FUZZ_RUNS=1000000 npm test`).
 */
import fc from 'fast-check';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
export const FUZZ_RUNS = Math.max(1, Number(env.FUZZ_RUNS) || 20_000);
/** For targets that build large values per run: a tenth of the runs, at least 100. */
export const FUZZ_RUNS_HEAVY = Math.max(100, Math.floor(FUZZ_RUNS / 10));

export const TRACEPARENTS = [
  '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03',
  'cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02-what-the-future-holds',
  ' \t00-12345678901234567890123456789012-1234567890123456-00\t ',
];

export const TRACESTATES = [
  'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  'a=1, b= 2 ,,\tc@d=x y',
  'vendor@tenant=v,k*_-/@=x,0a=!~',
  Array.from({ length: 32 }, (_, i) => `k${i}=v${i}`).join(','),
  '',
];

export const BAGGAGES = [
  'hello=world',
  'userId=alice,serverNode=DF%2028,isProduction=false',
  'key1=value1;property1;property2=x, key2 = value2 ;p=%E2%9C%93',
  'k=a=b=c,%zz=%,plus=a+b,bad key=1,ok=%F0%9F%98%80',
  '__proto__=1,constructor=2,prototype=3',
];

/** Characters that matter to the grammars, to make mutations land near the edges. */
const SPECIAL = fc.constantFrom(
  '-',
  ',',
  '=',
  ';',
  '%',
  ' ',
  '\t',
  '0',
  'f',
  'F',
  'z',
  '@',
  '\u0000',
  '\u00ff',
  '\ud800',
  '\u{1F600}',
  '"',
  '\\',
  '\n',
  'ff',
);

type Edit = ['flip' | 'insert' | 'delete' | 'duplicate', number, string, number];

const edit: fc.Arbitrary<Edit> = fc.tuple(
  fc.constantFrom('flip', 'insert', 'delete', 'duplicate'),
  fc.nat(),
  fc.oneof(SPECIAL, fc.string({ unit: 'binary', maxLength: 3 })),
  fc.integer({ min: 1, max: 40 }),
) as fc.Arbitrary<Edit>;

function applyEdits(base: string, edits: readonly Edit[]): string {
  let s = base;
  for (const [op, at, text, span] of edits) {
    const i = s.length === 0 ? 0 : at % (s.length + 1);
    if (op === 'flip') s = s.slice(0, i) + text + s.slice(i + text.length);
    else if (op === 'insert') s = s.slice(0, i) + text + s.slice(i);
    else if (op === 'delete') s = s.slice(0, i) + s.slice(i + span);
    else s = s.slice(0, i) + s.slice(i, i + span) + s.slice(i);
  }
  return s;
}

/** A real header changed in one to six places: flipped, inserted, deleted, duplicated chars. */
export function mutationsOf(samples: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 6 }))
    .map(([base, edits]) => applyEdits(base, edits));
}

/** Random bytes read as Latin-1 chars: every code unit 0-255. */
export const byteSoup: fc.Arbitrary<string> = fc
  .uint8Array({ maxLength: 200 })
  .map((bytes) => String.fromCharCode(...bytes));

/** A short piece repeated up to 2,000 times (inputs up to a few tens of KB). */
export const repetition: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      SPECIAL,
      fc.constantFrom(',', ' ,', 'a=1,', ';', ';p', '%', '%E2', '%80', 'k=v;', '=', '\t'),
      fc.string({ maxLength: 6 }),
    ),
    fc.integer({ min: 1, max: 2_000 }),
  )
  .map(([piece, n]) => piece.repeat(n));

/** Everything a header value might be on the wire, weighted towards near-valid input. */
export function wireString(samples: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: mutationsOf(samples) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 120 }) },
    { weight: 1, arbitrary: byteSoup },
    { weight: 1, arbitrary: repetition },
    { weight: 1, arbitrary: fc.constantFrom(...samples) },
  );
}

/** What a carrier's value for a header might be: strings, arrays of them, or anything at all. */
export function headerValue(samples: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: wireString(samples) },
    { weight: 2, arbitrary: fc.array(wireString(samples), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.anything() },
  );
}

/** Keys that must never reach an object prototype. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

/** Header-name spellings: the real name in any case, prototype keys, junk. */
export function headerName(names: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...names),
    fc
      .tuple(fc.constantFrom(...names), fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }))
      .map(([n, up]) => [...n].map((c, i) => (up[i] ? c.toUpperCase() : c)).join('')),
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.string({ maxLength: 12 }),
  );
}

export type CarrierKind = 'object' | 'null-prototype' | 'headers' | 'map' | 'frozen';

/** Builds a carrier of each kind from name/value pairs; `Headers` only takes valid strings. */
export function makeCarrier(kind: CarrierKind, pairs: readonly [string, unknown][]): unknown {
  if (kind === 'headers') {
    const h = new Headers();
    for (const [k, v] of pairs) {
      try {
        h.append(k, String(v));
      } catch {
        // Headers rejects names and values that HTTP would; a real request could not carry them.
      }
    }
    return h;
  }
  if (kind === 'map') return new Map(pairs);
  const target: Record<string, unknown> = kind === 'null-prototype' ? Object.create(null) : {};
  for (const [k, v] of pairs)
    Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
  return kind === 'frozen' ? Object.freeze(target) : target;
}

export const carrierKind: fc.Arbitrary<CarrierKind> = fc.constantFrom(
  'object',
  'null-prototype',
  'headers',
  'map',
  'frozen',
);

/** A carrier whose every access throws. */
export function throwingProxy(): unknown {
  const fail = () => {
    throw new Error('hostile carrier');
  };
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
}

/** A snapshot of a carrier's contents, to prove extract never changes it. */
export function snapshot(carrier: unknown): string {
  if (carrier instanceof Headers) return JSON.stringify([...carrier]);
  if (carrier instanceof Map) return JSON.stringify([...carrier].map(([k, v]) => [String(k), describe(v)]));
  if (carrier !== null && typeof carrier === 'object') {
    return JSON.stringify(
      Reflect.ownKeys(carrier).map((k) => [String(k), describe((carrier as Record<PropertyKey, unknown>)[k])]),
    );
  }
  return describe(carrier);
}

function describe(v: unknown): string {
  try {
    return typeof v === 'object' && v !== null
      ? `${Object.prototype.toString.call(v)}:${JSON.stringify(v)}`
      : `${typeof v}:${String(v)}`;
  } catch {
    return 'unprintable';
  }
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
/** Own property names and descriptors of the built-in prototypes as they were at load. */
const pristine = PROTOTYPES.map(
  (proto) => new Map(Reflect.ownKeys(proto).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)])),
);

/** Throws when a built-in prototype gained, lost or changed a property since load. */
export function assertPrototypesClean(): void {
  PROTOTYPES.forEach((proto, i) => {
    const before = pristine[i]!;
    const keys = Reflect.ownKeys(proto);
    if (keys.length !== before.size) throw new Error(`prototype ${i} changed its keys`);
    for (const k of keys) {
      const was = before.get(k);
      const now = Object.getOwnPropertyDescriptor(proto, k);
      if (!was || !now || was.value !== now.value || was.get !== now.get || was.set !== now.set) {
        throw new Error(`prototype polluted with ${String(k)}`);
      }
    }
  });
  if (Object.getPrototypeOf({}) !== Object.prototype) throw new Error('Object.prototype replaced');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `String.prototype.toWellFormed`, for runtimes and type libraries that lack it. */
export function toWellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

export function isWellFormed(s: string): boolean {
  return s.search(LONE_SURROGATE) === -1;
}

/** A hand-made tracestate (not this library's class) whose `serialize` returns `text`, whatever it is. */
export function foreignTraceState(text: string): {
  serialize(): string;
  get(): undefined;
  set(): unknown;
  unset(): unknown;
} {
  return {
    serialize: () => text,
    get: () => undefined,
    set() {
      return this;
    },
    unset() {
      return this;
    },
  };
}
