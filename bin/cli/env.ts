/**
 * `inspect --env`: the TRACEPARENT, TRACESTATE and BAGGAGE variables a process was started with
 * (the environment carrier, see src/propagation/env.ts), each inspected as its header.
 */
import { inspectOne, type HeaderName } from './inspect.js';
import type { Report } from './render.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../src/trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../src/baggage/propagator.js';

const VARIABLES: ReadonlyArray<[string, HeaderName]> = [
  ['TRACEPARENT', TRACEPARENT_HEADER],
  ['TRACESTATE', TRACESTATE_HEADER],
  ['BAGGAGE', BAGGAGE_HEADER],
];

/** Valid when every variable that is set is valid; none set is reported and is not valid. */
export function inspectEnv(env: Record<string, string | undefined>): Report {
  const reports: Report[] = [];
  let parentValid = false;
  for (const [variable, header] of VARIABLES) {
    const value = env[variable];
    if (value === undefined) continue;
    const report = inspectOne(header, value);
    report.lines[0] = `${variable}=${value}`;
    if (header === TRACEPARENT_HEADER) parentValid = report.valid;
    if (header === TRACESTATE_HEADER && !parentValid)
      report.lines.push('  note: without a valid TRACEPARENT, TRACESTATE is ignored [TC-18]');
    reports.push(report);
  }
  if (reports.length === 0)
    return { valid: false, lines: ['no TRACEPARENT, TRACESTATE or BAGGAGE in the environment'] };
  const lines: string[] = [];
  reports.forEach((r, i) => lines.push(...(i > 0 ? [''] : []), ...r.lines));
  return { valid: reports.every((r) => r.valid), lines };
}
