/**
 * Judges the traceparent a service sent on. What the W3C harness checks, and what it leaves
 * out: exactly one header, version 00 with valid ids (TC-10, TC-5, TC-6); when the trace
 * continues, the incoming trace-id, a parent-id of its own (TC-17) and the random flag as
 * received (TC-16); when a new trace is expected, a trace-id that is not the incoming one
 * (TC-11); unknown flag bits cleared (TC-10). The sampled flag is the service's decision: a
 * child always has a new parent-id, so it may change (TC-17).
 */
import { TraceFlags } from '../../trace/span.js';
import { inspectTraceparent } from '../../trace-context/traceparent-inspect.js';
import { KNOWN_TRACE_FLAGS } from '../../trace-context/traceparent.js';
import type { TraceparentExpect } from './corpus.js';
import type { Finding } from './types.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../trace-context/propagator.js';

/** What a version-00 header holds; the checker reads the service's output strictly. */
const VERSION_00 = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface SentTraceparent {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

function finding(rules: string[], message: string): Finding {
  return { rules, header: TRACEPARENT_HEADER, message };
}

/** Flags written wider than two hex digits (`-0ff`): unknown bits were not cleared. */
function wideFlags(value: string): number | undefined {
  const parts = value.split('-');
  const flags = parts[3];
  if (parts.length !== 4 || flags === undefined || !/^[0-9a-f]{3,}$/.test(flags)) return undefined;
  const n = parseInt(flags, 16);
  return n > 0xff || n & ~KNOWN_TRACE_FLAGS ? n : undefined;
}

/**
 * The one traceparent in `lines`, read as version 00; or the findings that say why there is
 * none. `missingRules` name the rule a missing header breaks for this case.
 */
export function readSentTraceparent(lines: readonly string[], missingRules: string[]): SentTraceparent | Finding[] {
  if (lines.length === 0) return [finding(missingRules, 'no traceparent was sent on')];
  if (lines.length > 1)
    return [finding(['TC-2'], `${lines.length} traceparent headers were sent on; exactly one is expected`)];
  const value = lines[0];
  const m = VERSION_00.exec(value);
  if (!m) {
    const wide = wideFlags(value);
    if (wide !== undefined)
      return [
        finding(
          ['TC-10'],
          `flags written as '${value.split('-')[3]}' (0x${wide.toString(16)}): ` +
            'unknown flag bits must be cleared, leaving 2 hex digits',
        ),
      ];
    const inspection = inspectTraceparent(value);
    if (inspection.valid) return [finding(['TC-10'], 'an outgoing traceparent is version 00 with exactly 4 fields')];
    const first = inspection.errors[0];
    return [finding([first.rule], `an invalid traceparent was sent on: ${first.message}`)];
  }
  const [, version, traceId, spanId, flags] = m;
  const traceFlags = parseInt(flags, 16);
  const problems: Finding[] = [];
  if (version !== '00')
    problems.push(finding(['TC-10'], `version ${version} was sent on: outgoing headers are version 00`));
  if (/^0+$/.test(traceId)) problems.push(finding(['TC-5'], 'an all-zero trace-id was sent on'));
  if (/^0+$/.test(spanId)) problems.push(finding(['TC-6'], 'an all-zero parent-id was sent on'));
  if (traceFlags & ~KNOWN_TRACE_FLAGS)
    problems.push(finding(['TC-10'], `flags ${flags}: unknown flag bits must be sent as 0`));
  return problems.length > 0 ? problems : { traceId, spanId, traceFlags };
}

/**
 * What is wrong with `sent` against one accepted answer: `expect` continues the incoming
 * trace, `null` starts a new one. `sentInput` is the incoming header lines, `caseRules` the
 * rules a wrong decision breaks.
 */
export function judgeTraceparent(
  sent: SentTraceparent,
  expect: TraceparentExpect | null,
  sentInput: readonly string[],
  caseRules: string[],
): Finding[] {
  const problems: Finding[] = [];
  if (expect === null) {
    // The incoming ids in any case: an uppercase trace-id lowercased and continued is not new.
    if (sentInput.some((line) => line.toLowerCase().includes(sent.traceId))) {
      problems.push(
        finding(caseRules, `trace-id ${sent.traceId} comes from the incoming header: a new trace was expected`),
      );
    }
    return problems;
  }
  if (sent.traceId !== expect.traceId) {
    problems.push(
      finding(caseRules, `trace-id ${sent.traceId}: the incoming trace ${expect.traceId} was not continued`),
    );
    return problems;
  }
  if (sent.spanId === expect.spanId)
    problems.push(finding(['TC-17'], `parent-id ${sent.spanId} is the caller's: a child sends its own span id`));
  if ((sent.traceFlags & TraceFlags.RANDOM) !== (expect.traceFlags & TraceFlags.RANDOM)) {
    const was = expect.traceFlags & TraceFlags.RANDOM ? 'set' : 'clear';
    problems.push(
      finding(
        ['TC-16'],
        `the random flag was ${was} on input and must be sent as received ` +
          `(flags ${sent.traceFlags.toString(16).padStart(2, '0')})`,
      ),
    );
  }
  return problems;
}

/** A traceparent expectation in words, for the report. */
export function describeTraceparentExpect(expect: TraceparentExpect | null): string {
  if (expect === null) return 'a new trace (a trace-id other than the incoming one)';
  const random = expect.traceFlags & TraceFlags.RANDOM ? 'set' : 'clear';
  return `trace-id ${expect.traceId} continued with a new parent-id, random flag ${random}, version 00`;
}
