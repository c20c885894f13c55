/**
 * The corpus files as the generator writes them: `buildFiles()` gives each file's text (pretty,
 * stable order). scripts/vectors/build.ts writes them to vectors/; spec-tests/vectors/corpus.test.ts
 * checks that the committed files equal them.
 */
import { baggageCases } from './cases-baggage.js';
import { traceparentCases } from './cases-traceparent.js';
import { FIXED_TRACEPARENT, tracestateCases } from './cases-tracestate.js';
import { SCHEMA } from './schema.js';
import type { BaggageCase, CorpusFile, TraceparentCase, TraceStateCase } from './types.js';

export const FILE_NAMES = ['trace-context.json', 'baggage.json', 'schema.json'] as const;
export type FileName = (typeof FILE_NAMES)[number];

export function traceContextCorpus(): CorpusFile<TraceparentCase | TraceStateCase> {
  return {
    corpus: 'trace-context',
    version: 1,
    description:
      'W3C Trace Context test vectors: traceparent and tracestate values, what a receiver keeps of each ' +
      'and what a conforming propagator sends on. Rules are the TC-n ids of the w3c-propagation spec digest. ' +
      `tracestate cases are read with the valid traceparent ${FIXED_TRACEPARENT} alongside.`,
    cases: [...traceparentCases(), ...tracestateCases()],
  };
}

export function baggageCorpus(): CorpusFile<BaggageCase> {
  return {
    corpus: 'baggage',
    version: 1,
    description:
      'W3C Baggage test vectors: baggage values, the members a receiver keeps (decoded, within the limits) ' +
      'and what a conforming propagator sends on. Rules are the BG-n ids of the w3c-propagation spec digest.',
    cases: baggageCases(),
  };
}

const WIDTH = 110;

/** JSON with two-space indentation, where anything that fits on one line stays on one line. */
export function pretty(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= WIDTH) return flat;
  const inner = indent + '  ';
  const items = Array.isArray(value)
    ? value.map((v) => inner + pretty(v, inner))
    : Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length === 0 ? open + close : `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

/** The text of every file, as the generator makes it. */
export function buildFiles(): Record<FileName, string> {
  return {
    'trace-context.json': pretty(traceContextCorpus()) + '\n',
    'baggage.json': pretty(baggageCorpus()) + '\n',
    'schema.json': pretty(SCHEMA) + '\n',
  };
}
