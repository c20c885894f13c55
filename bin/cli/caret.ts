/**
 * Points at one character of a header value: the value on one line, a `^` under the
 * offending character on the next. Control characters are shown as `·` so columns line up;
 * long values are cut to a window around the offset.
 */
const WINDOW = 76;

/** One display char per UTF-16 unit (the low half of a surrogate pair shows as nothing). */
function visible(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && out[i - 1].length === 2) out.push('');
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) out.push(value.slice(i, i + 2));
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) out.push('·');
    else out.push(value[i]);
  }
  return out;
}

/** The two lines (value, caret), each prefixed with `indent`. */
export function caretLines(value: string, offset: number, indent = '  '): [string, string] {
  const chars = visible(value);
  let from = 0;
  let to = chars.length;
  if (to > WINDOW) {
    from = Math.max(0, Math.min(offset - (WINDOW >> 1), chars.length - WINDOW));
    to = from + WINDOW;
  }
  const head = from > 0 ? '…' : '';
  const tail = to < chars.length ? '…' : '';
  const shown = head + chars.slice(from, to).join('') + tail;
  // Columns: count display chars before the offset (surrogate halves are one column).
  let column = head.length;
  for (let i = from; i < Math.min(offset, to); i++) if (chars[i] !== '') column++;
  return [indent + shown, indent + ' '.repeat(column) + '^'];
}
