/**
 * Judges one case: what the service's callback carried against what the corpus accepts.
 * Every callback's traceparent is judged (a tracestate or baggage case sends a valid one, which
 * must be continued whatever happens to the other header, TC-19); then the case's own header.
 */
import { parseTraceparent } from '../../trace-context/traceparent.js';
import type { CorpusCase, Outcome, TraceparentExpect } from './corpus.js';
import { describeBaggageOutcome, judgeBaggage } from './judge-baggage.js';
import { describeTraceparentExpect, judgeTraceparent, readSentTraceparent } from './judge-traceparent.js';
import { describeTraceStateOutcome, judgeTraceState } from './judge-tracestate.js';
import type { Finding, ReceivedHeaders } from './types.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../baggage/propagator.js';

/** The traceparent sent with tracestate and baggage cases unless the corpus names another. */
export const DEFAULT_CASE_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

export function lines(input: string | readonly string[]): string[] {
  return typeof input === 'string' ? [input] : [...input];
}

/** The case's answer first, then the other accepted ones. */
export function outcomes(c: CorpusCase): Outcome[] {
  return [{ expect: c.expect, output: c.output }, ...(c.accept ?? [])];
}

/** What the traceparent must show: the case's own answers, or the fixed parent continued. */
function traceparentExpects(c: CorpusCase, traceparent: string): (TraceparentExpect | null)[] {
  if (c.header === TRACEPARENT_HEADER) return outcomes(c).map((o) => o.expect as TraceparentExpect | null);
  const fixed = parseTraceparent(traceparent);
  return [fixed ? { version: '00', ...fixed } : null];
}

/** The header lines a case sends. */
export function caseHeaders(
  c: CorpusCase,
  traceparent: string,
): Partial<Record<'traceparent' | 'tracestate' | 'baggage', string[]>> {
  return c.header === TRACEPARENT_HEADER
    ? { traceparent: lines(c.input) }
    : { traceparent: [traceparent], [c.header]: lines(c.input) };
}

/**
 * The rules a wrong tracestate breaks: the case's, but TC-19 (a bad tracestate leaves the
 * traceparent alone), which the traceparent's own judgement covers.
 */
function tracestateRules(rules: string[]): string[] {
  const rest = rules.filter((r) => r !== 'TC-19');
  return rest.length > 0 ? rest : rules;
}

export interface Judgement {
  problems: Finding[];
  warnings: Finding[];
}

export function judgeCase(
  c: CorpusCase,
  received: ReceivedHeaders,
  traceparent: string = DEFAULT_CASE_TRACEPARENT,
): Judgement {
  const problems: Finding[] = [];
  const warnings: Finding[] = [];
  const sent = caseHeaders(c, traceparent);
  // A wrong decision on a traceparent case breaks the case's rules; on a tracestate case, TC-19.
  const decisionRules =
    c.header === TRACEPARENT_HEADER ? c.rules : c.header === TRACESTATE_HEADER ? ['TC-19'] : ['TC-2'];
  const expects = traceparentExpects(c, traceparent);
  const tp = readSentTraceparent(received.traceparent, expects.every((e) => e === null) ? ['TC-11'] : ['TC-17']);
  if (Array.isArray(tp)) problems.push(...tp);
  else {
    const judged = expects.map((e) => judgeTraceparent(tp, e, sent.traceparent ?? [], decisionRules));
    if (!judged.some((p) => p.length === 0)) problems.push(...judged[0]);
  }
  if (c.header === TRACESTATE_HEADER || received.tracestate.length > 0) {
    // Other cases send no tracestate: whatever comes back is the service's own (or empty).
    const accepted = c.header === TRACESTATE_HEADER ? outcomes(c) : [{ expect: null, output: null }];
    const ts = judgeTraceState(
      sent.tracestate ?? [],
      received.tracestate,
      accepted,
      c.header === TRACESTATE_HEADER ? tracestateRules(c.rules) : ['TC-18'],
    );
    problems.push(...ts.problems);
    warnings.push(...ts.warnings);
  }
  if (c.header === BAGGAGE_HEADER) problems.push(...judgeBaggage(received.baggage, outcomes(c), c.rules));
  return { problems, warnings };
}

/** What a conforming service sends for the case, in words. */
export function describeExpected(c: CorpusCase): string {
  const all = outcomes(c);
  switch (c.header) {
    case TRACEPARENT_HEADER:
      return [...new Set(all.map((o) => describeTraceparentExpect(o.expect as TraceparentExpect | null)))].join(
        ', or ',
      );
    case TRACESTATE_HEADER:
      return [...new Set(all.map(describeTraceStateOutcome))].join(', or ');
    case BAGGAGE_HEADER:
      return [...new Set(all.map(describeBaggageOutcome))].join(', or ');
  }
}
