/**
 * tracestate cases (TC-19 .. TC-33), run with a valid traceparent alongside. Expectations are
 * written from the spec digest: a valid header keeps its members in order (a repeated key: the
 * left-most), an invalid member or a 33rd member discards the whole header (TC-26), and what is
 * sent on is the members joined by ',', whatever their length: a pass-through does not change
 * tracestate (TC-33), and 512 chars is what every participant propagates at least (TC-29).
 */
import { charName as sharedCharName } from './char-name.js';
import type { TraceStateCase, TraceStateKept } from './types.js';

/** What a participant that cuts a tracestate keeps at least (TC-29). */
const LIMIT = 512;

/** The valid traceparent that goes with every tracestate case. */
export const FIXED_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function joined(pairs: TraceStateKept): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join(',');
}

/** A header kept as `pairs` and sent on as the pairs joined, whatever their length (TC-33). */
function kept(
  id: string,
  input: string | string[],
  pairs: TraceStateKept,
  rules: string[],
  description: string,
): TraceStateCase {
  for (const [k, v] of pairs)
    if (k.length > 256 || v.length > 256)
      throw new Error(`ts-${id}: a member over the 256-char key or value limit cannot be kept`);
  const output = pairs.length === 0 ? null : joined(pairs);
  return { id: `ts-${id}`, description, rules, header: 'tracestate', input, valid: true, expect: pairs, output };
}

/** A header discarded whole: nothing kept, nothing sent; the traceparent stays valid (TC-19). */
function discarded(id: string, input: string | string[], rules: string[], description: string): TraceStateCase {
  return {
    id: `ts-${id}`,
    description,
    rules: [...rules, 'TC-26', 'TC-19'],
    header: 'tracestate',
    input,
    valid: false,
    expect: null,
    output: null,
  };
}

const charName = (c: string): string => sharedCharName(c, true);

/** Printable ASCII, 0x20-0x7e. */
const PRINTABLE = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i));
const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/@';
/** Every C0 control char and DEL. */
const CONTROLS = [...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)), '\u007f'];

function basics(): TraceStateCase[] {
  return [
    kept(
      'one-member',
      'rojo=00f067aa0ba902b7',
      [['rojo', '00f067aa0ba902b7']],
      ['TC-22', 'TC-23', 'TC-33'],
      'One member is kept and sent on as it came.',
    ),
    kept(
      'two-members',
      'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
      [
        ['rojo', '00f067aa0ba902b7'],
        ['congo', 't61rcWkgMzE'],
      ],
      ['TC-22', 'TC-23', 'TC-33'],
      'Two members keep their order.',
    ),
    kept(
      'ows-around-members',
      ' rojo=00f067aa0ba902b7 ,\tcongo=t61rcWkgMzE\t',
      [
        ['rojo', '00f067aa0ba902b7'],
        ['congo', 't61rcWkgMzE'],
      ],
      ['TC-24', 'TC-25'],
      'OWS around members is not part of them.',
    ),
    kept(
      'ows-after-comma',
      'a=1, b=2,  c=3',
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ],
      ['TC-25'],
      'A space after each comma.',
    ),
    kept(
      'ows-before-comma',
      'a=1 ,b=2\t,c=3',
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ],
      ['TC-24', 'TC-25'],
      'OWS before each comma.',
    ),
    kept('value-with-semicolon', 'a=1;b', [['a', '1;b']], ['TC-23'], 'A semicolon is an ordinary value char.'),
    kept(
      'value-like-baggage',
      'a=1;p',
      [['a', '1;p']],
      ['TC-23'],
      'Baggage-style properties are just value chars in tracestate.',
    ),
  ];
}

