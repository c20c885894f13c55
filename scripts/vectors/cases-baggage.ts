/**
 * baggage cases (BG-2 .. BG-23). The members a receiver keeps are written out by hand from the
 * spec digest: malformed members dropped, the others kept in order with values and property
 * values percent-decoded (invalid UTF-8 -> U+FFFD per maximal subpart), keys as they came.
 *
 * What is sent on follows from two independent rules, not from the library: this corpus's
 * answer encodes values as `encodeURIComponent` does (every char outside the grammar, and a few
 * optional ones); the minimal encoding (only chars outside baggage-octet, and '%') is accepted
 * too, since a sender MAY encode more than it must (BG-8).
 */
import { charName } from './char-name.js';
import type { BaggageCase, BaggageMemberKept, BaggagePropertyKept, Outcome } from './types.js';

type Member = BaggageMemberKept;

function mem(key: string, value: string, properties: BaggagePropertyKept[] = []): Member {
  return { key, value, properties };
}

function prop(key: string, value?: string): BaggagePropertyKept {
  return value === undefined ? { key } : { key, value };
}

/** This corpus's answer: every char but A-Z a-z 0-9 - _ . ! ~ * ' ( ) escaped as UTF-8. */
const libraryEncoding = (s: string): string => encodeURIComponent(s);

/** Only what BG-8 and BG-9 require: chars outside baggage-octet, and '%'. */
function minimalEncoding(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const octet = c >= 0x21 && c <= 0x7e && c !== 0x22 && c !== 0x2c && c !== 0x3b && c !== 0x5c && c !== 0x25;
    out += octet
      ? ch
      : [...new TextEncoder().encode(ch)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
  }
  return out;
}

function format(members: readonly Member[], encode: (s: string) => string): string | null {
  if (members.length === 0) return null;
  return members
    .map(
      (m) =>
        m.key +
        '=' +
        encode(m.value) +
        m.properties.map((p) => ';' + p.key + (p.value === undefined ? '' : '=' + encode(p.value))).join(''),
    )
    .join(',');
}

const ENCODING_NOTE =
  'A sender may percent-encode more than BG-8 requires: ' +
  'the output with only the required escapes (chars outside baggage-octet, and "%") is accepted too.';

interface Options {
  /** Whether inspect finds nothing wrong; false for malformed members and headers over the limits. */
  valid?: boolean;
  /** Other member lists the spec lets a receiver keep, and why. */
  alternatives?: Member[][];
  note?: string;
}

function bg(
  id: string,
  input: string | string[],
  members: Member[],
  rules: string[],
  description: string,
  options: Options = {},
): BaggageCase {
  const c: BaggageCase = {
    id: `bg-${id}`,
    description,
    rules,
    header: 'baggage',
    input,
    valid: options.valid ?? true,
    expect: members,
    output: format(members, libraryEncoding),
  };
  const accept: Outcome<Member[]>[] = [];
  const notes: string[] = [];
  for (const alt of [members, ...(options.alternatives ?? [])]) {
    accept.push({ expect: alt, output: format(alt, libraryEncoding) });
    if (format(alt, minimalEncoding) !== format(alt, libraryEncoding))
      accept.push({ expect: alt, output: format(alt, minimalEncoding) });
  }
  if (options.alternatives) notes.push(options.note!);
  if (accept.length > 1) {
    if (accept.some((a) => a.output !== format(a.expect, libraryEncoding))) notes.push(ENCODING_NOTE);
    c.accept = accept;
    c.note = notes.join(' ');
  }
  return c;
}

/** A header with malformed members: the others are kept (BG-20). */
function dropped(
  id: string,
  input: string | string[],
  members: Member[],
  rules: string[],
  description: string,
  options: Options = {},
): BaggageCase {
  return bg(id, input, members, [...rules, 'BG-20'], description, { ...options, valid: false });
}

/** Every C0 control char and DEL. */
const CONTROLS = [...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)), '\u007f'];
const TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";
/** Printable ASCII that is neither a token char nor a delimiter of the list (',', '=', ';'). */
const NOT_TCHAR = '"()/:<>?@[\\]{}';
/** baggage-octets that are not letters or digits. */
const OCTET_SYMBOLS = "!#$%&'()*+-./:<=>?@[]^_`{|}~";

function basics(): BaggageCase[] {
  return [
    bg('one-member', 'hello=world', [mem('hello', 'world')], ['BG-3', 'BG-4'], 'One member.'),
    bg(
      'three-members',
      'userId=alice,serverNode=DF%2028,isProduction=false',
      [mem('userId', 'alice'), mem('serverNode', 'DF 28'), mem('isProduction', 'false')],
      ['BG-3', 'BG-4', 'BG-10'],
      "The spec's example: three members, one with an escaped space.",
    ),
    bg(
      'properties-example',
      'key1=value1;property1;property2=x, key2 = value2 ;p=%E2%9C%93',
      [
        mem('key1', 'value1', [prop('property1'), prop('property2', 'x')]),
        mem('key2', 'value2', [prop('p', '\u2713')]),
      ],
      ['BG-6', 'BG-7', 'BG-15'],
      'Properties with and without values, and OWS.',
    ),
    bg('empty-header', '', [], ['BG-2'], 'An empty header has no members; nothing is sent.'),
    bg('blank-header', ' \t ', [], ['BG-2', 'BG-6'], 'A header of OWS has no members; nothing is sent.'),
    bg(
      'case-sensitive-keys',
      'K=1,k=2',
      [mem('K', '1'), mem('k', '2')],
      ['BG-3'],
      'Keys differing in case are different keys.',
    ),
    bg(
      'uppercase-key',
      'UserId=Alice',
      [mem('UserId', 'Alice')],
      ['BG-3'],
      'Upper case is allowed in keys and values.',
    ),
  ];
}

