/**
 * Judges the tracestate a service sent on, member by member rather than byte for byte: OWS
 * and empty members are not significant (TC-24, TC-25) and several header lines are one list
 * (TC-20). Like the W3C harness, a service may add members of its own at the left (TC-27):
 * leading members whose keys the input never had are set aside before comparing, and when
 * they push the list past 32 members the right-most ones may go (TC-28).
 */
import { skipOws } from '../../internal/chars.js';
import { TRACESTATE_MAX_MEMBERS } from '../../trace-context/tracestate.js';
import { inspectTraceState } from '../../trace-context/tracestate-inspect.js';
import type { Outcome } from './corpus.js';
import { abbreviate, listKeys } from './text.js';
import type { Finding } from './types.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../trace-context/propagator.js';

type Member = [string, string];

/**
 * Every `key=value` member of the lines joined by ',', in order, duplicates kept: OWS around
 * a member trimmed, empty members skipped, each cut at its first '='. No validation.
 */
export function rawMembers(lines: readonly string[]): Member[] {
  const members: Member[] = [];
  for (const part of lines.join(',').split(',')) {
    const a = skipOws(part, 0, part.length);
    const b = skipOws(part, part.length, a);
    if (a === b) continue;
    const eq = part.indexOf('=', a);
    members.push(eq < 0 || eq >= b ? [part.slice(a, b), ''] : [part.slice(a, eq), part.slice(eq + 1, b)]);
  }
  return members;
}

function same(a: readonly Member[], b: readonly Member[]): boolean {
  return a.length === b.length && a.every(([k, v], i) => k === b[i][0] && v === b[i][1]);
}

/** How `got` differs from `want`, in a few words. */
function difference(got: readonly Member[], want: readonly Member[]): string {
  if (want.length === 0)
    return `${got.length} member(s) sent on (${listKeys(got.map(([k]) => k))}); the tracestate must be discarded`;
  if (got.length === 0) return `no tracestate sent on; ${want.length} member(s) expected`;
  const gotKeys = new Map(got.map(([k, v]) => [k, v]));
  const wantKeys = new Map(want.map(([k, v]) => [k, v]));
  const parts = [`${got.length} member(s) sent on, ${want.length} expected`];
  const missing = want.filter(([k]) => !gotKeys.has(k)).map(([k]) => k);
  const extra = got.filter(([k]) => !wantKeys.has(k)).map(([k]) => k);
  const changed = want.filter(([k, v]) => gotKeys.has(k) && gotKeys.get(k) !== v).map(([k]) => k);
  if (missing.length) parts.push(`missing ${listKeys(missing)}`);
  if (extra.length) parts.push(`unexpected ${listKeys(extra)}`);
  for (const k of changed.slice(0, 3)) {
    const sent = JSON.stringify(abbreviate(gotKeys.get(k) ?? '', 40));
    const expected = JSON.stringify(abbreviate(wantKeys.get(k) ?? '', 40));
    parts.push(`${abbreviate(k, 40)}=${sent}, expected ${expected}`);
  }
  if (!missing.length && !extra.length && !changed.length) parts.push('members out of order or repeated');
  return parts.join('; ');
}

export interface TraceStateJudgement {
  problems: Finding[];
  warnings: Finding[];
}

/**
 * What is wrong with the tracestate lines a service sent (`received`), for a case that sent
 * `input` and accepts any of `outcomes` (the output of each is what may be sent on).
 */
export function judgeTraceState(
  input: readonly string[],
  received: readonly string[],
  outcomes: readonly Outcome[],
  caseRules: string[],
): TraceStateJudgement {
  const warnings: Finding[] = [];
  const members = rawMembers(received);
  if (received.length > 0 && members.length === 0) {
    warnings.push({
      rules: ['TC-31'],
      header: TRACESTATE_HEADER,
      message: 'an empty tracestate header was sent on (SHOULD NOT be sent)',
    });
  }
  if (members.length > 0) {
    const inspection = inspectTraceState(received.join(','), { maxLength: Infinity });
    if (!inspection.valid) {
      const first = inspection.errors[0];
      return {
        problems: [
          {
            rules: [first.rule],
            header: TRACESTATE_HEADER,
            message: `an invalid tracestate was sent on: ${first.message}`,
          },
        ],
        warnings,
      };
    }
  }
  const inputKeys = new Set(rawMembers(input).map(([k]) => k));
  let own = 0;
  while (own < members.length && !inputKeys.has(members[own][0])) own++;
  const rest = members.slice(own);
  for (const outcome of outcomes) {
    const want = outcome.output === null ? [] : rawMembers([outcome.output]);
    if (same(rest, want)) return { problems: [], warnings };
    // Own members at the left push the right-most ones out past 32 (TC-28).
    if (
      own > 0 &&
      want.length + own > TRACESTATE_MAX_MEMBERS &&
      same(rest, want.slice(0, TRACESTATE_MAX_MEMBERS - own))
    )
      return { problems: [], warnings };
  }
  const primary = outcomes[0].output === null ? [] : rawMembers([outcomes[0].output]);
  const aside =
    own > 0
      ? ` (${own} member(s) of the service's own set aside: ${listKeys(members.slice(0, own).map(([k]) => k))})`
      : '';
  return {
    problems: [
      {
        rules: brokenRules(input, outcomes, caseRules),
        header: TRACESTATE_HEADER,
        message: difference(rest, primary) + aside,
      },
    ],
    warnings,
  };
}

/**
 * The rules a mismatch breaks. When every answer discards the input, they are exactly why it is
 * invalid (what `inspect` says: TC-21, TC-22, TC-23 ...) and TC-26, not every rule the case
 * touches (such as TC-20 for a case spread over two lines); otherwise the case's rules.
 */
function brokenRules(input: readonly string[], outcomes: readonly Outcome[], caseRules: string[]): string[] {
  if (outcomes.some((o) => o.expect !== null)) return caseRules;
  const inspection = inspectTraceState(input.join(','), { maxLength: Infinity });
  if (inspection.valid) return caseRules;
  return [...new Set([...inspection.errors.map((e) => e.rule), 'TC-26'])];
}

/** A tracestate expectation in words, for the report. */
export function describeTraceStateOutcome(outcome: Outcome): string {
  return outcome.output === null ? 'no tracestate' : `tracestate ${JSON.stringify(abbreviate(outcome.output))}`;
}