/** TC-22: keys. */
function keys(): TraceStateCase[] {
  const out: TraceStateCase[] = [];
  for (const c of ['a', 'z', '0', '9'])
    out.push(kept(`key-first-${c}`, `${c}x=1`, [[`${c}x`, '1']], ['TC-22'], `A key may start with ${c}.`));
  for (const c of ['_', '-', '*', '/', '@', 'A', 'Z', '.', '!']) {
    out.push(
      discarded(
        `key-first-${charName(c)}`,
        `rojo=1,${c}x=2`,
        ['TC-22'],
        `A key may not start with ${JSON.stringify(c)}.`,
      ),
    );
  }
  for (const c of KEY_CHARS.replace(/[a-y1-8]/g, '')) {
    out.push(
      kept(
        `key-char-${charName(c)}`,
        `a${c}b=1`,
        [[`a${c}b`, '1']],
        ['TC-22'],
        `${JSON.stringify(c)} is allowed inside a key.`,
      ),
    );
  }
  out.push(
    kept('key-every-char', `${KEY_CHARS}=1`, [[KEY_CHARS, '1']], ['TC-22'], 'A key made of every allowed char.'),
  );
  const illegal = [
    ...PRINTABLE.filter((c) => !KEY_CHARS.includes(c)),
    '\t',
    '\u0000',
    '\u0001',
    '\u001f',
    '\u007f',
    '\u00e9',
    '\u{1f600}',
  ];
  for (const c of illegal) {
    const why =
      c === ','
        ? 'it splits the member and leaves "a" without "="'
        : c === '='
          ? 'the key ends there and the value then holds "="'
          : /[A-Z]/.test(c)
            ? 'keys are lower case'
            : 'it is not a key char';
    out.push(
      discarded(`key-char-${charName(c)}`, `rojo=1,a${c}b=2`, ['TC-22'], `${JSON.stringify(c)} inside a key: ${why}.`),
    );
  }
  out.push(
    discarded('key-space-before-equals', 'rojo=1,a =2', ['TC-22'], 'No OWS between a key and "=".'),
    discarded('key-tab-before-equals', 'rojo=1,a\t=2', ['TC-22'], 'No tab between a key and "=".'),
    kept('key-1-char', 'a=1', [['a', '1']], ['TC-22'], 'A key of one char.'),
    kept(
      'key-256-chars',
      `${'k'.repeat(256)}=1`,
      [['k'.repeat(256), '1']],
      ['TC-22'],
      'A key of 256 chars, the longest allowed.',
    ),
    discarded('key-257-chars', `${'k'.repeat(257)}=1`, ['TC-22'], 'A key of 257 chars is too long.'),
    kept(
      'key-256-chars-digit-first',
      `${'9'.repeat(256)}=1`,
      [['9'.repeat(256), '1']],
      ['TC-22'],
      'A 256-char key of digits.',
    ),
  );
  return out;
}

/** TC-22: '@' anywhere after the first char, any number of times; no tenant@system caps. */
function atSign(): TraceStateCase[] {
  const at = (id: string, key: string, description: string) =>
    kept(`key-at-${id}`, `${key}=1`, [[key, '1']], ['TC-22'], description);
  return [
    at('vendor-tenant', 'vendor@tenant', 'The multi-tenant form vendor@tenant.'),
    at('end', 'foo@', 'A key ending in "@".'),
    at('double', 'foo@@bar', 'Two "@" in a row.'),
    at('twice', 'a@b@c', 'Two "@" in one key.'),
    at('digit-first', '0@x', 'A key starting with a digit, then "@".'),
    at('digit-system', 'a@0', 'A digit after "@".'),
    at('only-ats', 'a@@@@', 'A key of one letter and four "@".'),
    at(
      'system-15-chars',
      `t@${'s'.repeat(15)}`,
      'Fifteen chars after "@": the old 14-char cap on the system part is gone.',
    ),
    at(
      'tenant-241-system-14',
      `${'t'.repeat(241)}@${'s'.repeat(14)}`,
      'A 256-char key in the old tenant@system layout.',
    ),
    at(
      'tenant-240-system-15',
      `${'t'.repeat(240)}@${'s'.repeat(15)}`,
      'A 256-char key whose parts break the old 241/14 caps.',
    ),
    at('tenant-250-system-5', `${'t'.repeat(250)}@${'s'.repeat(5)}`, 'A 256-char key with a 250-char part before "@".'),
    at('256-chars-many', `a${'@b'.repeat(127)}@`, 'A 256-char key with 128 "@".'),
    discarded(
      'key-at-257-chars',
      `${'t'.repeat(241)}@${'s'.repeat(15)}`,
      ['TC-22'],
      'A 257-char key with "@" is too long.',
    ),
    discarded('key-at-first', '@vendor=1', ['TC-22'], 'A key may not start with "@".'),
    discarded('key-at-uppercase-system', 'vendor@Tenant=1', ['TC-22'], 'Upper case after "@" is still upper case.'),
  ];
}