/** BG-6: OWS around keys, '=', values, ';' and ','. */
function ows(): BaggageCase[] {
  const a1b2 = [mem('a', '1'), mem('b', '2')];
  return [
    bg(
      'ows-everywhere',
      ' a = 1 ; p = 2 , b=2 ',
      [mem('a', '1', [prop('p', '2')]), mem('b', '2')],
      ['BG-6'],
      'Spaces around every part.',
    ),
    bg(
      'ows-tabs-everywhere',
      '\ta\t=\t1\t;\tp\t,\tb=2\t',
      [mem('a', '1', [prop('p')]), mem('b', '2')],
      ['BG-6'],
      'Tabs around every part.',
    ),
    bg('ows-before-comma', 'a=1 ,b=2', a1b2, ['BG-6'], 'A space before a comma.'),
    bg('ows-after-comma', 'a=1, b=2', a1b2, ['BG-6'], 'A space after a comma.'),
    bg('ows-around-equals', 'a = 1,b\t=\t2', a1b2, ['BG-6'], 'OWS around "=".'),
    bg('ows-before-value', 'a= 1', [mem('a', '1')], ['BG-6'], 'A space before a value is not part of it.'),
    bg('ows-after-key', 'a =1', [mem('a', '1')], ['BG-6'], 'A space after a key is not part of it.'),
    bg(
      'ows-around-semicolon',
      'a=1 ; p ; q = x',
      [mem('a', '1', [prop('p'), prop('q', 'x')])],
      ['BG-6', 'BG-7'],
      'OWS around ";" and property parts.',
    ),
    bg(
      'ows-many',
      `${' '.repeat(30)}a${'\t'.repeat(30)}=${' \t'.repeat(15)}1${' '.repeat(30)}`,
      [mem('a', '1')],
      ['BG-6'],
      'Long runs of OWS.',
    ),
    dropped(
      'ows-inside-value',
      'x=1,a=1 2,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-4', 'BG-6'],
      'A space inside a value makes the member malformed.',
    ),
    dropped(
      'ows-inside-key',
      'x=1,a b=2,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-3', 'BG-6'],
      'A space inside a key makes the member malformed.',
    ),
  ];
}

/** BG-3: keys are tokens. */
function keys(): BaggageCase[] {
  const out: BaggageCase[] = [];
  for (const c of TCHAR_SYMBOLS)
    out.push(
      bg(
        `key-char-${charName(c)}`,
        `a${c}b=1`,
        [mem(`a${c}b`, '1')],
        c === '%' ? ['BG-3', 'BG-12'] : ['BG-3'],
        `${JSON.stringify(c)} is a token char: allowed in a key.`,
      ),
    );
  out.push(
    bg(
      'key-every-char',
      `${TCHAR_SYMBOLS}09AZaz=1`,
      [mem(`${TCHAR_SYMBOLS}09AZaz`, '1')],
      ['BG-3'],
      'A key of every token symbol, digits and letters.',
    ),
    bg('key-one-char', 'k=1', [mem('k', '1')], ['BG-3'], 'A key of one char.'),
    bg('key-digits', '123=1', [mem('123', '1')], ['BG-3'], 'A key of digits.'),
  );
  for (const c of [...NOT_TCHAR, '\t', '\u0000', '\u007f', '\u00e9']) {
    out.push(
      dropped(
        `key-char-${charName(c)}`,
        `x=1,a${c}b=2,y=3`,
        [mem('x', '1'), mem('y', '3')],
        ['BG-3'],
        `${JSON.stringify(c)} is not a token char: the member is dropped.`,
      ),
    );
  }
  out.push(
    dropped(
      'key-semicolon',
      'x=1,a;b=2,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-3', 'BG-7'],
      'A ";" right after a key, before "=": malformed.',
    ),
    dropped('key-empty', 'x=1,=2,y=3', [mem('x', '1'), mem('y', '3')], ['BG-3'], 'A member without a key.'),
    dropped(
      'key-empty-ows',
      'x=1, =2,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-3', 'BG-6'],
      'A member whose key is only OWS.',
    ),
    dropped(
      'key-no-equals',
      'x=1,k,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-3', 'BG-5'],
      'A key without "=" and value.',
    ),
    dropped(
      'key-with-property-no-value',
      'x=1,k;p=1,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-5', 'BG-7'],
      'A key followed by a property but no "=" and value.',
    ),
  );
  return out;
}

