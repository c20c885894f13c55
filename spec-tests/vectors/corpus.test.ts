/**
 * The corpus files themselves: generated, never edited by hand; valid against their schema;
 * every rule cited exists and every rule a header can show is cited; and the expectations pass
 * checks that do not involve this library (the ABNF restated in spec-tests/helpers/abnf.ts and
 * the WHATWG UTF-8 decoder).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAGGAGE_MEMBER_RE, TRACEPARENT_RE, TRACESTATE_MEMBER_RE, TRACESTATE_RE } from '../helpers/abnf.js';
import { readRulesDoc } from '../helpers/rules-doc.js';
import { isOwnAnswer, canonical } from './compare.js';
import { buildFiles, FILE_NAMES } from '../../scripts/vectors/corpus.js';
import { loadCorpus, readCommitted, ROOT } from './corpus.js';
import { BG_RULES, NOT_SHOWABLE, TC_RULES } from './rules.js';
import { validate } from './schema-check.js';
import type { BaggageCase, BaggageMemberKept, TraceStateKept, VectorCase } from '../../scripts/vectors/types.js';

const { traceContext, baggage } = loadCorpus();
const all: VectorCase[] = [...traceContext.cases, ...baggage.cases];
const schema = JSON.parse(readCommitted('schema.json'));

test('the committed vectors/*.json are exactly what the generator writes (run npm run vectors:build)', () => {
  const built = buildFiles();
  for (const name of FILE_NAMES)
    assert.ok(
      readCommitted(name) === built[name],
      `vectors/${name} differs from the generator's output: run npm run vectors:build`,
    );
});

test('both files validate against vectors/schema.json', () => {
  assert.equal(validate(schema, traceContext), []);
  assert.equal(validate(schema, baggage), []);
  assert.is(traceContext.corpus, 'trace-context');
  assert.is(baggage.corpus, 'baggage');
  assert.ok(traceContext.cases.every((c) => (c as VectorCase).header !== 'baggage'));
  assert.ok(baggage.cases.every((c) => c.header === 'baggage'));
});

test('the schema check rejects what the schema forbids', () => {
  const good = traceContext.cases[0];
  const file = (c: unknown) => ({ ...traceContext, cases: [c] });
  assert.equal(validate(schema, file(good)), []);
  const broken: unknown[] = [
    { ...good, id: 'Not Kebab' },
    { ...good, rules: [] },
    { ...good, rules: ['XX-1'] },
    { ...good, header: 'traceresponse' },
    { ...good, input: 42 },
    { ...good, valid: 'yes' },
    { ...good, expect: { version: '00', traceId: 'ABC', spanId: '00f067aa0ba902b7', traceFlags: 1 } },
    {
      ...good,
      expect: { version: '01', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 },
    },
    {
      ...good,
      expect: {
        version: '00',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: 256,
      },
    },
    { ...good, output: '' },
    {
      ...good,
      accept: [
        { expect: null, output: null },
        { expect: null, output: null },
      ],
    },
    { ...good, note: 'why' },
    { ...good, extra: true },
    { ...traceContext.cases.find((c) => c.header === 'tracestate'), expect: [['a']] },
    { ...baggage.cases[0], expect: [{ key: 'k', value: 'v' }] },
  ];
  for (const c of broken)
    assert.ok(validate(schema, file(c)).length > 0, `accepted ${JSON.stringify(c).slice(0, 200)}`);
});

test('ids are unique across both files and start with their header', () => {
  const ids = all.map((c) => c.id);
  assert.is(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
  const prefix = { traceparent: 'tp-', tracestate: 'ts-', baggage: 'bg-' };
  for (const c of all) assert.ok(c.id.startsWith(prefix[c.header]), c.id);
});

test('at least 250 trace-context cases and 150 baggage cases', () => {
  assert.ok(traceContext.cases.length >= 250, `${traceContext.cases.length}`);
  assert.ok(baggage.cases.length >= 150, `${baggage.cases.length}`);
});

test('the rule lists are the ids docs/rules.md explains; every cited rule exists', () => {
  const documented = readRulesDoc(ROOT).map((r) => r.id);
  assert.equal(
    TC_RULES,
    documented.filter((id) => id.startsWith('TC-')),
  );
  assert.equal(
    BG_RULES,
    documented.filter((id) => id.startsWith('BG-')),
  );
  const known = new Set([...TC_RULES, ...BG_RULES]);
  for (const c of all) for (const r of c.rules) assert.ok(known.has(r), `${c.id} cites ${r}`);
  for (const c of traceContext.cases)
    assert.ok(
      c.rules.every((r) => r.startsWith('TC-')),
      c.id,
    );
  for (const c of baggage.cases)
    assert.ok(
      c.rules.every((r) => r.startsWith('BG-')),
      c.id,
    );
});

test('every rule a parser or serializer can show has a case; the others say why not', () => {
  const cited = new Set(all.flatMap((c) => c.rules));
  for (const r of [...TC_RULES, ...BG_RULES]) {
    if (NOT_SHOWABLE[r] !== undefined) assert.not.ok(cited.has(r), `${r} is listed as not showable but cited`);
    else assert.ok(cited.has(r), `no case shows ${r}`);
  }
});

test("accept lists hold the case's own answer, no answer twice, and come with a note", () => {
  for (const c of all) {
    if (!c.accept) continue;
    assert.ok(
      c.accept.some((a) => isOwnAnswer(c, a)),
      `${c.id}: its own expect/output is not in accept`,
    );
    const texts = c.accept.map((a) => canonical(c.header, a));
    assert.is(new Set(texts).size, texts.length, `${c.id}: an accepted answer is listed twice`);
    assert.ok(typeof c.note === 'string' && c.note.length > 20, c.id);
  }
});

test('TC-2 TC-10 every traceparent sent on is version 00 with known flag bits only, and keeps the ids', () => {
  for (const c of traceContext.cases) {
    if (c.header !== 'traceparent') continue;
    for (const a of c.accept ?? [c]) {
      if (a.expect === null) assert.is(a.output, null, c.id);
      else {
        assert.match(a.output!, TRACEPARENT_RE, c.id);
        assert.is(a.output, `00-${a.expect.traceId}-${a.expect.spanId}-0${a.expect.traceFlags & 3}`, c.id);
      }
    }
  }
});

test('TC-22 TC-23 TC-30 TC-33 kept tracestate members follow the grammar; sent on: all, or a cut to 512', () => {
  for (const c of traceContext.cases) {
    if (c.header !== 'tracestate') continue;
    for (const a of c.accept ?? [c]) {
      const kept = a.expect as TraceStateKept | null;
      for (const [k, v] of kept ?? []) assert.match(`${k}=${v}`, TRACESTATE_MEMBER_RE, c.id);
      if (a.output === null) continue;
      assert.match(a.output, TRACESTATE_RE, c.id);
      const sent = a.output.split(',');
      // Sent members are kept members, in their order.
      const members = (kept ?? []).map(([k, v]) => `${k}=${v}`);
      let i = 0;
      for (const s of sent) {
        while (i < members.length && members[i] !== s) i++;
        assert.ok(i++ < members.length, `${c.id}: sends ${s.slice(0, 40)} which it did not keep, or out of order`);
      }
      // The case's own answer is a pass-through's: every member kept, whatever the length (TC-33).
      // This was "at most 512 chars": a pass-through does not cut tracestate (TC-29 is a floor).
      const all = a.output === members.join(',');
      if (a === c || isOwnAnswer(c, a)) assert.ok(all, `${c.id}: sends every member kept`);
      else assert.ok(all || a.output.length <= 512, `${c.id}: a cut to ${a.output.length} chars`);
    }
  }
});

test('BG-8 BG-17 every baggage header sent on follows the grammar, member by member', () => {
  for (const c of baggage.cases) {
    for (const a of c.accept ?? [c]) {
      assert.is(a.output === null, a.expect.length === 0, c.id);
      for (const member of a.output?.split(',') ?? []) assert.match(member, BAGGAGE_MEMBER_RE, c.id);
      assert.is(a.output?.split(',').length ?? 0, a.expect.length, `${c.id}: one member sent per member kept`);
    }
  }
});

/** The WHATWG UTF-8 decoder on a value's bytes: %XX escapes as bytes, other (ASCII) chars as themselves. */
function whatwgDecode(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(value.charCodeAt(i));
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes));
}

