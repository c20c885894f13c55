/**
 * How the demo's services tell `run.ts` what happened: one JSON object per stdout line,
 * after a prefix, so ordinary log lines can share the stream.
 */
export const PREFIX = '@@demo ';

export type HeaderMap = Record<string, string | string[]>;

export type Message =
  | { type: 'ready'; service: string; port: number; pid: number }
  | { type: 'port-in-use'; service: string; port: number }
  | { type: 'listen-error'; service: string; port: number; message: string }
  | { type: 'sent'; service: string; headers: HeaderMap }
  | { type: 'received'; service: string; headers: HeaderMap }
  | { type: 'baggage'; service: string; entries: Array<[string, string]> }
  | { type: 'response'; service: string; serverTiming: string | null; reported: ReportedSpan | null }
  | { type: 'span'; service: string; line: string; record: SpanRecord };

/** What the console exporter's JSON format prints for a span (the fields the demo checks). */
export interface SpanRecord {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  traceFlags: number;
  durationMs: number | null;
}

/** The span a service reported in its response's Server-Timing header (TC-34). */
export interface ReportedSpan {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

export function send(message: Message): void {
  process.stdout.write(PREFIX + JSON.stringify(message) + '\n');
}

export function parseMessage(line: string): Message | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  try {
    return JSON.parse(line.slice(PREFIX.length)) as Message;
  } catch {
    return undefined;
  }
}