/** TC-23, TC-24: values. */
function values(): TraceStateCase[] {
  const out: TraceStateCase[] = [];
  for (const c of PRINTABLE.filter((c) => c !== ',' && c !== '=')) {
    out.push(
      kept(
        `value-char-${charName(c)}`,
        `a=x${c}y`,
        [['a', `x${c}y`]],
        ['TC-23'],
        `${JSON.stringify(c)} is allowed inside a value.`,
      ),
    );
  }
  const every = PRINTABLE.filter((c) => c !== ',' && c !== '=' && c !== ' ').join('');
  out.push(
    kept(
      'value-every-char',
      `a=${every}`,
      [['a', every]],
      ['TC-23'],
      'A value made of every allowed char but the space.',
    ),
  );
  for (const c of ['=', ...CONTROLS, '\u00e9', '\u20ac', '\u{1f600}']) {
    out.push(
      discarded(
        `value-char-${charName(c)}`,
        `rojo=1,a=x${c}y`,
        ['TC-23'],
        `${JSON.stringify(c)} is not allowed inside a value.`,
      ),
    );
  }
  out.push(
    discarded(
      'value-char-comma',
      'rojo=1,a=x,y',
      ['TC-22', 'TC-23'],
      'A comma ends the value: "y" is a member without "=".',
    ),
    discarded('value-equals-end', 'a=x=', ['TC-23'], 'A value ending in "=".'),
    discarded('value-equals-only', 'a==', ['TC-23'], 'A value that is "=".'),
    discarded('value-empty', 'rojo=1,a=', ['TC-23'], 'An empty value is invalid.'),
    discarded('value-empty-last', 'a=', ['TC-23'], 'A lone member with an empty value.'),
    discarded(
      'value-spaces-only',
      'a=   ',
      ['TC-23', 'TC-24'],
      'A value of spaces is trailing OWS around an empty value.',
    ),
    discarded('value-tab-only', 'a=\t', ['TC-23', 'TC-24'], 'A value of a tab is trailing OWS around an empty value.'),
    discarded(
      'value-leading-tab',
      'a=\tx',
      ['TC-23', 'TC-24'],
      'A tab is never part of a value: not even at its start.',
    ),
    discarded('value-inner-tab', 'a=x\ty', ['TC-23'], 'A tab inside a value.'),
    kept('value-leading-space', 'a= x', [['a', ' x']], ['TC-24'], 'A leading space belongs to the value and is kept.'),
    kept(
      'value-leading-spaces',
      'a=   x',
      [['a', '   x']],
      ['TC-24'],
      'Leading spaces belong to the value and are kept.',
    ),
    kept('value-inner-spaces', 'a=x  y z', [['a', 'x  y z']], ['TC-23'], 'Spaces inside a value are kept.'),
    kept(
      'value-leading-and-trailing',
      'a= x ',
      [['a', ' x']],
      ['TC-24'],
      'The leading space is kept, the trailing one is OWS.',
    ),
    kept('value-trailing-space', 'a=x ', [['a', 'x']], ['TC-24'], 'A trailing space is OWS, not part of the value.'),
    kept('value-trailing-tab', 'a=x\t', [['a', 'x']], ['TC-24'], 'A trailing tab is OWS, not part of the value.'),
    kept(
      'value-trailing-ows-mixed',
      'a=x \t \t,b=y',
      [
        ['a', 'x'],
        ['b', 'y'],
      ],
      ['TC-24'],
      'Trailing spaces and tabs before a comma are OWS.',
    ),
    kept('value-1-char', 'a=x', [['a', 'x']], ['TC-23'], 'A value of one char.'),
    kept(
      'value-256-chars',
      `a=${'v'.repeat(256)}`,
      [['a', 'v'.repeat(256)]],
      ['TC-23'],
      'A value of 256 chars, the longest allowed.',
    ),
    discarded('value-257-chars', `a=${'v'.repeat(257)}`, ['TC-23'], 'A value of 257 chars is too long.'),
    kept(
      'value-256-with-leading-space',
      `a= ${'v'.repeat(255)}`,
      [['a', ` ${'v'.repeat(255)}`]],
      ['TC-23', 'TC-24'],
      'A leading space counts towards the 256 chars.',
    ),
    discarded(
      'value-257-with-leading-space',
      `a= ${'v'.repeat(256)}`,
      ['TC-23', 'TC-24'],
      'A leading space and 256 chars make 257.',
    ),
    kept(
      'value-256-then-ows',
      `a=${'v'.repeat(256)}  \t `,
      [['a', 'v'.repeat(256)]],
      ['TC-23', 'TC-24'],
      'Trailing OWS does not count towards the 256 chars.',
    ),
    kept(
      'value-looks-like-member',
      'a=b;c:d',
      [['a', 'b;c:d']],
      ['TC-23'],
      'Semicolons and colons are ordinary value chars.',
    ),
  );
  return out;
}

