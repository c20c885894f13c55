/**
 * Every case of vectors/baggage.json through this library: parseBaggage / formatBaggage, the
 * W3CBaggagePropagator and inspectBaggage all give the corpus's answer.
 */
import { test } from 'uvu';
import { checkCase } from './check-case.js';
import { loadCorpus } from './corpus.js';

for (const c of loadCorpus().baggage.cases) {
  test(`${c.rules.join(' ')} ${c.id}`, () => checkCase(c));
}

test.run();
