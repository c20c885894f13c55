/** Names of chars for the ids of generated cases, shared by the corpus generators. */

/** A case-id-safe name of one char: `space`, `quote`, `ctl-1b`, `upper-a` (with `upperCase`), or the char itself. */
export function charName(c: string, upperCase = false): string {
  const names: Record<string, string> = {
    ' ': 'space',
    '\t': 'tab',
    '!': 'bang',
    '"': 'quote',
    '#': 'hash',
    $: 'dollar',
    '%': 'percent',
    '&': 'amp',
    "'": 'apostrophe',
    '(': 'lparen',
    ')': 'rparen',
    '*': 'star',
    '+': 'plus',
    ',': 'comma',
    '-': 'dash',
    '.': 'dot',
    '/': 'slash',
    ':': 'colon',
    ';': 'semicolon',
    '<': 'lt',
    '=': 'equals',
    '>': 'gt',
    '?': 'question',
    '@': 'at',
    '[': 'lbracket',
    '\\': 'backslash',
    ']': 'rbracket',
    '^': 'caret',
    _: 'underscore',
    '`': 'backtick',
    '{': 'lbrace',
    '|': 'pipe',
    '}': 'rbrace',
    '~': 'tilde',
    '\u0000': 'nul',
    '\u0001': 'soh',
    '\n': 'lf',
    '\r': 'cr',
    '\u001f': 'us',
    '\u007f': 'del',
    '\u00e9': 'e-acute',
    '\u20ac': 'euro',
    '\u{1f600}': 'emoji',
  };
  if (names[c]) return names[c];
  if (c.charCodeAt(0) < 0x20) return `ctl-${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  if (upperCase && /[A-Z]/.test(c)) return `upper-${c.toLowerCase()}`;
  return c;
}
