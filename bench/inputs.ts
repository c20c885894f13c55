/**
 * Deterministic benchmark inputs: every case rotates through SET_SIZE distinct headers, so
 * no implementation can win by remembering its last input. A seeded PRNG makes every run
 * (and every machine) see the same headers.
 */

/** Distinct inputs per case; a power of two so the rotation is a mask. */
export const SET_SIZE = 1024;
export const MASK = SET_SIZE - 1;

/** mulberry32: small, fast, good enough to make varied headers. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(rand: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[(rand() * alphabet.length) | 0];
  return s;
}

function nonZeroHex(rand: () => number, n: number): string {
  const s = pick(rand, HEX, n);
  return /[^0]/.test(s) ? s : '1' + s.slice(1);
}

/**
 * A flat (sequential) copy of a string. Concatenation builds rope ("cons") strings, which
 * every char read must walk; headers from an HTTP parser are flat, so inputs are too.
 */
export function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

function set<T>(seed: number, make: (rand: () => number, i: number) => T): T[] {
  const rand = prng(seed);
  return Array.from({ length: SET_SIZE }, (_, i) => {
    const x = make(rand, i);
    return (typeof x === 'string' ? flat(x) : x) as T;
  });
}

export interface Ids {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

export const ids: Ids[] = set(1, (r) => ({
  traceId: flat(nonZeroHex(r, 32)),
  spanId: flat(nonZeroHex(r, 16)),
  traceFlags: (r() * 4) | 0,
}));

/**
 * A span context as a tracer makes it (ours and OpenTelemetry's SDK both use one literal): every
 * one shares a hidden class. Made with `{ ...ids, traceState }` instead, nearly each would get
 * one of its own on this V8, and every property read of them in the code under test would go
 * megamorphic: 60-300 ns more per inject for every implementation, none of it theirs.
 */
export function spanContextOf<S>(f: Ids, traceState: S): Ids & { traceState: S } {
  return { traceId: f.traceId, spanId: f.spanId, traceFlags: f.traceFlags, traceState };
}

export const traceparentValid: string[] = ids.map((f) => flat(`00-${f.traceId}-${f.spanId}-0${f.traceFlags}`));

/** A valid header with one id char upper-cased, at a varying place in either id. */
export const traceparentUpper: string[] = set(2, (r, i) => {
  const tp = traceparentValid[i]!;
  const at = r() < 0.5 ? 3 + ((r() * 32) | 0) : 36 + ((r() * 16) | 0);
  return tp.slice(0, at) + 'ABCDEF'[(r() * 6) | 0] + tp.slice(at + 1);
});

/** A valid header one char short or one char long. */
export const traceparentLength: string[] = set(3, (r, i) => {
  const tp = traceparentValid[i]!;
  const at = 3 + ((r() * 49) | 0);
  return i & 1 ? tp.slice(0, at) + tp.slice(at + 1) : tp.slice(0, at) + HEX[(r() * 16) | 0] + tp.slice(at);
});

function tracestate(r: () => number, members: number, i: number): string {
  const out: string[] = [];
  for (let m = 0; m < members; m++) {
    const key =
      m % 4 === 3
        ? `${pick(r, ALNUM, 1 + ((r() * 5) | 0))}${m}@${pick(r, ALNUM, 4)}`
        : `${pick(r, 'abcdefghijklmnopqrstuvwxyz', 2 + ((r() * 6) | 0))}${m}`;
    const value = m === 0 ? nonZeroHex(r, 16) : pick(r, B64, 4 + ((r() * (members > 8 ? 6 : 14)) | 0));
    out.push(`${key}=${value}`);
  }
  return out.join(i & 1 ? ',' : ', ');
}

export const tracestate3: string[] = set(4, (r, i) => tracestate(r, 3, i));
export const tracestate32: string[] = set(5, (r, i) => tracestate(r, 32, i));

/** A few values with UTF-8 beyond ASCII, written as the spec asks: percent-encoded. */
const WORDS = ['café', 'naïve', 'Zürich', 'São Paulo', '東京', 'пример', 'emoji 😀', 'a b', 'x,y;z', '100%'];

function pctEncode(s: string): string {
  // encodeURIComponent escapes a superset of what baggage needs; both decoders read it back.
  return encodeURIComponent(s);
}

export const baggage3: string[] = set(6, (r) =>
  [
    `userId=${pick(r, ALNUM, 8)}`,
    `serverNode=DF%20${(r() * 100) | 0}`,
    `isProduction=${r() < 0.5 ? 'false' : 'true'}`,
  ].join(','),
);

/**
 * 64 members, about 7 KB: tokens, UTF-8 percent escapes in about a third of the values,
 * properties (`;ttl=30`, `;secure`) on about half the members.
 */
export const baggage64: string[] = set(7, (r) => {
  const members: string[] = [];
  for (let m = 0; m < 64; m++) {
    const key = `${pick(r, 'abcdefghijklmnopqrstuvwxyz', 3 + ((r() * 6) | 0))}.${m}`;
    const plain = pick(r, ALNUM + '-_.', 40 + ((r() * 30) | 0));
    const value =
      m % 3 === 0
        ? pctEncode(`${WORDS[(r() * WORDS.length) | 0]} ${WORDS[(r() * WORDS.length) | 0]}`) + '-' + plain.slice(0, 30)
        : plain;
    let member = `${key}=${value}`;
    if (m % 2 === 0) member += `;ttl=${(r() * 3600) | 0}`;
    if (m % 4 === 1) member += ';secure';
    members.push(member);
  }
  let header = members.join(',');
  // Pad the last value so every header is about 7 KB.
  if (header.length < 7000) header += pick(r, ALNUM, 7000 - header.length);
  return header;
});

/** The percent decoder alone: ASCII without escapes, mostly escapes, invalid UTF-8. */
export const decodeAscii: string[] = set(8, (r) => pick(r, ALNUM + '-_.~', 64));
export const decodeEscaped: string[] = set(9, (r) =>
  pctEncode(WORDS[(r() * WORDS.length) | 0]! + WORDS[(r() * WORDS.length) | 0]! + '✓€日本'),
);
export const decodeInvalid: string[] = set(
  10,
  (r) => `${pick(r, ALNUM, 8)}%C3%28${pick(r, ALNUM, 4)}%FF%E2%82${pick(r, ALNUM, 6)}%ED%A0%80`,
);

/** Other headers a real request carries, so carriers are not two-key toys. */
export function requestHeaders(r: () => number): Record<string, string> {
  return {
    host: `api-${(r() * 10) | 0}.example.com`,
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) bench',
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    'content-type': 'application/json',
    'x-request-id': flat(pick(r, HEX, 32)),
  };
}