/** BG-4, BG-5: values are baggage-octets; the first '=' ends the key. */
function values(): BaggageCase[] {
  const out: BaggageCase[] = [];
  for (const c of OCTET_SYMBOLS) {
    const rules = ['BG-4'];
    if (c === '%') rules.push('BG-9', 'BG-14');
    if (c === '=') rules.push('BG-5');
    if (c === '+') rules.push('BG-13');
    out.push(
      bg(
        `value-char-${charName(c)}`,
        `k=a${c}b`,
        [mem('k', `a${c}b`)],
        rules,
        `${JSON.stringify(c)} is a baggage-octet: allowed in a value.`,
      ),
    );
  }
  out.push(bg('value-alphanumeric', 'k=AZaz09', [mem('k', 'AZaz09')], ['BG-4'], 'Letters and digits.'));
  const every = OCTET_SYMBOLS + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  out.push(
    bg(
      'value-every-octet',
      `k=${every}`,
      [mem('k', every)],
      ['BG-4', 'BG-14'],
      'A value of every baggage-octet ("%" not followed by hex: kept as it is).',
    ),
  );
  for (const c of [' ', '"', '\\', ...CONTROLS, '\u00e9', '\u20ac', '\u{1f600}']) {
    const rules = c.charCodeAt(0) > 0x7f ? ['BG-4', 'BG-8'] : ['BG-4'];
    out.push(
      dropped(
        `value-char-${charName(c)}`,
        `x=1,k=a${c}b,y=3`,
        [mem('x', '1'), mem('y', '3')],
        rules,
        `${JSON.stringify(c)} is not a baggage-octet: the member is dropped.`,
      ),
    );
  }
  out.push(
    dropped(
      'value-comma',
      'k=a,b',
      [mem('k', 'a')],
      ['BG-4'],
      'A comma ends the member: "b" is a malformed member of its own.',
    ),
    bg('value-semicolon', 'k=a;b', [mem('k', 'a', [prop('b')])], ['BG-4', 'BG-7'], 'A semicolon starts a property.'),
    bg(
      'value-equals-inside',
      'k=a=b',
      [mem('k', 'a=b')],
      ['BG-5'],
      'The member is split at its first "=": the value holds the second.',
    ),
    bg('value-equals-only', 'k==', [mem('k', '=')], ['BG-5'], 'A value that is "=".'),
    bg('value-equals-first', 'k==a', [mem('k', '=a')], ['BG-5'], 'A value starting with "=".'),
    bg('value-equals-last', 'k=a=', [mem('k', 'a=')], ['BG-5'], 'A value ending with "=".'),
    bg('value-equals-many', 'k=a==b==', [mem('k', 'a==b==')], ['BG-5'], 'Several "=" in a value.'),
    bg('value-base64', 'token=dGVzdA==', [mem('token', 'dGVzdA==')], ['BG-5'], 'A base64 value with padding.'),
    bg('value-empty', 'k=', [mem('k', '')], ['BG-4'], 'An empty value is allowed.'),
    bg('value-empty-ows', 'k= ', [mem('k', '')], ['BG-4', 'BG-6'], 'An empty value followed by OWS.'),
    bg(
      'value-empty-then-member',
      'k=,j=1',
      [mem('k', ''), mem('j', '1')],
      ['BG-4'],
      'An empty value, then another member.',
    ),
    bg(
      'value-empty-with-property',
      'k=;p=1',
      [mem('k', '', [prop('p', '1')])],
      ['BG-4', 'BG-7'],
      'An empty value with a property.',
    ),
    bg('value-long', `k=${'v'.repeat(4000)}`, [mem('k', 'v'.repeat(4000))], ['BG-4', 'BG-16'], 'A 4,000-char value.'),
  );
  return out;
}

