/**
 * traceparent cases. Every expectation is written from the spec digest (TC-2 .. TC-16), never
 * by calling the library: a valid case names the ids and flags it was built from, an invalid
 * one says "nothing kept, nothing sent" (TC-11: the receiver starts a new trace).
 */
import type { TraceparentCase } from './types.js';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const P = '00f067aa0ba902b7';
const V = `00-${T}-${P}-01`;
const T2 = '0af7651916cd43dd8448eb211c80319c';
const P2 = 'b7ad6b7169203331';
const V2 = `00-${T2}-${P2}-00`;

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

interface Kept {
  t?: string;
  p?: string;
  flags: number;
}

/** What a conforming propagator sends on: version 00, unknown flag bits cleared (TC-10). */
function sent(k: Required<Kept>): string {
  return `00-${k.t}-${k.p}-${hex2(k.flags & 0x03)}`;
}

function kept(id: string, input: string | string[], k: Kept, rules: string[], description: string): TraceparentCase {
  const full = { t: k.t ?? T, p: k.p ?? P, flags: k.flags };
  return {
    id: `tp-${id}`,
    description,
    rules,
    header: 'traceparent',
    input,
    valid: true,
    expect: { version: '00', traceId: full.t, spanId: full.p, traceFlags: full.flags },
    output: sent(full),
  };
}

function rejected(id: string, input: string | string[], rules: string[], description: string): TraceparentCase {
  return {
    id: `tp-${id}`,
    description,
    rules: [...rules, 'TC-11'],
    header: 'traceparent',
    input,
    valid: false,
    expect: null,
    output: null,
  };
}

/** Names for the characters of the systematic families, for ids. */
function charName(c: string): string {
  const names: Record<string, string> = {
    ' ': 'space',
    '\t': 'tab',
    '-': 'dash',
    '.': 'dot',
    _: 'underscore',
    '+': 'plus',
    ':': 'colon',
    '=': 'equals',
    ',': 'comma',
    '\u00e9': 'e-acute',
    '\u0000': 'nul',
    '\n': 'lf',
    '\r': 'cr',
    '\v': 'vt',
    '\f': 'ff-char',
    '\u00a0': 'nbsp',
    '\u2003': 'em-space',
    '\ufeff': 'bom',
  };
  if (names[c]) return names[c];
  if (/[A-Z]/.test(c)) return `upper-${c.toLowerCase()}`;
  return c;
}

