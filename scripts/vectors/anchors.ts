/**
 * `npm run vectors:anchors`: runs the corpus through OpenTelemetry JS (`@opentelemetry/core`'s
 * W3C propagators with `@opentelemetry/api`), tctx (`tctx/traceparent`, `tctx/tracestate`; it has
 * no baggage) and this library, counts the cases each gets right, attributes each disagreement to
 * the rules of its case, and writes the tables into README.md between
 * `<!-- vectors:anchors -->` and `<!-- /vectors:anchors -->`.
 *
 * Every library gets the header as Node's HTTP server hands it over: several lines joined by
 * ", ". Each extracts from a carrier, then injects what it extracted (tracestate cases with the
 * same valid traceparent alongside); tctx parses and prints. Not part of `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  W3CBaggagePropagator as OtelBaggage,
  W3CTraceContextPropagator as OtelTraceContext,
} from '@opentelemetry/core';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT as OTEL_ROOT,
  trace,
} from '@opentelemetry/api';
import * as tctxTraceparent from 'tctx/traceparent';
import * as tctxTracestate from 'tctx/tracestate';
import {
  getBaggage,
  getSpanContext,
  ROOT_CONTEXT,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type TraceState,
} from '../../src/index.js';
import { isAccepted } from '../../spec-tests/vectors/compare.js';
import { loadCorpus, ROOT } from '../../spec-tests/vectors/corpus.js';
import { baggageKept, oneValue } from '../../spec-tests/vectors/run-library.js';
import { FIXED_TRACEPARENT } from './cases-tracestate.js';
import type { BaggageMemberKept, BaggagePropertyKept, HeaderName, Outcome, VectorCase } from './types.js';

type Run = (c: VectorCase) => Outcome<unknown> | undefined;

interface Library {
  name: string;
  /** undefined: the library has nothing for this header. */
  run: Run;
}

const HEADERS: readonly HeaderName[] = ['traceparent', 'tracestate', 'baggage'];

function versionOf(pkg: string): string {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function carrierFor(c: VectorCase): Record<string, string> {
  const value = oneValue(c.input);
  if (c.header === 'tracestate') return { traceparent: FIXED_TRACEPARENT, tracestate: value };
  return { [c.header]: value };
}

function traceparentOf(sc: { traceId: string; spanId: string; traceFlags: number } | undefined): unknown {
  return sc ? { version: '00', traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags } : null;
}

/** Members of a serialized tracestate, for libraries whose TraceState is not iterable. */
function pairsOf(header: string | undefined): [string, string][] {
  if (!header) return [];
  return header.split(',').map((m): [string, string] => [m.slice(0, m.indexOf('=')), m.slice(m.indexOf('=') + 1)]);
}

const ours: Library = {
  name: `w3c-propagation ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`,
  run(c) {
    const out: Record<string, string> = {};
    if (c.header === 'baggage') {
      const p = new W3CBaggagePropagator();
      const ctx = p.extract(ROOT_CONTEXT, carrierFor(c));
      p.inject(ctx, out);
      return { expect: baggageKept(getBaggage(ctx)), output: out.baggage ?? null };
    }
    const p = new W3CTraceContextPropagator();
    const ctx = p.extract(ROOT_CONTEXT, carrierFor(c));
    p.inject(ctx, out);
    const sc = getSpanContext(ctx);
    if (c.header === 'traceparent') return { expect: traceparentOf(sc), output: out.traceparent ?? null };
    return { expect: sc?.traceState ? [...(sc.traceState as TraceState)] : [], output: out.tracestate ?? null };
  },
};

/** OpenTelemetry keeps a member's properties as one raw string: split it as the grammar does. */
function otelProperties(metadata: { toString(): string } | undefined): BaggagePropertyKept[] {
  if (metadata === undefined) return [];
  return metadata
    .toString()
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) =>
      p.includes('=')
        ? { key: p.slice(0, p.indexOf('=')).trim(), value: p.slice(p.indexOf('=') + 1).trim() }
        : { key: p },
    );
}

const otel: Library = {
  name: `@opentelemetry/core ${versionOf('@opentelemetry/core')}`,
  run(c) {
    const out: Record<string, string> = {};
    if (c.header === 'baggage') {
      const p = new OtelBaggage();
      const ctx = p.extract(OTEL_ROOT, carrierFor(c), defaultTextMapGetter);
      p.inject(ctx, out, defaultTextMapSetter);
      const members: BaggageMemberKept[] = (propagation.getBaggage(ctx)?.getAllEntries() ?? []).map(([key, e]) => ({
        key,
        value: e.value,
        properties: otelProperties(e.metadata),
      }));
      return { expect: members, output: out.baggage ?? null };
    }
    const p = new OtelTraceContext();
    const ctx = p.extract(OTEL_ROOT, carrierFor(c), defaultTextMapGetter);
    p.inject(ctx, out, defaultTextMapSetter);
    const sc = trace.getSpanContext(ctx);
    if (c.header === 'traceparent') return { expect: traceparentOf(sc), output: out.traceparent ?? null };
    return { expect: pairsOf(sc?.traceState?.serialize()), output: out.tracestate ?? null };
  },
};