/** BG-7, BG-15: properties. */
function properties(): BaggageCase[] {
  const skipNote =
    "The spec leaves an empty property open: dropping the member is this corpus's answer; " +
    'skipping only the empty property is accepted too.';
  return [
    bg('property-no-value', 'k=v;p', [mem('k', 'v', [prop('p')])], ['BG-7'], 'A property without a value.'),
    bg('property-value', 'k=v;p=1', [mem('k', 'v', [prop('p', '1')])], ['BG-7'], 'A property with a value.'),
    bg(
      'property-empty-value',
      'k=v;p=',
      [mem('k', 'v', [prop('p', '')])],
      ['BG-7'],
      'A property with an empty value keeps its "=".',
    ),
    bg(
      'property-order',
      'k=v;p;q=1;r',
      [mem('k', 'v', [prop('p'), prop('q', '1'), prop('r')])],
      ['BG-7'],
      'Properties keep their order.',
    ),
    bg(
      'property-repeated',
      'k=v;p=1;p=2;p',
      [mem('k', 'v', [prop('p', '1'), prop('p', '2'), prop('p')])],
      ['BG-7'],
      'A property name may repeat; all are kept.',
    ),
    bg(
      'property-equals-in-value',
      'k=v;p=a=b',
      [mem('k', 'v', [prop('p', 'a=b')])],
      ['BG-5', 'BG-7'],
      'A property value may hold "=".',
    ),
    bg(
      'property-value-utf8',
      'k=v;p=%E2%9C%93',
      [mem('k', 'v', [prop('p', '\u2713')])],
      ['BG-10', 'BG-15'],
      'A property value is percent-decoded.',
    ),
    bg(
      'property-value-space',
      'k=v;note=a%20b',
      [mem('k', 'v', [prop('note', 'a b')])],
      ['BG-10', 'BG-15'],
      'An escaped space in a property value.',
    ),
    bg(
      'property-key-not-decoded',
      'k=v;%41=%41',
      [mem('k', 'v', [prop('%41', 'A')])],
      ['BG-12', 'BG-15'],
      'A property key is never decoded; its value is.',
    ),
    bg(
      'property-value-literal-percent',
      'k=v;p=%zz',
      [mem('k', 'v', [prop('p', '%zz')])],
      ['BG-14', 'BG-15'],
      'A "%" without two hex digits in a property value stays.',
    ),
    bg(
      'property-value-invalid-utf8',
      'k=v;p=%C3',
      [mem('k', 'v', [prop('p', '\ufffd')])],
      ['BG-10', 'BG-15'],
      'A truncated UTF-8 sequence in a property value.',
    ),
    bg(
      'property-value-plus',
      'k=v;p=a+b',
      [mem('k', 'v', [prop('p', 'a+b')])],
      ['BG-13', 'BG-15'],
      'A "+" in a property value is a plus.',
    ),
    bg(
      'property-on-each-member',
      'a=1;p,b=2;q=3',
      [mem('a', '1', [prop('p')]), mem('b', '2', [prop('q', '3')])],
      ['BG-7'],
      'Each member has its own properties.',
    ),
    bg(
      'property-ttl',
      'session=abc;ttl=30;secure',
      [mem('session', 'abc', [prop('ttl', '30'), prop('secure')])],
      ['BG-7'],
      'Typical metadata properties.',
    ),
    dropped(
      'property-empty-trailing',
      'x=1,k=v;,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-7'],
      'A ";" with no property after it.',
      { alternatives: [[mem('x', '1'), mem('k', 'v'), mem('y', '3')]], note: skipNote },
    ),
    dropped(
      'property-empty-between',
      'x=1,k=v;;p,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-7'],
      'An empty property between ";;".',
      { alternatives: [[mem('x', '1'), mem('k', 'v', [prop('p')]), mem('y', '3')]], note: skipNote },
    ),
    dropped(
      'property-no-key',
      'x=1,k=v;=p,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-7'],
      'A property with a value but no name.',
      { alternatives: [[mem('x', '1'), mem('k', 'v'), mem('y', '3')]], note: skipNote },
    ),
    dropped(
      'property-space-in-key',
      'x=1,k=v;p q,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-3', 'BG-7'],
      'A space inside a property key.',
    ),
    dropped(
      'property-bad-key-char',
      'x=1,k=v;p@=1,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-3', 'BG-7'],
      'A property key that is not a token.',
    ),
    dropped(
      'property-space-in-value',
      'x=1,k=v;p=a b,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-4', 'BG-15'],
      'A space inside a property value.',
    ),
    dropped(
      'property-quote-in-value',
      'x=1,k=v;p="a",y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-4', 'BG-15'],
      'A quote inside a property value.',
    ),
    dropped(
      'property-non-ascii-value',
      'x=1,k=v;p=\u00e9,y=3',
      [mem('x', '1'), mem('y', '3')],
      ['BG-8', 'BG-15'],
      'A raw non-ASCII char in a property value.',
    ),
  ];
}

/** BG-8, BG-9, BG-10: percent-encoding and decoding. */
function percent(): BaggageCase[] {
  const d = (id: string, value: string, decoded: string, rules: string[], description: string) =>
    bg(`decode-${id}`, `k=${value}`, [mem('k', decoded)], rules, description);
  return [
    d('ascii', '%41', 'A', ['BG-10'], 'An escaped ASCII letter.'),
    d('ascii-run', '%41%42%43', 'ABC', ['BG-10'], 'Several escaped ASCII letters.'),
    d(
      'two-byte-lower-hex',
      'caf%c3%a9',
      'caf\u00e9',
      ['BG-8', 'BG-10'],
      'Lower-case hex digits decode too; output uses upper case.',
    ),
    d('two-byte', 'caf%C3%A9', 'caf\u00e9', ['BG-8', 'BG-10'], 'A two-byte UTF-8 char.'),
    d('three-byte', '%E2%9C%93', '\u2713', ['BG-8', 'BG-10'], 'A three-byte UTF-8 char.'),
    d('three-byte-mixed-case', '%e2%9C%93', '\u2713', ['BG-10'], 'Mixed-case hex digits.'),
    d('four-byte', '%F0%9F%98%80', '\u{1f600}', ['BG-8', 'BG-10'], 'A four-byte UTF-8 char (outside the BMP).'),
    d('cjk', '%E4%BD%A0%E5%A5%BD', '\u4f60\u597d', ['BG-8', 'BG-10'], 'Two CJK chars.'),
    d('space', 'a%20b', 'a b', ['BG-8', 'BG-10'], 'An escaped space.'),
    d('comma', 'a%2Cb', 'a,b', ['BG-8', 'BG-10'], 'An escaped comma is part of the value.'),
    d('semicolon', 'a%3Bb', 'a;b', ['BG-8', 'BG-10'], 'An escaped semicolon is part of the value.'),
    d('quote', '%22quoted%22', '"quoted"', ['BG-8', 'BG-10'], 'Escaped double quotes.'),
    d('backslash', 'a%5Cb', 'a\\b', ['BG-8', 'BG-10'], 'An escaped backslash.'),
    d('percent', '%25', '%', ['BG-9', 'BG-10'], 'An escaped "%" is sent on escaped.'),
    d('percent-twice', '%2525', '%25', ['BG-9', 'BG-10'], 'Decoding happens once: %2525 is "%25".'),
    d('equals', 'a%3Db', 'a=b', ['BG-10'], 'An escaped "=".'),
    d('nul', '%00', '\u0000', ['BG-8', 'BG-10'], 'An escaped NUL byte is a char of the value.'),
    d('newline', 'a%0Ab', 'a\nb', ['BG-8', 'BG-10'], 'An escaped newline.'),
    d('del', '%7F', '\u007f', ['BG-8', 'BG-10'], 'An escaped DEL.'),
    d('replacement-char', '%EF%BF%BD', '\ufffd', ['BG-10'], 'U+FFFD itself, validly encoded.'),
    d('bom', '%EF%BB%BFx', '\ufeffx', ['BG-10'], 'A byte order mark is an ordinary char.'),
    d('mixed', 'Hello%2C%20w%C3%B6rld%21', 'Hello, w\u00f6rld!', ['BG-8', 'BG-10'], 'Escaped and plain chars mixed.'),
  ];
}