function basics(): TraceparentCase[] {
  return [
    kept('valid-sampled', V, { flags: 0x01 }, ['TC-2', 'TC-14'], 'A version-00 traceparent with the sampled flag.'),
    kept(
      'valid-not-sampled',
      `00-${T2}-${P2}-00`,
      { t: T2, p: P2, flags: 0x00 },
      ['TC-2', 'TC-14'],
      'A version-00 traceparent without flags.',
    ),
    kept(
      'valid-sampled-random',
      `00-${T}-${P}-03`,
      { flags: 0x03 },
      ['TC-2', 'TC-14', 'TC-16'],
      'Sampled and random-trace-id flags are both kept.',
    ),
    kept(
      'valid-every-hex-digit',
      '00-0123456789abcdef0123456789abcdef-fedcba9876543210-01',
      { t: '0123456789abcdef0123456789abcdef', p: 'fedcba9876543210', flags: 1 },
      ['TC-2'],
      'Every lowercase hex digit appears in the ids.',
    ),
    kept(
      'valid-all-f-ids',
      `00-${'f'.repeat(32)}-${'f'.repeat(16)}-01`,
      { t: 'f'.repeat(32), p: 'f'.repeat(16), flags: 1 },
      ['TC-2'],
      'Ids made only of f are valid.',
    ),
    kept(
      'trace-id-one-bit',
      `00-${'0'.repeat(31)}1-${P}-01`,
      { t: '0'.repeat(31) + '1', flags: 1 },
      ['TC-5'],
      'A trace-id with a single non-zero digit is not all zeros.',
    ),
    kept(
      'trace-id-high-bit',
      `00-8${'0'.repeat(31)}-${P}-01`,
      { t: '8' + '0'.repeat(31), flags: 1 },
      ['TC-5'],
      'A trace-id that is non-zero only in its first digit.',
    ),
    kept(
      'parent-id-one-bit',
      `00-${T}-${'0'.repeat(15)}1-01`,
      { p: '0'.repeat(15) + '1', flags: 1 },
      ['TC-6'],
      'A parent-id with a single non-zero digit is not all zeros.',
    ),
    rejected('trace-id-zero', `00-${'0'.repeat(32)}-${P}-01`, ['TC-5'], 'An all-zero trace-id is invalid.'),
    rejected('parent-id-zero', `00-${T}-${'0'.repeat(16)}-01`, ['TC-6'], 'An all-zero parent-id is invalid.'),
    rejected('both-ids-zero', `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`, ['TC-5', 'TC-6'], 'Both ids all zeros.'),
    rejected('empty', '', ['TC-2'], 'An empty value is not a traceparent.'),
    rejected('only-spaces', '   ', ['TC-2', 'TC-12'], 'Spaces alone are not a traceparent.'),
    rejected('only-tab', '\t', ['TC-2', 'TC-12'], 'A tab alone is not a traceparent.'),
    rejected('garbage', 'not a traceparent', ['TC-2'], 'Text that is not a traceparent at all.'),
    rejected('uuid', '4bf92f35-77b3-4da6-a3ce-929d0e0e4736', ['TC-2'], 'A UUID is not a traceparent.'),
    rejected('version-only', '00', ['TC-2'], 'A version alone.'),
    rejected('version-and-dash', '00-', ['TC-2'], 'A version and a dash.'),
    rejected('no-flags', `00-${T}-${P}`, ['TC-2'], 'The flags field and its dash are missing.'),
    rejected('no-flags-dash', `00-${T}-${P}-`, ['TC-2'], 'The flags field is missing after its dash.'),
    rejected('all-uppercase', `00-${T.toUpperCase()}-${P.toUpperCase()}-01`, ['TC-3'], 'Uppercase ids are invalid.'),
    rejected('flags-uppercase', `00-${T}-${P}-0A`, ['TC-3'], 'Uppercase hex in the flags is invalid.'),
    rejected('flags-uppercase-f', `00-${T}-${P}-FF`, ['TC-3'], 'FF in upper case is not valid flags.'),
    rejected('flags-not-hex', `00-${T}-${P}-0x`, ['TC-3'], 'The flags field is not hex.'),
    rejected('flags-negative', `00-${T}-${P}--1`, ['TC-3'], 'A minus sign is not a hex digit.'),
  ];
}

/** TC-14: flags are a byte of bits; all are kept on receipt, only the known ones sent (TC-10, TC-16). */
function flags(): TraceparentCase[] {
  const values = [
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0f, 0x10, 0x11, 0x20, 0x40, 0x7f, 0x80, 0x81, 0x82,
    0x83, 0xc0, 0xfe, 0xff,
  ];
  return values.map((f) => {
    const rules = ['TC-14'];
    if (f & ~0x03) rules.push('TC-10');
    if (f & 0x02) rules.push('TC-16');
    const what =
      f & ~0x03
        ? `unknown bits ${hex2(f & ~0x03)} are kept on receipt and cleared on output`
        : f & 0x02
          ? 'the random-trace-id flag is sent on unchanged'
          : 'known flag bits only';
    return kept(`flags-${hex2(f)}`, `00-${T}-${P}-${hex2(f)}`, { flags: f }, rules, `Flags ${hex2(f)}: ${what}.`);
  });
}