const tctx: Library = {
  name: `tctx ${versionOf('tctx')}`,
  run(c) {
    const value = oneValue(c.input);
    if (c.header === 'traceparent') {
      const tp = tctxTraceparent.parse(value);
      return tp
        ? {
            expect: { version: '00', traceId: tp.trace_id, spanId: tp.parent_id, traceFlags: tp.flags },
            output: String(tp),
          }
        : { expect: null, output: null };
    }
    if (c.header === 'tracestate') {
      // tctx parses tracestate only after a valid traceparent, which these cases have.
      const ts = tctxTracestate.parse(value);
      // Its Map holds the members right to left; String() prints them left to right.
      return { expect: [...ts].reverse(), output: String(ts) || null };
    }
    return undefined;
  },
};

interface Disagreement {
  c: VectorCase;
  got: Outcome<unknown> | string;
}

interface Tally {
  library: Library;
  right: Record<HeaderName, number>;
  total: Record<HeaderName, number>;
  wrong: Disagreement[];
}

function tally(library: Library, cases: readonly VectorCase[]): Tally {
  const t: Tally = {
    library,
    right: { traceparent: 0, tracestate: 0, baggage: 0 },
    total: { traceparent: 0, tracestate: 0, baggage: 0 },
    wrong: [],
  };
  for (const c of cases) {
    let got: Outcome<unknown> | string | undefined;
    try {
      got = library.run(c);
    } catch (e) {
      got = `threw ${e instanceof Error ? e.name : 'an exception'}`;
    }
    if (got === undefined) continue;
    t.total[c.header]++;
    if (typeof got !== 'string' && isAccepted(c, got, true)) t.right[c.header]++;
    else t.wrong.push({ c, got });
  }
  return t;
}

/**
 * Ids that are not in the input were made up (tctx replaces invalid ids by random ones): hide
 * them, so runs compare.
 */
function hideMadeUpIds(text: string, c: VectorCase): string {
  const input = JSON.stringify(c.input);
  return text.replace(/[0-9a-f]{16}(?:[0-9a-f]{16})?/g, (id) => (input.includes(id) ? id : '<random>'));
}

/** At most `max` chars of a value's JSON; ids the input does not hold shown as <random>. */
function excerpt(x: unknown, c: VectorCase, max = 48): string {
  const s = hideMadeUpIds(JSON.stringify(x), c);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** A code span that survives any content, in a table cell. */
function code(s: string): string {
  return '`` ' + s.replace(/\|/g, '\\|') + ' ``';
}

function describe(d: Disagreement): string {
  const got =
    typeof d.got === 'string' ? d.got : `kept ${excerpt(d.got.expect, d.c)}, sent ${excerpt(d.got.output, d.c)}`;
  const expected = `kept ${code(excerpt(d.c.expect, d.c))}, sent ${code(excerpt(d.c.output, d.c))}`;
  return `${code(d.c.id)}: ${code(excerpt(d.c.input, d.c))} → ${code(got)}; expected ${expected}`;
}

function ruleOrder(a: string, b: string): number {
  const [pa, na] = a.split('-');
  const [pb, nb] = b.split('-');
  return pa === pb ? Number(na) - Number(nb) : pb.localeCompare(pa);
}

function render(tallies: readonly Tally[], counts: Record<HeaderName, number>): string {
  const lines: string[] = [
    'Generated by `npm run vectors:anchors` from the corpus of this commit: ' +
      `${counts.traceparent} traceparent, ${counts.tracestate} tracestate and ${counts.baggage} baggage cases.`,
    "A result is right when what the library keeps and sends on equals the case's `expect`/`output` " +
      'or one of its `accept` pairs (a tracestate kept with no members counts as discarded).',
    "Each library extracts the header with its W3C propagator from a carrier holding it as Node's HTTP server does " +
      '(several lines joined by `, `; tracestate with a valid traceparent) and injects what it extracted; ' +
      'tctx parses and prints.',
    '',
    '| library | header | right / cases |',
    '| --- | --- | ---: |',
  ];
  for (const t of tallies) {
    for (const h of HEADERS) {
      const result = t.total[h] ? `${t.right[h]} / ${t.total[h]}` : `no ${h} support / ${counts[h]}`;
      lines.push(`| ${t.library.name} | ${h} | ${result} |`);
    }
  }
  for (const t of tallies) {
    lines.push('', `Disagreements of ${t.library.name} by rule (a case counts once under each rule it cites):`, '');
    if (t.wrong.length === 0) {
      lines.push('none.');
      continue;
    }
    const byRule = new Map<string, Disagreement[]>();
    for (const d of t.wrong) for (const r of d.c.rules) byRule.set(r, [...(byRule.get(r) ?? []), d]);
    lines.push('| rule | cases | example |', '| --- | ---: | --- |');
    for (const r of [...byRule.keys()].sort(ruleOrder)) {
      const ds = byRule.get(r)!;
      lines.push(`| ${r} | ${ds.length} | ${describe(ds[0])} |`);
    }
  }
  return lines.join('\n');
}

const MARK_START = '<!-- vectors:anchors -->';
const MARK_END = '<!-- /vectors:anchors -->';

function main(): void {
  const { traceContext, baggage } = loadCorpus();
  const cases: VectorCase[] = [...traceContext.cases, ...baggage.cases];
  const counts: Record<HeaderName, number> = { traceparent: 0, tracestate: 0, baggage: 0 };
  for (const c of cases) counts[c.header]++;
  const tallies = [ours, otel, tctx].map((l) => tally(l, cases));
  const table = render(tallies, counts);
  console.log(table);
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf(MARK_START);
  const end = readme.indexOf(MARK_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${MARK_START} ... ${MARK_END} section`);
  writeFileSync(path, readme.slice(0, start + MARK_START.length) + '\n' + table + '\n' + readme.slice(end));
}

main();