/** BG-10, BG-11: invalid UTF-8 becomes U+FFFD, one per maximal subpart. */
function invalidUtf8(): BaggageCase[] {
  const R = '\ufffd';
  const u = (id: string, value: string, decoded: string, description: string) =>
    bg(`utf8-${id}`, `k=${value}`, [mem('k', decoded)], ['BG-10', 'BG-11'], description);
  const out: BaggageCase[] = [
    u('truncated-3-byte', '%E2%82', R, 'A three-byte sequence cut after two bytes: one U+FFFD.'),
    u('truncated-then-ascii', '%E2%82A', `${R}A`, 'A cut sequence, then a plain char that ends it.'),
    u('overlong-slash', '%C0%AF', R + R, 'An overlong "/": two U+FFFD.'),
    u('surrogate', '%ED%A0%80', R + R + R, 'An encoded surrogate: three U+FFFD.'),
    u('above-max', '%F4%90%80%80', R + R + R + R, 'A code point above U+10FFFF: four U+FFFD.'),
    u('lone-continuation', '%80', R, 'A lone continuation byte.'),
    u('overlong-3-byte', '%E0%80%AF', R + R + R, 'An overlong three-byte form.'),
    u('overlong-3-byte-max', '%E0%9F%BF', R + R + R, 'The largest overlong three-byte form.'),
    u('overlong-4-byte', '%F0%80%80%AF', R + R + R + R, 'An overlong four-byte form.'),
    u('overlong-2-byte-max', '%C1%BF', R + R, 'The largest overlong two-byte form.'),
    u('surrogate-max', '%ED%BF%BF', R + R + R, 'The last encoded surrogate.'),
    u('f5-lead', '%F5%80%80%80', R + R + R + R, 'F5 is never a lead byte.'),
    u('f7-lead', '%F7%BF%BF%BF', R + R + R + R, 'F7 is never a lead byte.'),
    u('truncated-4-byte-3', '%F0%9F%98', R, 'A four-byte sequence cut after three bytes: one U+FFFD.'),
    u('truncated-4-byte-2', '%F0%9F', R, 'A four-byte sequence cut after two bytes.'),
    u('truncated-4-byte-then-ascii', '%F0%9F%98A', `${R}A`, 'A cut four-byte sequence, then a plain char.'),
    u('truncated-then-valid', '%C3%C3%A9', `${R}\u00e9`, 'A lead byte, then a complete two-byte char.'),
    u('truncated-3-then-valid', '%E2%82%E2%9C%93', `${R}\u2713`, 'A cut sequence, then a complete three-byte char.'),
    u(
      'truncated-4-then-valid',
      '%F0%9F%98%F0%9F%98%80',
      `${R}\u{1f600}`,
      'A cut four-byte sequence, then a complete one.',
    ),
    u('interrupted-by-plain', '%E2%82x%AC', `${R}x${R}`, 'A plain char in the middle of a sequence.'),
    u('interrupted-by-literal-percent', '%E2%82%zz', `${R}%zz`, 'A literal "%" in the middle of a sequence.'),
    u('two-leads', '%C3%C3', R + R, 'Two lead bytes with no continuation.'),
    u('continuations', '%80%80%80', R + R + R, 'Three continuation bytes: one U+FFFD each.'),
    u('valid-2-byte-min', '%C2%80', '\u0080', 'The smallest two-byte char is valid.'),
    u('valid-2-byte-max', '%DF%BF', '\u07ff', 'The largest two-byte char is valid.'),
    u('valid-3-byte-min', '%E0%A0%80', '\u0800', 'The smallest three-byte char is valid.'),
    u('valid-before-surrogates', '%ED%9F%BF', '\ud7ff', 'U+D7FF, just below the surrogates, is valid.'),
    u('valid-after-surrogates', '%EE%80%80', '\ue000', 'U+E000, just above the surrogates, is valid.'),
    u('valid-4-byte-min', '%F0%90%80%80', '\u{10000}', 'The smallest four-byte char is valid.'),
    u('valid-max', '%F4%8F%BF%BF', '\u{10ffff}', 'U+10FFFF, the largest code point, is valid.'),
  ];
  // Every non-ASCII byte alone is invalid: one U+FFFD; followed by a plain char, that char stays.
  for (const b of [
    0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xf8, 0xfc, 0xfe,
    0xff,
  ]) {
    const hex = b.toString(16).toUpperCase();
    out.push(u(`lone-byte-${hex.toLowerCase()}`, `%${hex}`, R, `The byte ${hex} alone is not UTF-8: one U+FFFD.`));
    out.push(
      u(
        `lone-byte-${hex.toLowerCase()}-then-plain`,
        `%${hex}z`,
        `${R}z`,
        `The byte ${hex}, then a plain "z": U+FFFD and "z".`,
      ),
    );
  }
  return out;
}

