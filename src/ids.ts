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

/** Fills `bytes` with random values, like `crypto.getRandomValues`. */
export type RandomSource = (bytes: Uint8Array) => void;

/** Value of a lowercase hex char code, -1 for anything else (upper case included: TC-3). */
export function hexValue(c: number): number {
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
}

let injected: RandomSource | undefined;
let buffer: Uint8Array | undefined;

/** Replaces the random source for ids; pass `undefined` to return to the default. */
export function setRandomSource(source: RandomSource | undefined): void {
  if (source !== undefined && typeof source !== 'function') {
    throw new TypeError('setRandomSource expects a function (bytes: Uint8Array) => void');
  }
  injected = source;
}

function fill(bytes: Uint8Array): void {
  if (injected !== undefined) return injected(bytes);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => unknown } }).crypto;
  if (crypto !== undefined && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(bytes);
    return;
  }
  for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.random() * 256) | 0;
}

function randomHex(byteCount: number): string {
  buffer ??= new Uint8Array(16);
  const bytes = byteCount === 16 ? buffer : buffer.subarray(0, byteCount);
  // An all-zero id is invalid (TC-5, TC-6): draw again, which a sane source never repeats.
  for (let attempt = 0; attempt < 8; attempt++) {
    bytes.fill(0); // a source that writes nothing must not repeat the previous id
    fill(bytes);
    let out = '';
    let any = 0;
    for (let i = 0; i < byteCount; i++) {
      any |= bytes[i];
      out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
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

function isValidHexId(id: unknown, length: number): boolean {
  if (typeof id !== 'string' || id.length !== length) return false;
  let any = 0;
  for (let i = 0; i < length; i++) {
    const h = hexValue(id.charCodeAt(i));
    if (h < 0) return false;
    any |= h;
  }
  return any !== 0;
}

/** 32 lowercase hex chars, not all zero (TC-2, TC-3, TC-5). */
export function isValidTraceId(traceId: unknown): traceId is string {
  return isValidHexId(traceId, 32);
}

/** 16 lowercase hex chars, not all zero (TC-2, TC-3, TC-6). */
export function isValidSpanId(spanId: unknown): spanId is string {
  return isValidHexId(spanId, 16);
}
