/** `inspect server-timing <value>`: which `trace` metric gives the server's span, or why none does (TC-34). */
import { inspectServerTimingTrace } from '../../src/server-timing/inspect.js';
import { describeFlags, render, type Report } from './render.js';
import { SERVER_TIMING_HEADER } from '../../src/server-timing/server-timing.js';

export function inspectServerTiming(value: string): Report {
  return render(SERVER_TIMING_HEADER, value, inspectServerTimingTrace(value), (v) => [
    `metric    trace, at ${v.offset}`,
    `version   ${v.version.toString(16).padStart(2, '0')}`,
    `trace id  ${v.traceId}`,
    `span id   ${v.spanId}   (the server's span)`,
    `flags     ${describeFlags(v.traceFlags)}`,
  ]);
}
