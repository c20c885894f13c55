// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * `inspectServerTimingTrace`: the slow path for people and the CLI. It walks a Server-Timing
 * header with the parser's own scanner (server-timing.ts) and says, for each `trace` metric,
 * why it is or is not the server's span: grammar, desc value (traceparent rules), which one wins.
 */
import { describeChar, problem, type Inspection } from '../inspect/problem.js';
import { ProblemList } from '../inspect/problems.js';
import {
  descValue,
  isTraceName,
  newScan,
  scanMetric,
  SCAN_EQUALS,
  SCAN_NAME,
  SCAN_PARAM_NAME,
  SCAN_PARAM_VALUE,
  SCAN_QUOTED_CHAR,
  SCAN_SEPARATOR,
  SCAN_UNTERMINATED,
  SERVER_TIMING_TRACE_METRIC,
  type MetricScan,
} from './server-timing.js';
import { isOws } from '../internal/chars.js';
import { inspectTraceparent } from '../trace-context/traceparent-inspect.js';
import type { TraceparentFields } from '../trace-context/traceparent.js';

/** The trace metric that counts: its fields, its version, and where it starts in the header. */
export interface ServerTimingTrace extends TraceparentFields {
  version: number;
  /** Offset of the metric's name in the header (lines joined by `,`). */
  offset: number;
}

const GRAMMAR: Record<number, string> = {
  [SCAN_NAME]: "a metric name is a token: letters, digits and !#$%&'*+-.^_`|~",
  [SCAN_SEPARATOR]: "expected ';' before a parameter or ',' before the next metric",
  [SCAN_PARAM_NAME]: "expected a parameter name (a token) after ';'",
  [SCAN_EQUALS]: "expected '=' after the parameter name",
  [SCAN_PARAM_VALUE]: "expected a token or a quoted-string after '='",
  [SCAN_QUOTED_CHAR]: 'a quoted-string holds no control chars, DEL or chars above U+00FF',
  [SCAN_UNTERMINATED]: 'this quoted-string is never closed, so the rest of the header is inside it',
};

/**
 * Says which `trace` metric of a Server-Timing header gives the server's span, or why none
 * does, each problem with its offset (in the lines joined by `,`) and rule. Valid exactly when
 * `parseServerTimingTrace` returns a value for the same header. Warnings: the problems of trace
 * metrics before the one that counts (ignored), trace metrics after it, malformed metrics of
 * other names (skipped), a repeated `desc`, a name not sent lowercase.
 */
export function inspectServerTimingTrace(value: unknown): Inspection<ServerTimingTrace> {
  const s = headerText(value);
  if (s === undefined)
    return {
      valid: false,
      errors: [
        problem('not-a-string', `expected a string or an array of strings, got ${describeType(value)}`, 0, 'TC-34'),
      ],
    };

  const scan = newScan();
  const errors = new ProblemList('TC-34');
  let warnings = new ProblemList('TC-34');
  let winner: ServerTimingTrace | undefined;
  let traceMetrics = 0;
  for (let i = 0; i <= s.length; ) {
    const end = scanMetric(s, i, scan);
    const isTrace = isTraceName(s, scan.nameStart, scan.nameEnd);
    if (isTrace) traceMetrics++;
    // A trace metric's problems are errors until a valid trace metric is found; after it, warnings.
    const list = isTrace && winner === undefined ? errors : warnings;
    if (scan.errorAt >= 0) {
      const what = isTrace ? 'this trace metric is ignored' : 'this metric is skipped';
      const code =
        scan.error === SCAN_QUOTED_CHAR || scan.error === SCAN_UNTERMINATED ? 'bad-quoted-string' : 'malformed-metric';
      const at = scan.error === SCAN_UNTERMINATED ? '' : `, found ${describeAt(s, scan.errorAt)}`;
      list.add(problem(code, `${GRAMMAR[scan.error]}${at}: ${what}`, scan.errorAt, 'TC-34'));
    } else if (isTrace) {
      const fields = inspectTrace(s, scan, list, warnings);
      if (fields && winner !== undefined)
        warnings.add(
          problem(
            'later-trace-metric',
            'another valid trace metric: the first one counts, this one is ignored',
            scan.nameStart,
            'TC-34',
          ),
        );
      else if (fields) {
        winner = fields;
        // What made the earlier trace metrics invalid only made them ignored.
        warnings = errors.merge(warnings);
      }
    }
    i = end + 1;
  }
  if (traceMetrics === 0)
    errors.add(
      problem('no-trace-metric', "no metric named 'trace' (the Trace Context response metric)", s.length, 'TC-34'),
    );
  const extra = warnings.size > 0 ? { warnings: warnings.toArray() } : {};
  return winner !== undefined
    ? { valid: true, value: winner, ...extra }
    : { valid: false, errors: errors.toArray(), ...extra };
}