/** TC-22, TC-23: members that are not key=value. */
function structure(): TraceStateCase[] {
  return [
    discarded('member-no-equals', 'rojo=1,congo', ['TC-22'], 'A member without "=".'),
    discarded('member-only-key', 'congo', ['TC-22'], 'A header that is a bare key.'),
    discarded('member-empty-key', 'rojo=1,=2', ['TC-22'], 'A member with an empty key.'),
    discarded('member-only-equals', '=', ['TC-22', 'TC-23'], 'A member that is "=".'),
    discarded('member-json', '{"a":1}', ['TC-22'], 'JSON is not a tracestate.'),
    discarded('member-key-space-value', 'a b', ['TC-22'], 'A key and value separated by a space.'),
    discarded('member-colon', 'a:1', ['TC-22'], 'A key and value separated by a colon.'),
    discarded(
      'member-invalid-first-of-many',
      'Rojo=1,congo=2,a=3',
      ['TC-22'],
      'The first of three members is invalid: all three go.',
    ),
    discarded(
      'member-invalid-last-of-many',
      'rojo=1,congo=2,a=',
      ['TC-23'],
      'The last of three members is invalid: all three go.',
    ),
  ];
}

/** TC-25, TC-31: empty members and empty headers. */
function empty(): TraceStateCase[] {
  const ab: TraceStateKept = [
    ['a', '1'],
    ['b', '2'],
  ];
  return [
    kept('empty-header', '', [], ['TC-25', 'TC-31'], 'An empty header is accepted; nothing is sent on.'),
    kept('empty-space', ' ', [], ['TC-25', 'TC-31'], 'A header of one space has no members.'),
    kept('empty-tabs', '\t\t', [], ['TC-25', 'TC-31'], 'A header of tabs has no members.'),
    kept('empty-comma', ',', [], ['TC-25', 'TC-31'], 'A comma alone: two empty members.'),
    kept('empty-commas', ',,,', [], ['TC-25', 'TC-31'], 'Commas alone.'),
    kept('empty-ows-commas', ' , \t, ', [], ['TC-25', 'TC-31'], 'Commas and OWS only.'),
    kept('empty-member-between', 'a=1,,b=2', ab, ['TC-25'], 'An empty member between two is skipped.'),
    kept('empty-member-ows-between', 'a=1, \t ,b=2', ab, ['TC-25'], 'A whitespace-only member is skipped.'),
    kept('empty-member-first', ',a=1,b=2', ab, ['TC-25'], 'An empty first member is skipped.'),
    kept('empty-member-last', 'a=1,b=2,', ab, ['TC-25'], 'An empty last member is skipped.'),
    kept('empty-members-everywhere', ',,a=1,,,b=2,,', ab, ['TC-25'], 'Empty members everywhere are skipped.'),
  ];
}

const seq = (n: number, from = 0): TraceStateKept =>
  Array.from({ length: n }, (_, i): [string, string] => [`k${i + from}`, `v${i + from}`]);

