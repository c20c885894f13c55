/** `inspect <header> <value>` and `inspect --headers`. */
import { inspectTraceparent } from '../../src/trace-context/traceparent-inspect.js';
import { inspectTraceState } from '../../src/trace-context/tracestate-inspect.js';
import { inspectBaggage } from '../../src/baggage/inspect.js';
import { readPropagationHeaders } from './headers.js';
import { renderBaggage, renderTraceparent, renderTraceState, type Report } from './render.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../src/trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../src/baggage/propagator.js';

export type HeaderName = typeof TRACEPARENT_HEADER | typeof TRACESTATE_HEADER | typeof BAGGAGE_HEADER;

/** `withoutParent`: a tracestate that came without a single valid traceparent (TC-18). */
export function inspectOne(header: HeaderName, value: string, withoutParent = false): Report {
  switch (header) {
    case TRACEPARENT_HEADER:
      return renderTraceparent(value, inspectTraceparent(value));
    case TRACESTATE_HEADER:
      return renderTraceState(value, inspectTraceState(value), withoutParent);
    case BAGGAGE_HEADER:
      return renderBaggage(value, inspectBaggage(value));
  }
}

/**
 * Every propagation header in the text. Repeated tracestate and baggage lines are one list
 * (TC-20, BG-3); repeated traceparent lines make the request's parent invalid (TC-13).
 */
export function inspectHeaders(text: string): Report {
  const h = readPropagationHeaders(text);
  const reports: Report[] = [];
  if (h.traceparent.length > 1) {
    const lines = [
      `traceparent: ${h.traceparent.length} header lines`,
      `  ✗ invalid: more than one traceparent means there is no valid parent [TC-13]`,
    ];
    h.traceparent.forEach((v, i) =>
      lines.push('', `  line ${i + 1}:`, ...inspectOne(TRACEPARENT_HEADER, v).lines.map((l) => '  ' + l)),
    );
    reports.push({ valid: false, lines });
  } else if (h.traceparent.length === 1) {
    reports.push(inspectOne(TRACEPARENT_HEADER, h.traceparent[0]));
  }
  if (h.tracestate.length > 0) {
    const withoutParent = reports.length === 0 || !reports[0].valid;
    const report = inspectOne(TRACESTATE_HEADER, h.tracestate.join(','), withoutParent);
    if (h.tracestate.length > 1) report.lines[0] += `   (${h.tracestate.length} lines combined)`;
    if (withoutParent && !report.lines.some((l) => l.includes('[TC-18]'))) {
      report.lines.push(`  note: without a single valid traceparent, tracestate is ignored [TC-18]`);
    }
    reports.push(report);
  }
  if (h.baggage.length > 0) {
    const report = inspectOne(BAGGAGE_HEADER, h.baggage.join(','));
    if (h.baggage.length > 1) report.lines[0] += `   (${h.baggage.length} lines combined)`;
    reports.push(report);
  }
  if (reports.length === 0) return { valid: false, lines: ['no traceparent, tracestate or baggage header found'] };
  const lines: string[] = [];
  reports.forEach((r, i) => lines.push(...(i > 0 ? [''] : []), ...r.lines));
  return { valid: reports.every((r) => r.valid), lines };
}