/** TC-8, TC-9: higher versions are read at the version-00 offsets; what follows is ignored. */
function versions(): TraceparentCase[] {
  const out: TraceparentCase[] = [];
  for (const v of ['01', '02', '0a', '0f', '10', '42', '7f', '80', 'cc', 'fe']) {
    out.push(
      kept(
        `version-${v}`,
        `${v}-${T}-${P}-01`,
        { flags: 1 },
        ['TC-9', 'TC-10'],
        `Version ${v} of exactly 55 chars is read like 00 and sent on as 00.`,
      ),
    );
    out.push(
      kept(
        `version-${v}-extra-fields`,
        `${v}-${T}-${P}-01-what-the-future-holds`,
        { flags: 1 },
        ['TC-9', 'TC-10'],
        `Version ${v} with more fields: they are ignored.`,
      ),
    );
  }
  out.push(
    kept(
      'version-cc-trailing-dash',
      `cc-${T}-${P}-01-`,
      { flags: 1 },
      ['TC-9'],
      'A higher version whose flags are followed by a dash and nothing else.',
    ),
    kept(
      'version-cc-extra-uppercase',
      `cc-${T}-${P}-03-ABC.xyz_!`,
      { flags: 3 },
      ['TC-9', 'TC-16'],
      'The ignored part of a higher version may hold any characters.',
    ),
    kept(
      'version-cc-extra-long',
      `cc-${T}-${P}-01-${'0123456789abcdef'.repeat(16)}`,
      { flags: 1 },
      ['TC-9'],
      'A 256-char extra field of a higher version is ignored.',
    ),
    kept(
      'version-cc-flags-ff',
      `cc-${T}-${P}-ff-00`,
      { flags: 0xff },
      ['TC-9', 'TC-10'],
      'Flags ff of a higher version: kept on receipt, sent as 03.',
    ),
    kept(
      'version-cc-ows',
      ` \tcc-${T}-${P}-01-future\t `,
      { flags: 1 },
      ['TC-9', 'TC-12'],
      'A higher version with extra fields and OWS at both ends.',
    ),
    kept('version-01-flags-00', `01-${T2}-${P2}-00`, { t: T2, p: P2, flags: 0 }, ['TC-9'], 'Version 01 without flags.'),
    rejected('version-ff', `ff-${T}-${P}-01`, ['TC-4'], 'Version ff is forbidden.'),
    rejected(
      'version-ff-extra-fields',
      `ff-${T}-${P}-01-future`,
      ['TC-4'],
      'Version ff is forbidden, with or without more fields.',
    ),
    rejected('version-ff-uppercase', `FF-${T}-${P}-01`, ['TC-3', 'TC-4'], 'FF in upper case is not a version.'),
    rejected('version-uppercase', `0A-${T}-${P}-01`, ['TC-3'], 'A version in upper case is invalid.'),
    rejected('version-mixed-case', `Cc-${T}-${P}-01`, ['TC-3'], 'A version in mixed case is invalid.'),
    rejected('version-not-hex', `0g-${T}-${P}-01`, ['TC-3'], 'A version that is not hex is invalid.'),
    rejected('version-letters', `zz-${T}-${P}-01`, ['TC-3'], 'A version of letters beyond f is invalid.'),
    rejected('version-one-char', `0-${T}-${P}-01`, ['TC-2'], 'A version of one char is invalid.'),
    rejected('version-three-chars', `000-${T}-${P}-01`, ['TC-2'], 'A version of three chars is invalid.'),
    rejected('version-missing', `-${T}-${P}-01`, ['TC-2'], 'The version is missing.'),
    rejected(
      'version-cc-54-chars',
      `cc-${T}-${P}-0`,
      ['TC-8'],
      'A higher version shorter than 55 chars is not parsed.',
    ),
    rejected('version-cc-no-flags', `cc-${T}-${P}`, ['TC-8'], 'A higher version without flags is not parsed.'),
    rejected(
      'version-cc-no-flags-dash',
      `cc-${T}-${P}-`,
      ['TC-8'],
      'A higher version ending after the parent-id dash.',
    ),
    rejected('version-cc-ids-only', `cc-${T}`, ['TC-8'], 'A higher version with a trace-id only.'),
    rejected(
      'version-cc-short-trace-id',
      `cc-${T.slice(1)}-${P}-01-xyz`,
      ['TC-8', 'TC-9'],
      'A higher version whose trace-id is one char short: the fields are not at their offsets.',
    ),
    rejected(
      'version-cc-long-flags',
      `cc-${T}-${P}-011`,
      ['TC-9'],
      'A higher version whose flags run on without a dash.',
    ),
    rejected(
      'version-cc-flags-then-x',
      `cc-${T}-${P}-01x`,
      ['TC-9'],
      'A higher version whose flags are followed by a char other than a dash.',
    ),
    rejected(
      'version-cc-flags-then-dot',
      `cc-${T}-${P}-01.future`,
      ['TC-9'],
      'A higher version whose extra fields start with a dot.',
    ),
    rejected(
      'version-cc-flags-then-space',
      `cc-${T}-${P}-01 future`,
      ['TC-9', 'TC-12'],
      'A higher version whose extra fields start with a space.',
    ),
    rejected(
      'version-cc-uppercase-trace-id',
      `cc-${T.toUpperCase()}-${P}-01-future`,
      ['TC-3', 'TC-9'],
      'A higher version is checked like 00: uppercase trace-id.',
    ),
    rejected(
      'version-cc-zero-trace-id',
      `cc-${'0'.repeat(32)}-${P}-01`,
      ['TC-5', 'TC-9'],
      'A higher version with an all-zero trace-id.',
    ),
    rejected(
      'version-cc-zero-parent-id',
      `cc-${T}-${'0'.repeat(16)}-01`,
      ['TC-6', 'TC-9'],
      'A higher version with an all-zero parent-id.',
    ),
    rejected(
      'version-cc-bad-flags',
      `cc-${T}-${P}-0g-future`,
      ['TC-3', 'TC-9'],
      'A higher version with flags that are not hex.',
    ),
    rejected(
      'version-cc-bad-separator',
      `cc-${T}_${P}-01-future`,
      ['TC-2', 'TC-9'],
      'A higher version with the wrong separator after the trace-id.',
    ),
  );
  return out;
}