/** TC-21: at most 32 members. */
function counts(): TraceStateCase[] {
  const k32 = seq(32);
  const k33 = seq(33);
  const dup: TraceStateCase = discarded(
    '33-members-one-repeated',
    joined([...k32, ['k0', 'again']]),
    ['TC-21', 'TC-28'],
    '32 keys and one repeated: 33 list members.',
  );
  const leftMost = k32;
  dup.accept = [
    { expect: null, output: null },
    { expect: leftMost, output: joined(leftMost) },
  ];
  dup.note =
    "TC-21 counts list members, and the repeated one is a member: discarding the header is this corpus's answer; " +
    'a receiver that drops the repeated key first has 32 members left and may keep them.';
  return [
    kept('32-members', joined(k32), k32, ['TC-21'], '32 members, the most allowed.'),
    discarded('33-members', joined(k33), ['TC-21'], '33 members discard the whole header.'),
    discarded('100-members', joined(seq(100)), ['TC-21'], '100 members discard the whole header.'),
    kept(
      '32-members-and-empty-ones',
      `,${joined(k32).replace(/,/g, ', ,')},`,
      k32,
      ['TC-21', 'TC-25'],
      'Empty members do not count towards the 32.',
    ),
    kept(
      '32-members-ows',
      joined(k32).replace(/,/g, ' \t, '),
      k32,
      ['TC-21', 'TC-24'],
      '32 members with OWS around every comma.',
    ),
    discarded(
      '31-members-and-1-invalid',
      `${joined(seq(31))},K31=v31`,
      ['TC-21', 'TC-22'],
      '31 valid members and an invalid 32nd.',
    ),
    discarded(
      '33-members-over-two-lines',
      [joined(seq(16)), joined(seq(17, 16))],
      ['TC-20', 'TC-21'],
      '16 and 17 members on two lines: 33 in all.',
    ),
    kept(
      '32-members-over-two-lines',
      [joined(seq(16)), joined(seq(16, 16))],
      k32,
      ['TC-20', 'TC-21'],
      '16 and 16 members on two lines: 32 in all.',
    ),
    dup,
  ];
}

/** TC-20: several tracestate lines are one list. */
function lines(): TraceStateCase[] {
  return [
    kept(
      'two-lines',
      ['rojo=00f067aa0ba902b7', 'congo=t61rcWkgMzE'],
      [
        ['rojo', '00f067aa0ba902b7'],
        ['congo', 't61rcWkgMzE'],
      ],
      ['TC-20'],
      'Two lines combine in order.',
    ),
    kept('two-lines-second-empty', ['a=1', ''], [['a', '1']], ['TC-20', 'TC-25'], 'An empty second line adds nothing.'),
    kept('two-lines-first-empty', ['', 'a=1'], [['a', '1']], ['TC-20', 'TC-25'], 'An empty first line adds nothing.'),
    kept(
      'two-lines-ows',
      [' a=1 ', '\tb=2\t'],
      [
        ['a', '1'],
        ['b', '2'],
      ],
      ['TC-20', 'TC-24'],
      'Each line may carry OWS.',
    ),
    kept(
      'two-lines-trailing-commas',
      ['a=1,', ',b=2'],
      [
        ['a', '1'],
        ['b', '2'],
      ],
      ['TC-20', 'TC-25'],
      'Commas at the line ends make empty members.',
    ),
    kept(
      'three-lines',
      ['a=1', 'b=2,c=3', 'd=4'],
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
        ['d', '4'],
      ],
      ['TC-20'],
      'Three lines combine in order.',
    ),
    discarded(
      'two-lines-second-invalid',
      ['a=1', 'B=2'],
      ['TC-20', 'TC-22'],
      'An invalid member on the second line discards both lines.',
    ),
    discarded(
      'two-lines-first-invalid',
      ['a=', 'b=2'],
      ['TC-20', 'TC-23'],
      'An invalid member on the first line discards both lines.',
    ),
    kept(
      'one-line-array',
      ['a=1,b=2'],
      [
        ['a', '1'],
        ['b', '2'],
      ],
      ['TC-20'],
      'One header line.',
    ),
  ];
}

