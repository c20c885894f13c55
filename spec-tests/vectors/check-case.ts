/**
 * One corpus case against this library: the fast path, the propagator and the inspector (its
 * verdict and what it says is kept and sent on) must all give the corpus's answer.
 */
import * as assert from 'uvu/assert';
import { isOwnAnswer } from './compare.js';
import { KNOWN_GAPS } from './known-gaps.js';
import { runFast, runInspect, runPropagator } from './run-library.js';
import type { VectorCase } from '../../scripts/vectors/types.js';

const show = (x: unknown): string => {
  const s = JSON.stringify(x);
  return s.length > 600 ? s.slice(0, 600) + '…' : s;
};

export function checkCase(c: VectorCase): void {
  const fast = runFast(c);
  const propagated = runPropagator(c);
  const inspected = runInspect(c);
  const want = show({ expect: c.expect, output: c.output });
  if (KNOWN_GAPS[c.id] !== undefined) {
    assert.not.ok(isOwnAnswer(c, fast), `${c.id} now passes: remove it from KNOWN_GAPS (${KNOWN_GAPS[c.id]})`);
    return;
  }
  assert.ok(isOwnAnswer(c, fast), `parse/format: got ${show(fast)}, want ${want}`);
  // The propagator cannot tell a discarded tracestate from an empty one: both read as no members.
  assert.ok(isOwnAnswer(c, propagated, true), `extract/inject: got ${show(propagated)}, want ${want}`);
  if (c.header === 'tracestate')
    assert.ok(propagated.parent, 'TC-19: the valid traceparent survives whatever the tracestate is');
  assert.is(inspected.valid, c.valid, 'inspect: valid');
  assert.ok(isOwnAnswer(c, inspected.kept), `inspect's kept: got ${show(inspected.kept)}, want ${want}`);
}