/** TC-3: every field is lowercase hex; one bad char anywhere invalidates the header. */
function badChars(): TraceparentCase[] {
  const positions: [string, number][] = [
    ['version', 0],
    ['version', 1],
    ['trace-id', 3],
    ['trace-id', 19],
    ['trace-id', 34],
    ['parent-id', 36],
    ['parent-id', 51],
    ['flags', 53],
    ['flags', 54],
  ];
  const chars = ['A', 'F', 'G', 'g', 'z', '-', ' ', '\t', '.', '\u00e9'];
  const out: TraceparentCase[] = [];
  for (const [field, at] of positions) {
    for (const c of chars) {
      const input = V.slice(0, at) + c + V.slice(at + 1);
      const which =
        at === 3 || at === 36 || at === 53 || at === 0
          ? 'first'
          : at === 34 || at === 51 || at === 54 || at === 1
            ? 'last'
            : 'middle';
      const rules = ['TC-3'];
      if (c === ' ' || c === '\t') rules.push('TC-12');
      if (c === '-') rules.push('TC-2');
      const what = /[A-F]/.test(c)
        ? 'uppercase hex'
        : c === ' ' || c === '\t'
          ? 'whitespace inside the value'
          : 'not a lowercase hex digit';
      out.push(
        rejected(
          `${field}-${which}-${charName(c)}`,
          input,
          rules,
          `${JSON.stringify(c)} as the ${which} char of the ${field}: ${what}.`,
        ),
      );
    }
  }
  return out;
}

