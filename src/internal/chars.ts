/** Char-level pieces of the header grammars, shared by every codec and inspector. */

/** @internal A space or a tab: OWS (TC-12). */
export function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