/** Checks a well-formed trace metric; returns its fields when its desc is valid. */
function inspectTrace(
  s: string,
  scan: MetricScan,
  list: ProblemList,
  warnings: ProblemList,
): ServerTimingTrace | undefined {
  const offset = scan.nameStart;
  const name = s.slice(scan.nameStart, scan.nameEnd);
  if (name !== SERVER_TIMING_TRACE_METRIC)
    warnings.add(
      problem('uppercase-name', `the metric name '${name}' is read as 'trace'; send it lowercase`, offset, 'TC-1'),
    );
  if (scan.extraDesc >= 0)
    warnings.add(
      problem('repeated-desc', 'a second desc parameter: only the first one counts', scan.extraDesc, 'TC-34'),
    );
  if (scan.descStart < 0) {
    list.add(
      problem(
        'missing-desc',
        'the trace metric has no desc parameter: the span is its desc, version-trace-id-span-id-flags',
        offset,
        'TC-34',
      ),
    );
    return undefined;
  }
  const desc = descValue(s, scan);
  const inspection = inspectTraceparent(desc);
  // The traceparent's parent-id field is, here, the server's own span id.
  if (!inspection.valid)
    for (const p of inspection.errors)
      list.add({ ...p, message: p.message.replace('parent-id', 'span-id'), offset: rawOffset(s, scan, p.offset) });
  const ows = isOws(desc.charCodeAt(0)) ? 0 : isOws(desc.charCodeAt(desc.length - 1)) ? desc.length - 1 : -1;
  if (ows >= 0) {
    list.add(
      problem(
        'desc-whitespace',
        `${describeAt(desc, ows)} in the desc value: it is exactly version-trace-id-span-id-flags, nothing around it`,
        rawOffset(s, scan, ows),
        'TC-34',
      ),
    );
  }
  return inspection.valid && ows < 0 ? { ...inspection.value, offset } : undefined;
}

/** The header offset of desc index `i`: inside quotes, each `\` before it adds one. */
function rawOffset(s: string, scan: MetricScan, i: number): number {
  if (!scan.descEscaped) return scan.descStart + i;
  let raw = scan.descStart;
  for (let k = 0; k < i && raw < scan.descEnd; k++) raw += s.charCodeAt(raw) === 0x5c ? 2 : 1;
  return raw + (s.charCodeAt(raw) === 0x5c ? 1 : 0);
}

/** The header as one string, lines joined by `,`; undefined for anything else (a throwing Proxy included). */
function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  try {
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(',') : undefined;
  } catch {
    return undefined;
  }
}

function describeAt(s: string, i: number): string {
  return i >= s.length ? 'the end of the value' : describeChar(s.charCodeAt(i));
}

function describeType(value: unknown): string {
  try {
    return value === null ? 'null' : Array.isArray(value) ? 'an array with a non-string' : typeof value;
  } catch {
    return 'an object that throws';
  }
}