/** TC-2: fixed field lengths and '-' separators. */
function layout(): TraceparentCase[] {
  const out: TraceparentCase[] = [
    rejected('trace-id-31-chars', `00-${T.slice(1)}-${P}-01`, ['TC-2'], 'A trace-id one char short.'),
    rejected('trace-id-33-chars', `00-${T}0-${P}-01`, ['TC-2'], 'A trace-id one char long.'),
    rejected('parent-id-15-chars', `00-${T}-${P.slice(1)}-01`, ['TC-2'], 'A parent-id one char short.'),
    rejected('parent-id-17-chars', `00-${T}-${P}0-01`, ['TC-2'], 'A parent-id one char long.'),
    rejected('flags-1-char', `00-${T}-${P}-1`, ['TC-2'], 'Flags of one char.'),
    rejected('flags-3-chars', `00-${T}-${P}-001`, ['TC-2', 'TC-7'], 'Flags of three chars.'),
    rejected('trace-id-64-chars', `00-${T}${T}-${P}-01`, ['TC-2'], 'A 16-byte trace-id written twice.'),
    rejected('parent-id-32-chars', `00-${T}-${T}-01`, ['TC-2'], 'A trace-id where the parent-id belongs.'),
    rejected('fields-swapped', `00-${P}-${T}-01`, ['TC-2'], 'Parent-id and trace-id in the wrong order.'),
    rejected('no-separators', `00${T}${P}01`, ['TC-2'], 'The fields without separators.'),
    rejected('extra-separator', `00--${T}-${P}-01`, ['TC-2'], 'Two dashes after the version.'),
  ];
  const seps: [string, number][] = [
    ['after-version', 2],
    ['after-trace-id', 35],
    ['after-parent-id', 52],
  ];
  for (const [where, at] of seps) {
    for (const c of ['_', '.', ' ', '\t', '+', ':', '=']) {
      const rules = ['TC-2'];
      if (c === ' ' || c === '\t') rules.push('TC-12');
      out.push(
        rejected(
          `separator-${where}-${charName(c)}`,
          V.slice(0, at) + c + V.slice(at + 1),
          rules,
          `${JSON.stringify(c)} instead of '-' ${where.replace(/-/g, ' ')}.`,
        ),
      );
    }
    out.push(
      rejected(
        `separator-${where}-missing`,
        V.slice(0, at) + V.slice(at + 1),
        ['TC-2'],
        `The '-' ${where.replace(/-/g, ' ')} is missing.`,
      ),
    );
  }
  return out;
}

/** TC-7: nothing after the flags of version 00. */
function trailing(): TraceparentCase[] {
  return [
    rejected('v00-trailing-dash', `${V}-`, ['TC-7'], 'Version 00 followed by a dash.'),
    rejected('v00-extra-field', `${V}-00`, ['TC-7'], 'Version 00 with a field after the flags.'),
    rejected(
      'v00-extra-fields',
      `${V}-what-the-future-holds`,
      ['TC-7'],
      'Version 00 may not carry the fields of a higher version.',
    ),
    rejected('v00-trailing-char', `${V}0`, ['TC-7'], 'Version 00 with one more char.'),
    rejected('v00-trailing-dot', `${V}.`, ['TC-7'], 'Version 00 followed by a dot.'),
    rejected('v00-trailing-word', `${V} x`, ['TC-7', 'TC-12'], 'Version 00, a space, then more text.'),
    rejected('v00-trailing-semicolon', `${V};`, ['TC-7'], 'Version 00 followed by a semicolon.'),
  ];
}

/** TC-12: spaces and tabs around the value are tolerated; nothing else is whitespace. */
function ows(): TraceparentCase[] {
  const okCases: [string, string, string][] = [
    ['leading-space', ' ', ''],
    ['leading-tab', '\t', ''],
    ['leading-spaces', '   ', ''],
    ['trailing-space', '', ' '],
    ['trailing-tab', '', '\t'],
    ['trailing-spaces-tabs', '', ' \t \t'],
    ['both-ends', '\t ', ' \t'],
    ['both-ends-long', ' '.repeat(20), '\t'.repeat(20)],
  ];
  const out = okCases.map(([name, a, b]) =>
    kept(
      `ows-${name}`,
      a + V + b,
      { flags: 1 },
      ['TC-12'],
      `Spaces or tabs around the value (${JSON.stringify(a)} before, ${JSON.stringify(b)} after) are tolerated.`,
    ),
  );
  for (const c of ['\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\ufeff']) {
    out.push(
      rejected(
        `ows-leading-${charName(c)}`,
        c + V,
        ['TC-12'],
        `${JSON.stringify(c)} before the value is not OWS: only spaces and tabs are.`,
      ),
    );
    out.push(
      rejected(
        `ows-trailing-${charName(c)}`,
        V + c,
        ['TC-7', 'TC-12'],
        `${JSON.stringify(c)} after the value is not OWS: only spaces and tabs are.`,
      ),
    );
  }
  out.push(
    rejected('ows-trailing-crlf', `${V}\r\n`, ['TC-7', 'TC-12'], 'A CR LF after the value is not OWS.'),
    rejected(
      'ows-inside-after-version',
      `00 -${T}-${P}-01`,
      ['TC-2', 'TC-12'],
      'A space inside the value, before a separator.',
    ),
    rejected(
      'ows-inside-before-trace-id',
      `00- ${T}-${P}-01`,
      ['TC-2', 'TC-12'],
      'A space inside the value, after a separator.',
    ),
    rejected('ows-inside-around-separator', `00-${T} - ${P}-01`, ['TC-2', 'TC-12'], 'Spaces around a separator.'),
    rejected('ows-inside-before-flags', `00-${T}-${P}-\t01`, ['TC-2', 'TC-12'], 'A tab before the flags.'),
  );
  return out;
}