/** TC-28: a key repeated on input: the left-most is kept (or all, as they came). */
function duplicates(): TraceStateCase[] {
  const note =
    'A sender must not repeat a key, and a receiver may drop the repeats (TC-28): ' +
    'keeping the left-most and keeping every member as it came are both accepted, as the official test suite does.';
  const dup = (
    id: string,
    input: string | string[],
    leftMost: TraceStateKept,
    all: TraceStateKept,
    description: string,
  ): TraceStateCase => {
    const c = kept(
      `duplicate-${id}`,
      input,
      leftMost,
      Array.isArray(input) ? ['TC-28', 'TC-20'] : ['TC-28'],
      description,
    );
    c.accept = [
      { expect: c.expect, output: c.output },
      { expect: all, output: joined(all) },
    ];
    c.note = note;
    return c;
  };
  return [
    dup(
      'different-values',
      'foo=1,foo=2',
      [['foo', '1']],
      [
        ['foo', '1'],
        ['foo', '2'],
      ],
      'A key twice with different values: the left-most is kept.',
    ),
    dup(
      'same-values',
      'foo=1,foo=1',
      [['foo', '1']],
      [
        ['foo', '1'],
        ['foo', '1'],
      ],
      'A key twice with the same value.',
    ),
    dup(
      'between-others',
      'a=1,b=2,a=3',
      [
        ['a', '1'],
        ['b', '2'],
      ],
      [
        ['a', '1'],
        ['b', '2'],
        ['a', '3'],
      ],
      'A repeat after another member: the others keep their places.',
    ),
    dup(
      'two-keys-repeated',
      'a=1,b=2,a=3,b=4',
      [
        ['a', '1'],
        ['b', '2'],
      ],
      [
        ['a', '1'],
        ['b', '2'],
        ['a', '3'],
        ['b', '4'],
      ],
      'Two keys, each repeated once.',
    ),
    dup(
      'three-times',
      'a=1,a=2,a=3,z=0',
      [
        ['a', '1'],
        ['z', '0'],
      ],
      [
        ['a', '1'],
        ['a', '2'],
        ['a', '3'],
        ['z', '0'],
      ],
      'A key three times, then another key.',
    ),
    dup(
      'two-lines',
      ['foo=1', 'foo=2'],
      [['foo', '1']],
      [
        ['foo', '1'],
        ['foo', '2'],
      ],
      'The same key on two lines.',
    ),
    dup(
      'ows',
      'foo=1 , foo=2',
      [['foo', '1']],
      [
        ['foo', '1'],
        ['foo', '2'],
      ],
      'A repeated key with OWS around the members.',
    ),
    dup(
      'leading-space-value',
      'foo= 1,foo=1',
      [['foo', ' 1']],
      [
        ['foo', ' 1'],
        ['foo', '1'],
      ],
      'Values differing only by a leading space are different values of one key.',
    ),
    discarded(
      'duplicate-and-invalid',
      'foo=1,foo=2,Bar=3',
      ['TC-28', 'TC-22'],
      'A repeated key does not save a header with an invalid member.',
    ),
  ];
}

/** m(key, n): a member of exactly n chars; past 258 the key grows too (values stop at 256). */
function m(key: string, n: number): [string, string] {
  const value = Math.min(256, n - key.length - 1);
  return [key.padEnd(n - 1 - value, '-'), 'x'.repeat(value)];
}

const text = (p: [string, string]): string => `${p[0]}=${p[1]}`;

/**
 * TC-29, TC-30, TC-33: a tracestate over 512 chars is sent on whole: a pass-through does not change
 * it (TC-33) and 512 is a floor, not a ceiling (TC-29). A participant that changes traceparent
 * (the harness's test services start a span of their own) may cut it to no less than 512 chars, by
 * whole members (TC-30): that cut is accepted too, and each case spells it out.
 */
