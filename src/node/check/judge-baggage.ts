/**
 * Judges the baggage a service sent on (the checker's extension of the harness protocol),
 * decoded rather than byte for byte: percent-encoding may differ where the spec allows it
 * (BG-8 lets a sender encode more than it must), OWS is not significant (BG-6) and several
 * header lines are one list (BG-2). Members are compared in order, duplicates included
 * (BG-19), against each accepted answer.
 */
import { parseBaggage, type BaggageMember } from '../../baggage/baggage.js';
import { inspectBaggage } from '../../baggage/inspect.js';
import type { Outcome } from './corpus.js';
import { abbreviate, listKeys } from './text.js';
import type { Finding } from './types.js';
import { BAGGAGE_HEADER } from '../../baggage/propagator.js';

/** Whatever a service sends is read whole: limits are the corpus's business, not the reader's. */
const UNLIMITED = { maxMembers: Infinity, maxMemberBytes: Infinity, maxTotalBytes: Infinity };

interface Member {
  key: string;
  value: string;
  properties: { key: string; value?: string }[];
}

function normalize(m: BaggageMember): Member {
  return {
    key: m.key,
    value: m.value,
    properties: (m.properties ?? []).map((p) =>
      p.value === undefined ? { key: p.key } : { key: p.key, value: p.value },
    ),
  };
}

/** The decoded members of baggage header lines, in order, duplicates kept. */
export function decodedMembers(lines: readonly string[]): Member[] {
  return parseBaggage(lines, UNLIMITED).members().map(normalize);
}

function show(m: Member): string {
  const props = m.properties
    .map((p) => (p.value === undefined ? `;${p.key}` : `;${p.key}=${JSON.stringify(abbreviate(p.value, 30))}`))
    .join('');
  return `${abbreviate(m.key, 40)}=${JSON.stringify(abbreviate(m.value, 40))}${props}`;
}

/** Equal members in the same order; `normalize` fixed the field order. */
function same(a: readonly Member[], b: readonly Member[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How `got` differs from `want`, in a few words. */
function difference(got: readonly Member[], want: readonly Member[]): string {
  if (want.length === 0)
    return `${got.length} member(s) sent on (${listKeys(got.map((m) => m.key))}); no baggage expected`;
  if (got.length === 0) return `no baggage sent on; ${want.length} member(s) expected`;
  const parts = [`${got.length} member(s) sent on, ${want.length} expected`];
  const gotKeys = new Set(got.map((m) => m.key));
  const wantKeys = new Set(want.map((m) => m.key));
  const missing = [...wantKeys].filter((k) => !gotKeys.has(k));
  const extra = [...gotKeys].filter((k) => !wantKeys.has(k));
  if (missing.length) parts.push(`missing ${listKeys(missing)}`);
  if (extra.length) parts.push(`unexpected ${listKeys(extra)}`);
  const first = want.findIndex((m, i) => got[i] === undefined || JSON.stringify(m) !== JSON.stringify(got[i]));
  if (first >= 0 && got[first] !== undefined)
    parts.push(`member ${first + 1} is ${show(got[first])}, expected ${show(want[first])}`);
  return parts.join('; ');
}

/**
 * What is wrong with the baggage lines a service sent (`received`), for a case that accepts
 * any of `outcomes` (the output of each is what may be sent on).
 */
export function judgeBaggage(
  received: readonly string[],
  outcomes: readonly Outcome[],
  caseRules: string[],
): Finding[] {
  if (received.some((line) => line.trim() !== '')) {
    const inspection = inspectBaggage(received, UNLIMITED);
    if (!inspection.valid) {
      const first = inspection.errors[0];
      return [
        {
          rules: [first.rule],
          header: BAGGAGE_HEADER,
          message: `a malformed baggage header was sent on: ${first.message}`,
        },
      ];
    }
  }
  const got = decodedMembers(received);
  for (const outcome of outcomes) {
    if (same(got, outcome.output === null ? [] : decodedMembers([outcome.output]))) return [];
  }
  const want = outcomes[0].output === null ? [] : decodedMembers([outcomes[0].output]);
  return [{ rules: caseRules, header: BAGGAGE_HEADER, message: difference(got, want) }];
}

/** A baggage expectation in words, for the report. */
export function describeBaggageOutcome(outcome: Outcome): string {
  return outcome.output === null ? 'no baggage' : `baggage ${JSON.stringify(abbreviate(outcome.output))} (decoded)`;
}