test('BG-10 BG-11 BG-14 every decoded single-member value equals the WHATWG decoder on its bytes', () => {
  let checked = 0;
  for (const c of baggage.cases as BaggageCase[]) {
    const m = typeof c.input === 'string' ? /^k=([^,;\s]*)$/.exec(c.input) : null;
    if (!m || c.expect.length !== 1) continue;
    assert.is((c.expect[0] as BaggageMemberKept).value, whatwgDecode(m[1]), c.id);
    checked++;
  }
  assert.ok(checked >= 80, `${checked} values checked`);
});

test('the README anchors table counts the current corpus (run npm run vectors:anchors)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /<!-- vectors:anchors -->([\s\S]*?)<!-- \/vectors:anchors -->/.exec(readme)?.[1];
  assert.ok(section, 'README has the <!-- vectors:anchors --> section');
  const counts = { traceparent: 0, tracestate: 0, baggage: 0 };
  for (const c of all) counts[c.header]++;
  const sizes =
    `${traceContext.cases.length} trace-context cases ` +
    `(${counts.traceparent} traceparent, ${counts.tracestate} tracestate) and ${baggage.cases.length} baggage cases`;
  assert.ok(readme.replace(/\s+/g, ' ').includes(sizes), `the Test vectors section says: ${sizes}`);
  for (const [header, n] of Object.entries(counts)) {
    assert.match(section!, new RegExp(`\\| ${header} \\|[^\\n]*/ ${n} \\|`), `a ${header} row out of ${n} cases`);
  }
});

test.run();
