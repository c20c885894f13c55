// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/** Char-level pieces of the header grammars, shared by every codec and inspector. */

/** @internal A space or a tab: OWS (TC-12, BG-6). */
export function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * @internal Moves from `i` past OWS, towards `end` (backwards when `end` < `i`): a value
 * s[a, b) is trimmed by `a = skipOws(s, a, b)` then `b = skipOws(s, b, a)`.
 */
export function skipOws(s: string, i: number, end: number): number {
  const back = end < i ? 1 : 0;
  // The test written out, not a call to isOws: interpreters (QuickJS) do not inline it.
  for (let c; i !== end && ((c = s.charCodeAt(i - back)) === 0x20 || c === 0x09); ) i += back ? -1 : 1;
  return i;
}

/** @internal An RFC 7230 token, as regex source: baggage keys (BG-3), Server-Timing names, header names. */
export const TOKEN = "[!#$%&'*+\\-.^_`|~\\w]+";
// In a function: a bundle that does not test tokens drops it (a pure `new RegExp(TOKEN)` is kept).
const IS_TOKEN = /* @__PURE__ */ (() => new RegExp(`^${TOKEN}$`))();

/** @internal Whether `s` is a string and an RFC 7230 token. */
export function isToken(s: unknown): boolean {
  return typeof s === 'string' && IS_TOKEN.test(s);
}
