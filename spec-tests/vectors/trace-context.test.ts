/**
 * Every case of vectors/trace-context.json through this library: parseTraceparent /
 * formatTraceparent, parseTraceState / serialize, the W3CTraceContextPropagator (tracestate
 * cases with a valid traceparent alongside) and the inspectors all give the corpus's answer.
 */
import { test } from 'uvu';
import { checkCase } from './check-case.js';
import { loadCorpus } from './corpus.js';

for (const c of loadCorpus().traceContext.cases) {
  test(`${c.rules.join(' ')} ${c.id}`, () => checkCase(c));
}

test.run();