function truncation(): TraceStateCase[] {
  const whole =
    "A pass-through that keeps traceparent sends tracestate unchanged (TC-33): this corpus's answer, whatever " +
    'the length, as 512 chars is what every participant propagates at least (TC-29).';
  const cutToo =
    `${whole} A participant that changes traceparent may cut it to no less than ${LIMIT} chars by whole members ` +
    '(TC-30): that is accepted too.';
  const allLongToo =
    ' The spec says members over 128 chars go first without saying whether all of them go or only as many as needed: ' +
    'removing every one of them is accepted too.';
  /** Sent on whole; `output` is the TC-30 cut to 512, `alternatives` other cuts accepted. */
  const cut = (
    id: string,
    input: string | string[],
    members: TraceStateKept,
    output: string | null,
    description: string,
    { alternatives = [] as (string | null)[], rules = ['TC-29', 'TC-30', 'TC-33'] } = {},
  ): TraceStateCase => {
    const cutRules = [...rules];
    if (output === null) cutRules.push('TC-31');
    if (Array.isArray(input)) cutRules.push('TC-20');
    const c = kept(id, input, members, cutRules, description);
    if (c.output!.length <= LIMIT || (output !== null && output.length > LIMIT)) {
      throw new Error(`ts-${id}: the whole header is over ${LIMIT} chars and the cut one is not`);
    }
    const cuts = [output, ...alternatives].map((o) => ({ expect: members, output: o }));
    c.accept = [{ expect: members, output: c.output }, ...cuts];
    c.note = alternatives.length ? cutToo + allLongToo : cutToo;
    return c;
  };
  const texts = (ms: TraceStateKept): string => ms.map(text).join(',');
  const a127 = m('a', 127);
  const b127 = m('b', 127);
  const c127 = m('c', 127);
  const c128 = m('c', 128);
  const d128 = m('d', 128);
  const out: TraceStateCase[] = [];
  // 127 + 127 + 127 + 128 + 3 commas = 512: nothing to cut.
  const exact: TraceStateKept = [a127, b127, c127, d128];
  out.push(
    kept('truncate-512-chars-kept', joined(exact), exact, ['TC-29', 'TC-30'], 'A 512-char header is sent on whole.'),
  );
  // 127 + 127 + 128 + 128 + 3 = 513: cut, no member is over 128, so the right-most goes (384 left).
  const over: TraceStateKept = [a127, b127, c128, d128];
  out.push(
    cut(
      'truncate-513-chars-right-most-goes',
      joined(over),
      over,
      texts([a127, b127, c128]),
      'A 513-char header is sent on whole; cut, with no member over 128, it loses the right-most member.',
    ),
  );
  // 100 + 200 + 120 + 120 + 3 = 543: cut, the 200-char member goes first (342 left).
  const long: TraceStateKept = [m('a', 100), m('long', 200), m('c', 120), m('d', 120)];
  out.push(
    cut(
      'truncate-long-member-first',
      joined(long),
      long,
      texts([long[0], long[2], long[3]]),
      'Sent on whole; cut, the member over 128 chars goes first, though it is not the right-most.',
    ),
  );
  // 100 + 150 + 150 + 120 + 3 = 523: cut, dropping the right-most long member (150) leaves 372.
  const twoLong: TraceStateKept = [m('a', 100), m('l1', 150), m('l2', 150), m('b', 120)];
  out.push(
    cut(
      'truncate-right-most-long-member-first',
      joined(twoLong),
      twoLong,
      texts([twoLong[0], twoLong[1], twoLong[3]]),
      'Sent on whole; cut, of two members over 128 chars the right-most goes, and that is enough.',
      { alternatives: [texts([twoLong[0], twoLong[3]])] },
    ),
  );
  // 300 + 6 x 128 + 6 = 1074: cut, the 300-char member goes (773), then from the right: f (644), e (515), d (386).
  const thenRight: TraceStateKept = [
    m('long', 300),
    m('a', 128),
    m('b', 128),
    m('c', 128),
    m('d', 128),
    m('e', 128),
    m('f', 128),
  ];
  out.push(
    cut(
      'truncate-long-then-from-right',
      joined(thenRight),
      thenRight,
      texts(thenRight.slice(1, 4)),
      'Sent on whole; cut, after the long member goes it is still too long, and members go from the right.',
    ),
  );
  // 128 + 129 + 128 + 128 + 3 = 516: cut, only the 129-char member is over 128 (386 left).
  const boundary: TraceStateKept = [m('x', 128), m('y', 129), m('z', 128), m('w', 128)];
  out.push(
    cut(
      'truncate-128-is-not-long',
      joined(boundary),
      boundary,
      texts([boundary[0], boundary[2], boundary[3]]),
      'Sent on whole; cut, a 128-char member is not over 128: the 129-char one goes.',
    ),
  );
  // 3 x 300 + 2 = 902: cut, c goes (601), then b (300).
  const allLong: TraceStateKept = [m('a', 300), m('b', 300), m('c', 300)];
  out.push(
    cut(
      'truncate-only-long-members',
      joined(allLong),
      allLong,
      text(allLong[0]),
      'Sent on whole; cut, with every member over 128 chars, right-most first until it fits.',
      { alternatives: [null] },
    ),
  );
  // The same three on three lines.
  out.push(
    cut(
      'truncate-over-three-lines',
      allLong.map(text),
      allLong,
      text(allLong[0]),
      'Three lines of one long member each, sent on as one; the 512 of a cut are for the combined header.',
      { alternatives: [null] },
    ),
  );
  // 13 x 40 + 12 = 532: cut, the 13th goes (491).
  const small: TraceStateKept = Array.from({ length: 13 }, (_, i) => m(`k${String(i).padStart(2, '0')}`, 40));
  out.push(
    cut(
      'truncate-small-members-from-right',
      joined(small),
      small,
      joined(small.slice(0, 12)),
      'Thirteen 40-char members are sent on whole; cut, the right-most goes.',
    ),
  );
  // A vendor's member set first (79 chars) and 30 of 14 chars from upstream: 79 + 30 x 14 + 30 = 529.
  // Cut, the two right-most go (499 left): members another vendor sent, lost by a service that only forwards.
  const nrValue = '0-0-33-2827902-b7ad6b7169203331-e8b91a159289ff74-1-1.234567-1518469636035';
  const vendor: [string, string] = ['33@nr', nrValue];
  const upstream = Array.from({ length: 30 }, (_, i): [string, string] => [
    `k${String(i).padStart(2, '0')}`,
    `${i}`.padStart(10, 'v'),
  ]);
  const agent: TraceStateKept = [vendor, ...upstream];
  out.push(
    cut(
      'pass-through-529-chars-31-members',
      joined(agent),
      agent,
      joined(agent.slice(0, 29)),
      "A 529-char header of 31 members, a vendor's first, goes on whole: cutting it to 512 would drop two members " +
        'another vendor sent.',
    ),
  );
  // 4 x 127 + 3 = 511 without OWS; with it the input is longer than 512.
  const padded: TraceStateKept = [a127, b127, c127, m('d', 127)];
  const paddedOws = joined(padded).replace(/,/g, `${' \t'.repeat(22)} ,\t`);
  out.push(
    kept(
      'truncate-ows-not-counted',
      paddedOws,
      padded,
      ['TC-29', 'TC-30', 'TC-24'],
      'OWS in the input does not count: 511 chars are sent on.',
    ),
  );
  out.push(
    kept(
      'truncate-empty-members-not-counted',
      `${',,,,,,,,,,'.repeat(20)}${joined(padded)}`,
      padded,
      ['TC-29', 'TC-30', 'TC-25'],
      'Empty members in the input do not count: 511 chars are sent on.',
    ),
  );
  // The same and a 128-char member, with OWS and empty members: 640 chars sent on, its members joined.
  // Cut, the right-most goes (511).
  const canonicalOver: TraceStateKept = [...padded, m('e', 128)];
  const owsOver = `${joined(canonicalOver).replace(/,/g, ' \t ,\t ')},,`;
  out.push(
    cut(
      'pass-through-ows-over-512',
      owsOver,
      canonicalOver,
      joined(padded),
      'Valid but not canonical, over 512 chars: sent on whole as its members joined, without OWS and empty members.',
      { rules: ['TC-24', 'TC-25', 'TC-29', 'TC-30', 'TC-33'] },
    ),
  );
  return out;
}

export function tracestateCases(): TraceStateCase[] {
  return [
    ...basics(),
    ...keys(),
    ...atSign(),
    ...values(),
    ...structure(),
    ...empty(),
    ...counts(),
    ...lines(),
    ...duplicates(),
    ...truncation(),
  ];
}
