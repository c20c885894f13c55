// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * Trace and span ids (TC-5, TC-6, TC-15, TC-32).
 *
 *   trace-id  16 bytes  32 lowercase hex chars, not all zero
 *   span-id    8 bytes  16 lowercase hex chars, not all zero
 *
 * Random bytes come from `globalThis.crypto.getRandomValues` when the runtime has it.
 * Runtimes without Web Crypto (QuickJS, some embedded engines) inject a generator with
 * `setRandomSource`. Without either, `Math.random` is used: uniform, but not
 * cryptographic; inject a better source where ids must be unguessable.
 */
import { hexBits } from '../internal/hex.js';

/** Fills `bytes` with random values, like `crypto.getRandomValues`. */
export type RandomSource = (bytes: Uint8Array) => void;

let injected: RandomSource | undefined;

/** Replaces the random source for ids; pass `undefined` to return to the default. */
export function setRandomSource(source: RandomSource | undefined): void {
  if (source !== undefined && typeof source !== 'function') {
    throw new TypeError('setRandomSource expects a function (bytes: Uint8Array) => void');
  }
  injected = source;
}

/**
 * Random bytes are drawn from Web Crypto 512 at a time: one `getRandomValues` call costs
 * microseconds in some runtimes, as much as the rest of a request's propagation work. An
 * injected source is asked for exactly the bytes of each id.
 */
const POOL_SIZE = 512;
let pool: Uint8Array | undefined;
let used = 0;
let byteHex: string[] | undefined;

/** Where the next `count` random bytes start in `pool`. */
function take(count: number): number {
  if (injected !== undefined) {
    injected((pool = new Uint8Array(count)));
    used = POOL_SIZE; // the next default draw refills
    return 0;
  }
  if (pool?.length !== POOL_SIZE || used + count > POOL_SIZE) {
    if (pool?.length !== POOL_SIZE) pool = new Uint8Array(POOL_SIZE);
    const crypto = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => unknown } }).crypto;
    if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(pool);
    else for (let i = 0; i < POOL_SIZE; i++) pool[i] = (Math.random() * 256) | 0;
    used = 0;
  }
  return (used += count) - count;
}

function randomHex(count: number): string {
  byteHex ??= Array.from({ length: 256 }, (_, b) => (b < 16 ? '0' : '') + b.toString(16));
  // An all-zero id is invalid (TC-5, TC-6): draw again, which a sane source never repeats.
  for (let attempt = 0; attempt < 8; attempt++) {
    const at = take(count);
    let out = '';
    let any = 0;
    for (let i = at; i < at + count; i++) {
      any |= pool![i]!;
      out += byteHex[pool![i]!];
    }
    if (any !== 0) return out;
  }
  throw new Error('the random source returned only zero bytes: cannot make a valid id (TC-32)');
}

/** A new random trace id: 32 lowercase hex chars, never all zero (TC-32). */
export function generateTraceId(): string {
  return randomHex(16);
}

/** A new random span id: 16 lowercase hex chars, never all zero (TC-32). */
export function generateSpanId(): string {
  return randomHex(8);
}

/** 32 lowercase hex chars, not all zero (TC-2, TC-3, TC-5). */
export function isValidTraceId(traceId: unknown): traceId is string {
  return typeof traceId === 'string' && traceId.length === 32 && hexBits(traceId, 0, 32) > 0;
}

/** 16 lowercase hex chars, not all zero (TC-2, TC-3, TC-6). */
export function isValidSpanId(spanId: unknown): spanId is string {
  return typeof spanId === 'string' && spanId.length === 16 && hexBits(spanId, 0, 16) > 0;
}