/** BG-12, BG-13, BG-14: what is not decoded. */
function notDecoded(): BaggageCase[] {
  const lit = (id: string, value: string, decoded: string, description: string) =>
    bg(`literal-percent-${id}`, `k=${value}`, [mem('k', decoded)], ['BG-14', 'BG-9'], description);
  return [
    lit('alone', '%', '%', 'A "%" alone stays a "%" (and is sent on as %25).'),
    lit('one-digit', '%4', '%4', 'A "%" with one hex digit.'),
    lit('not-hex', '%zz', '%zz', 'A "%" followed by two non-hex chars.'),
    lit('second-not-hex', '%4g', '%4g', 'A "%" whose second char is not hex.'),
    lit('first-not-hex', '%g4', '%g4', 'A "%" whose first char is not hex.'),
    lit('double', '%%', '%%', 'Two "%" in a row.'),
    lit('then-escape', '%%41', '%A', 'A literal "%" followed by an escape.'),
    lit('at-end', '100%', '100%', 'A "%" at the end of a value.'),
    lit('after-escape', '%41%', 'A%', 'An escape, then a "%" at the end.'),
    lit('one-digit-at-end', 'a%2', 'a%2', 'A "%" and one hex digit at the end.'),
    lit('minus', '%-1', '%-1', 'A "%" followed by a minus sign.'),
    lit('three', '%%%', '%%%', 'Three "%".'),
    bg('plus-literal', 'k=a+b', [mem('k', 'a+b')], ['BG-13'], 'A "+" is a plus sign, not a space.'),
    bg('plus-alone', 'k=+', [mem('k', '+')], ['BG-13'], 'A value that is "+".'),
    bg('plus-escaped', 'k=%2B', [mem('k', '+')], ['BG-10', 'BG-13'], 'An escaped "+".'),
    bg('plus-and-space', 'k=a%20+b', [mem('k', 'a +b')], ['BG-10', 'BG-13'], 'An escaped space next to a plus.'),
    bg('key-not-decoded', '%41=1', [mem('%41', '1')], ['BG-12'], 'A key is never percent-decoded.'),
    bg('key-escaped-space', 'a%20b=1', [mem('a%20b', '1')], ['BG-12'], 'An escape in a key stays as it is.'),
    bg(
      'key-escaped-utf8',
      '%E2%9C%93=%E2%9C%93',
      [mem('%E2%9C%93', '\u2713')],
      ['BG-12', 'BG-10'],
      'The same escapes: decoded in the value, not in the key.',
    ),
    bg('key-percent-only', '%=1', [mem('%', '1')], ['BG-12'], 'A key that is "%".'),
    bg(
      'key-percent-end',
      'k%=v%41',
      [mem('k%', 'vA')],
      ['BG-12', 'BG-10'],
      'A "%" ending a key; an escape in the value.',
    ),
  ];
}

/** BG-19, BG-22: duplicate keys keep their order. */
function duplicates(): BaggageCase[] {
  return [
    bg(
      'duplicate-keys',
      'k=1,k=2',
      [mem('k', '1'), mem('k', '2')],
      ['BG-19', 'BG-22'],
      'A key twice: both kept, in order.',
    ),
    bg(
      'duplicate-same-value',
      'k=1,k=1',
      [mem('k', '1'), mem('k', '1')],
      ['BG-19', 'BG-22'],
      'A member twice: both kept.',
    ),
    bg(
      'duplicate-between',
      'k=1,j=2,k=3',
      [mem('k', '1'), mem('j', '2'), mem('k', '3')],
      ['BG-19', 'BG-22'],
      'Duplicates around another key keep their places.',
    ),
    bg(
      'duplicate-properties',
      'k=1;p,k=2;q',
      [mem('k', '1', [prop('p')]), mem('k', '2', [prop('q')])],
      ['BG-7', 'BG-19'],
      'Each duplicate keeps its own properties.',
    ),
    bg(
      'duplicate-two-lines',
      ['k=1', 'k=2'],
      [mem('k', '1'), mem('k', '2')],
      ['BG-2', 'BG-19'],
      'The same key on two lines.',
    ),
  ];
}

