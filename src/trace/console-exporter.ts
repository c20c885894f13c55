// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * Prints ended spans: one JSON line per span (for log pipelines), or one readable line
 * (for people). Use as a tracer's `onEnd`:
 *
 *   createTracer({ onEnd: consoleExporter() });                    // JSON lines
 *   createTracer({ onEnd: consoleExporter({ format: 'pretty' }) }); // readable lines
 */
import { TraceFlags } from './span.js';
import type { RecordingSpan } from './tracer.js';

// The core is typed against ES2020 alone (src/tsconfig.json), which has no console; the one
// member used here, declared for this module only. Type-only: nothing is emitted.
declare const console: { log(line: string): void };

export interface ConsoleExporterOptions {
  format?: 'json' | 'pretty';
  /** Where lines go; default `console.log`. */
  write?: (line: string) => void;
}

/** The fields the exporter prints for a span, in a stable order. */
export function spanToRecord(span: RecordingSpan) {
  const sc = span.spanContext();
  const traceState = sc.traceState?.serialize();
  return {
    name: span.name,
    traceId: sc.traceId,
    spanId: sc.spanId,
    parentSpanId: span.parentSpanId ?? null,
    traceFlags: sc.traceFlags,
    sampled: (sc.traceFlags & TraceFlags.SAMPLED) !== 0,
    random: (sc.traceFlags & TraceFlags.RANDOM) !== 0,
    ...(traceState ? { traceState } : {}),
    startTime: new Date(span.startTime).toISOString(),
    durationMs: span.endTime === undefined ? null : round(span.endTime - span.startTime),
    attributes: { ...span.attributes },
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** One readable line: name, ids, parent, decoded flags and duration. */
export function formatSpanLine(span: RecordingSpan): string {
  const r = spanToRecord(span);
  const flags = [r.sampled ? 'sampled' : 'not sampled', ...(r.random ? ['random'] : [])].join('+');
  const duration = r.durationMs === null ? 'open' : `${r.durationMs.toFixed(3)} ms`;
  return (
    `${r.name}  trace=${r.traceId}  span=${r.spanId}  parent=${r.parentSpanId ?? '(root)'}  ` +
    `flags=${r.traceFlags.toString(16).padStart(2, '0')} (${flags})  ${duration}`
  );
}

export function consoleExporter(options: ConsoleExporterOptions = {}): (span: RecordingSpan) => void {
  const write = options.write ?? ((line: string) => console.log(line));
  const pretty = options.format === 'pretty';
  return (span) => write(pretty ? formatSpanLine(span) : JSON.stringify(spanToRecord(span)));
}
