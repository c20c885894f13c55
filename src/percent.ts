/**
 * The percent codec of W3C Baggage values (BG-8 .. BG-15): UTF-8 bytes as `%XX`.
 *
 *   encodeBaggageValue('world ✓')          // 'world%20%E2%9C%93'
 *   decodeBaggageValue('world%20%E2%9C%93') // 'world ✓'
 *
 * Written by hand rather than with `encodeURIComponent` / `decodeURIComponent`: those throw
 * on lone surrogates and on invalid UTF-8, and `TextDecoder` is missing in some runtimes.
 * Invalid UTF-8 decodes to U+FFFD per maximal subpart, exactly as the WHATWG decoder does.
 */

/** Bit flags per ASCII char: which parts of the baggage grammar it may appear in. */
export const TCHAR = 1;
export const OCTET = 2;
export const OWS = 4;
export const CHAR_CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  // baggage-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
  for (let c = 0x21; c <= 0x7e; c++) if (c !== 0x22 && c !== 0x2c && c !== 0x3b && c !== 0x5c) table[c] = OCTET;
  for (const ch of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") table[ch.charCodeAt(0)] |= TCHAR;
  table[0x20] = table[0x09] = OWS;
  return table;
})();

const PERCENT = 0x25;
const HEX = '0123456789ABCDEF';

/** Hex digit value of a char code, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  c |= 0x20;
  return c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
}

function escapeByte(b: number): string {
  return '%' + HEX[b >> 4] + HEX[b & 15];
}

/**
 * Percent-encodes every code point outside `baggage-octet`, and `%` itself, as UTF-8
 * (BG-8, BG-9). A lone surrogate becomes U+FFFD (BG-21). Never throws.
 */
export function encodeBaggageValue(value: string): string {
  const n = value.length;
  let i = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c >= 128 || c === PERCENT || (CHAR_CLASS[c] & OCTET) === 0) break;
    i++;
  }
  if (i === n) return value;
  let out = value.slice(0, i);
  let run = i;
  for (; i < n; i++) {
    let c = value.charCodeAt(i);
    if (c < 128 && c !== PERCENT && (CHAR_CLASS[c] & OCTET) !== 0) continue;
    if (run < i) out += value.slice(run, i);
    run = i + 1;
    if (c < 0x80) {
      out += escapeByte(c);
    } else if (c < 0x800) {
      out += escapeByte(0xc0 | (c >> 6)) + escapeByte(0x80 | (c & 63));
    } else {
      if ((c & 0xf800) === 0xd800) {
        const next = i + 1 < n ? value.charCodeAt(i + 1) : 0;
        if (c < 0xdc00 && (next & 0xfc00) === 0xdc00) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out += escapeByte(0xf0 | (c >> 18)) + escapeByte(0x80 | ((c >> 12) & 63)) + escapeByte(0x80 | ((c >> 6) & 63)) + escapeByte(0x80 | (c & 63));
          i++;
          run = i + 1;
          continue;
        }
        c = 0xfffd;
      }
      out += escapeByte(0xe0 | (c >> 12)) + escapeByte(0x80 | ((c >> 6) & 63)) + escapeByte(0x80 | (c & 63));
    }
  }
  return run < n ? out + value.slice(run) : out;
}

/**
 * Decodes `%XX` escapes as UTF-8 (BG-10). Invalid sequences become U+FFFD, one per maximal
 * subpart (BG-11); a `%` without two hex digits after it stays as it is (BG-14); `+` stays
 * a plus (BG-13); lone surrogates in the input become U+FFFD. Never throws.
 */
export function decodeBaggageValue(value: string): string {
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === PERCENT || (c & 0xf800) === 0xd800) return decodePercent(value, 0, n);
  }
  return value;
}

/**
 * Decodes `value.slice(start, end)`. Literal chars pass through (a literal char ends any
 * pending UTF-8 sequence, which then counts as truncated).
 */
export function decodePercent(value: string, start: number, end: number): string {
  let out = '';
  let run = start; // start of literal chars not yet copied to `out`
  // UTF-8 decoder state, as in the WHATWG Encoding Standard.
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let i = start;
  while (i < end) {
    const c = value.charCodeAt(i);
    let hi: number;
    let lo: number;
    if (c !== PERCENT || i + 2 >= end || (hi = hexValue(value.charCodeAt(i + 1))) < 0 || (lo = hexValue(value.charCodeAt(i + 2))) < 0) {
      // A literal char (a lone `%` included) ends a pending sequence: it was truncated.
      if (needed !== 0) {
        out += '\ufffd';
        needed = seen = codePoint = 0;
        lower = 0x80;
        upper = 0xbf;
        continue;
      }
      if ((c & 0xf800) === 0xd800) {
        if (c < 0xdc00 && i + 1 < end && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          i += 2;
          continue;
        }
        out += value.slice(run, i) + '\ufffd';
        run = i + 1;
      }
      i++;
      continue;
    }
    if (run < i) out += value.slice(run, i);
    i += 3;
    run = i;
    const byte = (hi << 4) | lo;
    if (needed === 0) {
      if (byte < 0x80) out += String.fromCharCode(byte);
      else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        else if (byte === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = byte & 0xf;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        else if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = byte & 0x7;
      } else out += '\ufffd';
      continue;
    }
    if (byte < lower || byte > upper) {
      // The sequence so far is a maximal subpart: one U+FFFD, then this byte starts afresh.
      out += '\ufffd';
      needed = seen = codePoint = 0;
      lower = 0x80;
      upper = 0xbf;
      i -= 3;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    if (++seen === needed) {
      out += codePoint < 0x10000 ? String.fromCharCode(codePoint) : String.fromCodePoint(codePoint);
      needed = seen = codePoint = 0;
    }
  }
  if (needed !== 0) out += '\ufffd';
  return run < end ? out + value.slice(run, end) : out;
}