/** BG-2, BG-18: several header lines are one list. */
function lines(): BaggageCase[] {
  return [
    bg('two-lines', ['a=1', 'b=2'], [mem('a', '1'), mem('b', '2')], ['BG-2'], 'Two lines combine in order.'),
    bg(
      'three-lines',
      ['a=1', 'b=2,c=3', 'd=4;p'],
      [mem('a', '1'), mem('b', '2'), mem('c', '3'), mem('d', '4', [prop('p')])],
      ['BG-2'],
      'Three lines combine in order.',
    ),
    bg(
      'two-lines-ows',
      [' a=1 ', '\tb=2\t'],
      [mem('a', '1'), mem('b', '2')],
      ['BG-2', 'BG-6'],
      'Each line may carry OWS.',
    ),
    bg('one-line-array', ['a=1,b=2'], [mem('a', '1'), mem('b', '2')], ['BG-2'], 'One header line.'),
    bg(
      'two-lines-properties',
      ['a=1;p', 'b=2;q=%41'],
      [mem('a', '1', [prop('p')]), mem('b', '2', [prop('q', 'A')])],
      ['BG-2', 'BG-7'],
      'Properties on each line.',
    ),
    dropped(
      'two-lines-one-malformed',
      ['a=1', 'bad key=2', 'c=3'],
      [mem('a', '1'), mem('c', '3')],
      ['BG-2', 'BG-3'],
      'A malformed member on one line; the other lines are kept.',
    ),
    dropped(
      'two-lines-second-empty',
      ['a=1', ''],
      [mem('a', '1')],
      ['BG-2'],
      'An empty second line is an empty list member.',
    ),
  ];
}

const seqMembers = (n: number, from = 0): Member[] =>
  Array.from({ length: n }, (_, i) => mem(`k${i + from}`, `v${i + from}`));
const joined = (ms: Member[]): string => ms.map((m) => `${m.key}=${m.value}`).join(',');
/** A member of exactly n bytes: key, "=", then x's. */
const sized = (key: string, n: number): Member => mem(key, 'x'.repeat(n - key.length - 1));

/** BG-16, BG-17, BG-18: limits. */
function limits(): BaggageCase[] {
  const limitNote =
    'Beyond 64 members or 8,192 bytes a receiver may drop members, in any order (BG-16), ' +
    'but never part of one (BG-17): keeping every member, or dropping from the right, are accepted too.';
  const beyond = (
    id: string,
    input: string | string[],
    members: Member[],
    alternatives: Member[][],
    rules: string[],
    description: string,
    valid = true,
  ) =>
    bg(`limit-${id}`, input, members, ['BG-16', 'BG-17', ...rules], description, {
      valid,
      alternatives,
      note: limitNote,
    });
  const k64 = seqMembers(64);
  const k65 = seqMembers(65);
  const k180 = seqMembers(180);
  const k181 = seqMembers(181);
  const a4096 = sized('a', 4096);
  const b4095 = sized('b', 4095);
  const b4096 = sized('b', 4096);
  // 62 members of 127 bytes and 2 of 128, with 63 commas: 8,193 bytes.
  const over64: Member[] = Array.from({ length: 64 }, (_, i) =>
    sized(`m${String(i).padStart(2, '0')}`, i < 62 ? 127 : 128),
  );
  // 63 members of 127 bytes and 1 of 128, with 63 commas: 8,192 bytes.
  const exact64: Member[] = Array.from({ length: 64 }, (_, i) =>
    sized(`m${String(i).padStart(2, '0')}`, i < 63 ? 127 : 128),
  );
  const third = [sized('a', 2730), sized('b', 2730), sized('c', 2730)];
  const k40a = seqMembers(40);
  const k40b = seqMembers(40, 40);
  const big = [sized('a', 4096), sized('b', 4096), mem('c', '1')];
  const padded = [sized('a', 4000), sized('b', 4000)];
  const interleaved: string[] = [];
  for (let i = 0; i < 64; i++) interleaved.push(`k${i}=v${i}`, ...(i % 3 === 0 ? [`bad key${i}=x`] : []));
  return [
    bg('limit-64-members', joined(k64), k64, ['BG-16'], '64 members must all be kept.'),
    beyond(
      '65-members',
      joined(k65),
      k65,
      [k65.slice(0, 64)],
      [],
      '65 members: this corpus keeps all; keeping 64 is accepted too.',
    ),
    beyond(
      '180-members',
      joined(k180),
      k180,
      [k180.slice(0, 64)],
      [],
      "180 members: this corpus keeps all, the grammar's most.",
    ),
    beyond(
      '181-members',
      joined(k181),
      k181.slice(0, 180),
      [k181.slice(0, 64), k181],
      [],
      '181 members, one more than the grammar allows: this corpus keeps 180.',
      false,
    ),
    bg(
      'limit-8192-bytes',
      joined([a4096, b4095]),
      [a4096, b4095],
      ['BG-16'],
      'Two members making exactly 8,192 bytes must both be kept.',
    ),
    beyond(
      '8193-bytes',
      joined([a4096, b4096]),
      [a4096],
      [[a4096, b4096]],
      [],
      '8,193 bytes: the member that passes the limit is dropped whole.',
      false,
    ),
    bg(
      'limit-64-members-8192-bytes',
      joined(exact64),
      exact64,
      ['BG-16'],
      '64 members and 8,192 bytes: both limits reached, everything kept.',
    ),
    beyond(
      '64-members-8193-bytes',
      joined(over64),
      over64.slice(0, 63),
      [over64],
      [],
      '64 members making 8,193 bytes: the last member is dropped whole.',
      false,
    ),
    bg(
      'limit-8192-bytes-three-lines',
      third.map((x) => joined([x])),
      third,
      ['BG-16', 'BG-18', 'BG-2'],
      'Three lines of 2,730 bytes: 8,192 bytes in all, everything kept.',
    ),
    beyond(
      '80-members-two-lines',
      [joined(k40a), joined(k40b)],
      [...k40a, ...k40b],
      [[...k40a, ...k40b].slice(0, 64)],
      ['BG-18', 'BG-2'],
      '40 members on each of two lines: the limit counts both lines.',
    ),
    beyond(
      'small-member-after-limit',
      joined(big),
      [big[0]],
      [[big[0], big[2]], big],
      [],
      'A member that passes 8,192 bytes, then a small one: dropping either way is allowed.',
      false,
    ),
    bg(
      'limit-ows-not-counted',
      joined(padded).replace(',', `${' \t'.repeat(150)},${'\t '.repeat(150)}`),
      padded,
      ['BG-16', 'BG-6'],
      'OWS makes the input longer than 8,192 bytes, but what is sent on is 8,001: all kept.',
    ),
    dropped(
      'limit-malformed-not-counted',
      interleaved.join(','),
      seqMembers(64),
      ['BG-16'],
      '64 valid members among malformed ones: all 64 kept.',
    ),
    bg('limit-member-4096-bytes', joined([a4096]), [a4096], ['BG-16'], 'One member of 4,096 bytes.'),
    bg(
      'limit-member-4097-bytes',
      joined([sized('a', 4097)]),
      [sized('a', 4097)],
      ['BG-16'],
      'One member of 4,097 bytes: one member and under 8,192 bytes, so it must be kept.',
    ),
    bg(
      'limit-member-5000-bytes-between',
      `x=1,${joined([sized('a', 5000)])},y=2`,
      [mem('x', '1'), sized('a', 5000), mem('y', '2')],
      ['BG-16', 'BG-17'],
      'A 5,000-byte member between two small ones: 5,010 bytes, all must be kept.',
    ),
  ];
}

