/**
 * The test-vector corpus the checker sends: `vectors/trace-context.json` and
 * `vectors/baggage.json` (or any file of the same shape), read and checked for shape so that
 * a broken file is one clear error, not a crash halfway through a run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckError } from './error.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../baggage/propagator.js';

export type CorpusHeader = typeof TRACEPARENT_HEADER | typeof TRACESTATE_HEADER | typeof BAGGAGE_HEADER;

/** What a receiver keeps of a traceparent; `null` when it starts a new trace. */
export interface TraceparentExpect {
  version: string;
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/** A tracestate kept, members in order; `null` when discarded. */
export type TraceStateExpect = [string, string][];

/** A baggage member, decoded. */
export interface BaggageExpectMember {
  key: string;
  value: string;
  properties: { key: string; value?: string }[];
}

export type Expect = TraceparentExpect | TraceStateExpect | BaggageExpectMember[] | null;

/** One accepted answer: what a receiver keeps and what it sends on (`null`: nothing). */
export interface Outcome {
  expect: Expect;
  output: string | null;
  note?: string;
}

export interface CorpusCase extends Outcome {
  id: string;
  rules: string[];
  header: CorpusHeader;
  /** One header line, or several. */
  input: string | string[];
  description: string;
  valid: boolean;
  /** Other accepted answers, where the spec allows more than one. */
  accept?: Outcome[];
  /** Why more than one answer is accepted. */
  note?: string;
}

export interface Corpus {
  corpus: 'trace-context' | 'baggage';
  version: number;
  description?: string;
  /** The traceparent sent with tracestate and baggage cases, when the corpus names one. */
  traceparent?: string;
  cases: CorpusCase[];
}

/** A corpus with where it came from, for messages and the report. */
export interface LoadedCorpus extends Corpus {
  source: string;
}

const HEADERS: ReadonlySet<string> = new Set([TRACEPARENT_HEADER, TRACESTATE_HEADER, BAGGAGE_HEADER]);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** What is wrong with one case's shape, or undefined. */
function caseProblem(c: unknown): string | undefined {
  if (!isObject(c)) return 'is not an object';
  if (typeof c.id !== 'string' || c.id === '') return 'has no string "id"';
  if (!isStringArray(c.rules) || c.rules.length === 0) return '"rules" is not a non-empty list of rule ids';
  if (typeof c.header !== 'string' || !HEADERS.has(c.header))
    return '"header" is not traceparent, tracestate or baggage';
  if (typeof c.input !== 'string' && !isStringArray(c.input))
    return '"input" is neither a string nor a list of strings';
  if (!('expect' in c)) return 'has no "expect"';
  if (c.output !== null && typeof c.output !== 'string') return '"output" is neither a string nor null';
  if (c.accept !== undefined) {
    if (!Array.isArray(c.accept)) return '"accept" is not a list';
    for (const a of c.accept) {
      if (!isObject(a) || !('expect' in a) || (a.output !== null && typeof a.output !== 'string'))
        return '"accept" has an entry without "expect" and "output"';
    }
  }
  return undefined;
}

/** Checks the shape of a parsed corpus; throws a CheckError naming the first problem. */
export function readCorpus(json: unknown, source: string): LoadedCorpus {
  if (!isObject(json) || !Array.isArray(json.cases))
    throw new CheckError('corpus', `${source}: not a corpus (an object with a "cases" list)`);
  if (json.corpus !== 'trace-context' && json.corpus !== 'baggage')
    throw new CheckError('corpus', `${source}: "corpus" is neither "trace-context" nor "baggage"`);
  if (json.traceparent !== undefined && typeof json.traceparent !== 'string')
    throw new CheckError('corpus', `${source}: "traceparent" is not a string`);
  const ids = new Set<string>();
  json.cases.forEach((c: unknown, i: number) => {
    const problem = caseProblem(c);
    const name = isObject(c) && typeof c.id === 'string' ? `case "${c.id}"` : `case ${i}`;
    if (problem) throw new CheckError('corpus', `${source}: ${name} ${problem}`);
    if (ids.has((c as CorpusCase).id))
      throw new CheckError('corpus', `${source}: case id "${(c as CorpusCase).id}" appears twice`);
    ids.add((c as CorpusCase).id);
  });
  return { ...(json as unknown as Corpus), source };
}

/** Reads a corpus file; throws a CheckError when it is missing, not JSON or not a corpus. */
export function loadCorpus(path: string): LoadedCorpus {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CheckError('corpus', `cannot read the corpus ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CheckError('corpus', `${path} is not JSON: ${(e as Error).message}`);
  }
  return readCorpus(json, path);
}

/**
 * The corpus shipped with this package (`vectors/<name>.json`), found by walking up from this
 * module: the same from `dist/src/node/check/` and from `src/node/check/`.
 */
export function shippedCorpusPath(name: 'trace-context' | 'baggage'): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, 'vectors', `${name}.json`);
    if (existsSync(path)) return path;
    if (dirname(dir) === dir)
      throw new CheckError(
        'corpus',
        `the shipped corpus vectors/${name}.json was not found above ${fileURLToPath(import.meta.url)}`,
      );
  }
}
