/** Lowercase hex, as trace and span ids and trace-flags are written (TC-3). */

/** Lowercase hex digit values by char code; -1 for every other ASCII char, upper case included (TC-3). */
const HEX = /* @__PURE__ */ new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX[(i < 10 ? 48 : 87) + i] = i;

/** @internal The hex digit at `i`, or -1: non-ASCII (the shift is -1 above 127) and past the end (NaN) included. */
export function hexAt(value: string, i: number): number {
  const c = value.charCodeAt(i);
  return HEX[c & 127]! | ((127 - c) >> 31);
}

/**
 * @internal The OR of the hex digits in value[from, to) (a multiple of 4 chars, as both ids
 * are): 0 when all are zero, negative when one is not lowercase hex (a -1 sets every bit).
 * Four chars per step without a branch (2x faster here than comparing each char), and it stops
 * after the first four with a bad char: invalid input is rejected faster than valid input is accepted.
 */
export function hexBits(value: string, from: number, to: number): number {
  let bits = 0;
  for (let i = from; i < to && bits >= 0; )
    bits |= hexAt(value, i++) | hexAt(value, i++) | hexAt(value, i++) | hexAt(value, i++);
  return bits;
}