/** BG-20, BG-23: malformed and hostile input. */
function malformed(): BaggageCase[] {
  return [
    dropped('malformed-key-only', 'k', [], ['BG-5'], 'A key without "=": nothing kept.'),
    dropped('malformed-value-only', '=v', [], ['BG-3'], 'A value without a key.'),
    dropped('malformed-comma', ',', [], ['BG-3'], 'A comma alone: two empty members.'),
    dropped('malformed-commas-ows', ' , , ', [], ['BG-3', 'BG-6'], 'Commas and OWS only.'),
    dropped('malformed-leading-comma', ',k=v', [mem('k', 'v')], ['BG-3'], 'An empty first member.'),
    dropped('malformed-trailing-comma', 'k=v,', [mem('k', 'v')], ['BG-3'], 'An empty last member.'),
    dropped(
      'malformed-empty-between',
      'k=v,,j=w',
      [mem('k', 'v'), mem('j', 'w')],
      ['BG-3'],
      'An empty member between two.',
    ),
    dropped('malformed-quoted-value', 'x=1,k="v",y=2', [mem('x', '1'), mem('y', '2')], ['BG-4'], 'A quoted value.'),
    dropped(
      'malformed-readme-example',
      'a=1,bad key=2,b=%F0%9F%98%80',
      [mem('a', '1'), mem('b', '\u{1f600}')],
      ['BG-3', 'BG-10'],
      'One malformed member among valid ones.',
    ),
    dropped(
      'malformed-all',
      'bad key=1,k="v",=x',
      [],
      ['BG-3', 'BG-4'],
      'Every member malformed: nothing kept or sent.',
    ),
    dropped('malformed-json', '{"k":"v"}', [], ['BG-3'], 'JSON is not baggage.'),
    dropped(
      'malformed-raw-utf8',
      'x=1,k=caf\u00e9,y=2',
      [mem('x', '1'), mem('y', '2')],
      ['BG-8'],
      'A raw non-ASCII char must have been percent-encoded.',
    ),
    bg('hostile-proto', '__proto__=1', [mem('__proto__', '1')], ['BG-23'], 'A key named __proto__ is an ordinary key.'),
    bg(
      'hostile-prototype-keys',
      'constructor=1,prototype=2,__proto__=3,hasOwnProperty=4',
      [mem('constructor', '1'), mem('prototype', '2'), mem('__proto__', '3'), mem('hasOwnProperty', '4')],
      ['BG-23'],
      'Object-prototype names are ordinary keys.',
    ),
    bg(
      'hostile-proto-property',
      'toString=x;__proto__=y',
      [mem('toString', 'x', [prop('__proto__', 'y')])],
      ['BG-23', 'BG-7'],
      'A property named __proto__.',
    ),
  ];
}

export function baggageCases(): BaggageCase[] {
  return [
    ...basics(),
    ...ows(),
    ...keys(),
    ...values(),
    ...properties(),
    ...percent(),
    ...invalidUtf8(),
    ...notDecoded(),
    ...duplicates(),
    ...lines(),
    ...limits(),
    ...malformed(),
  ];
}