/** TC-13: more than one traceparent is no valid parent. */
function multiple(): TraceparentCase[] {
  const identical = 'TC-13 speaks of several distinct values: two identical lines may also be read as one header.';
  const both: TraceparentCase[] = [
    rejected('two-lines', [V, V2], ['TC-13'], 'Two different traceparent header lines: no valid parent.'),
    rejected(
      'two-lines-one-invalid',
      [V, `00-${T}-${'0'.repeat(16)}-01`],
      ['TC-13'],
      'Two lines, the second invalid: still no valid parent.',
    ),
    rejected('three-lines', [V, V2, `00-${T2}-${P}-01`], ['TC-13'], 'Three traceparent header lines.'),
    rejected(
      'joined-comma-space',
      `${V}, ${V2}`,
      ['TC-13'],
      'Two values joined by ", " as HTTP stacks join repeated fields.',
    ),
    rejected('joined-comma', `${V},${V2}`, ['TC-13'], 'Two values joined by a bare comma.'),
    rejected('joined-trailing-comma', `${V},`, ['TC-13', 'TC-7'], 'A value followed by an empty list element.'),
    rejected('joined-leading-comma', `,${V}`, ['TC-13'], 'An empty list element, then a value.'),
    kept('one-line-array', [V], { flags: 1 }, ['TC-13'], 'One traceparent header line is one value.'),
    kept(
      'one-line-array-ows',
      [`  ${V}\t`],
      { flags: 1 },
      ['TC-12', 'TC-13'],
      'One header line with OWS at both ends.',
    ),
  ];
  const same: TraceparentCase[] = [
    rejected('two-identical-lines', [V, V], ['TC-13'], 'The same traceparent on two header lines.'),
    rejected('joined-identical', `${V}, ${V}`, ['TC-13'], 'The same value twice, joined by ", ".'),
  ];
  for (const c of same) {
    const keep = kept('x', V, { flags: 1 }, [], '');
    c.accept = [
      { expect: c.expect, output: c.output },
      { expect: keep.expect, output: keep.output },
    ];
    c.note = identical;
  }
  const future = kept(
    'version-cc-comma-in-extra-fields',
    `cc-${T}-${P}-01-future,${V2}`,
    { flags: 1 },
    ['TC-9', 'TC-13'],
    'A comma after the flags of a higher version: ignored fields, or a second header joined on.',
  );
  future.accept = [
    { expect: future.expect, output: future.output },
    { expect: null, output: null },
  ];
  future.note =
    'Past the flags of a higher version everything is ignored (TC-9), ' +
    'but a comma there may also be a second traceparent joined on (TC-13): ' +
    'keeping the parent and starting a new trace are both accepted.';
  return [...both, ...same, future];
}

export function traceparentCases(): TraceparentCase[] {
  return [...basics(), ...flags(), ...versions(), ...badChars(), ...layout(), ...trailing(), ...ows(), ...multiple()];
}
