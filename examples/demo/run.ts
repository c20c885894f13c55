/**
 * `npm run demo`: two services in two Node processes, one trace across real HTTP.
 *
 *   run.ts ──GET /──▶ service 1 (api1_span) ──GET / + traceparent, baggage──▶ service 2 (api2_span)
 *                                           ◀── 200 + server-timing: trace;desc=… ──
 *
 * Starts both services, sends one request, prints the headers that crossed the wire,
 * both spans, the baggage that arrived and the span service 2 reported back in Server-Timing,
 * checks that the spans form one trace, and stops
 * the services. Exit 0 when every check passes, 1 otherwise (with the reason).
 *
 *   npm run demo -- --port1 6002 --port2 6001     (or PORT1=6002 PORT2=6001)
 *   npm run demo -- --otel                        the same services on the OpenTelemetry SDK,
 *                                                 with this library's propagators (otel-service*.ts)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readPort } from './args.js';
import { parseMessage, type HeaderMap, type Message, type ReportedSpan, type SpanRecord } from './protocol.js';
import { HOST } from './serve.js';

const TIMEOUT_MS = Number(process.env.DEMO_TIMEOUT_MS) || 15000;

class DemoError extends Error {}

interface Service {
  name: string;
  flag: string;
  port: number;
  child: ChildProcess;
  messages: Message[];
  stderr: string;
  /** The process has exited and its output has been read to the end. */
  closed: boolean;
}

const children: ChildProcess[] = [];

function stopAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
}

process.on('exit', stopAll);
// A closed stdout (`npm run demo | head`) ends the demo quietly.
process.stdout.on('error', () => process.exit(0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.stderr.write(`\ndemo: stopped by ${signal}\n`);
    process.exit(130);
  });
}

const waiters = new Set<() => void>();

function notify(): void {
  for (const check of [...waiters]) check();
}

/** Resolves with the first message `pick` accepts; rejects if the service exits first. */
function waitFor<T>(service: Service, what: string, pick: (m: Message) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      for (const m of service.messages) {
        const hit = pick(m);
        if (hit !== undefined) {
          waiters.delete(check);
          resolve(hit);
          return;
        }
      }
      if (service.closed) {
        waiters.delete(check);
        reject(exitReason(service, what));
      }
    };
    waiters.add(check);
    check();
  });
}

function exitReason(service: Service, what: string): DemoError {
  const taken = service.messages.find((m) => m.type === 'port-in-use');
  if (taken) return new DemoError(`port ${service.port} is already in use; pass ${service.flag} <n>`);
  const failed = service.messages.find((m) => m.type === 'listen-error');
  if (failed && failed.type === 'listen-error')
    return new DemoError(`${service.name} could not listen on port ${service.port}: ${failed.message}`);
  const detail = service.stderr.trim() ? `:\n${service.stderr.trim()}` : '';
  return new DemoError(
    `${service.name} exited (code ${service.child.exitCode ?? service.child.signalCode}) before ${what}${detail}`,
  );
}

function start(name: string, file: string, flag: string, port: number, extra: string[]): Service {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const child = spawn(process.execPath, [script, '--port', String(port), '--exit-with-parent', ...extra], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const service: Service = { name, flag, port, child, messages: [], stderr: '', closed: false };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = parseMessage(line);
    if (message) service.messages.push(message);
    notify();
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (service.stderr += chunk));
  child.on('close', () => {
    service.closed = true;
    notify();
  });
  child.on('error', (error) => {
    service.stderr += error.message;
    service.closed = true;
    notify();
  });
  return service;
}

function pick<K extends Message['type']>(type: K) {
  return (m: Message) => (m.type === type ? (m as Extract<Message, { type: K }>) : undefined);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DemoError(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function headerLines(headers: HeaderMap): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`  ${name}: ${v}`);
  }
  return lines.length ? lines : ['  (none)'];
}

function print(...lines: string[]): void {
  process.stdout.write(lines.map((l) => l + '\n').join(''));
}

async function demo(port1: number, port2: number, otel: boolean): Promise<void> {
  const prefix = otel ? './otel-' : './';
  const s2 = start('service 2', `${prefix}service2.js`, '--port2', port2, []);
  const s1 = start('service 1', `${prefix}service1.js`, '--port1', port1, ['--port2', String(port2)]);
  const [r2, r1] = await Promise.all([
    waitFor(s2, 'it was ready', pick('ready')),
    waitFor(s1, 'it was ready', pick('ready')),
  ]);
  print(
    'w3c-propagation demo: one trace across two services over real HTTP',
    ...(otel ? ['on the OpenTelemetry SDK, with w3c-propagation/otel as the global propagator'] : []),
    '',
    `  service 1  http://${HOST}:${r1.port}/  pid ${r1.pid}`,
    `  service 2  http://${HOST}:${r2.port}/  pid ${r2.pid}`,
    '',
  );
  const url = `http://${HOST}:${port1}/`;
  const response = await fetch(url);
  const body = await response.text();
  print(`→ GET ${url}`, `← ${response.status} ${JSON.stringify(body)}`, '');

  const sent = await waitFor(s1, 'it reported the headers it sent', pick('sent'));
  const received = await waitFor(s2, 'it reported the headers it received', pick('received'));
  const baggage = await waitFor(s2, 'it reported the baggage', pick('baggage'));
  const span2 = await waitFor(s2, 'it reported api2_span', pick('span'));
  const span1 = await waitFor(s1, 'it reported api1_span', pick('span'));
  const answered = await waitFor(s1, "it reported service 2's response", pick('response'));

  print('Headers that crossed the wire (as service 2 received them):', ...headerLines(received.headers), '');
  print(
    otel ? 'Spans (OpenTelemetry SDK, printed in the same format):' : 'Spans (console exporter, pretty format):',
    `  service 1  ${span1.line}`,
    `  service 2  ${span2.line}`,
    '',
  );
  print('Baggage that arrived at service 2:');
  print(
    ...(baggage.entries.length ? baggage.entries.map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`) : ['  (none)']),
    '',
  );
  print(
    "Server-Timing in service 2's response (as service 1 read it):",
    `  server-timing: ${answered.serverTiming ?? '(none)'}`,
    '',
  );

  const checks = runChecks(
    response.status,
    body,
    span1.record,
    span2.record,
    sent.headers,
    received.headers,
    baggage.entries,
    answered.reported,
  );
  print('Checks:', ...checks.map(([ok, text]) => `  ${ok ? '✓' : '✗'} ${text}`));
  const failed = checks.filter(([ok]) => !ok);
  if (failed.length) throw new DemoError(`${failed.length} of ${checks.length} checks failed`);
}

function runChecks(
  status: number,
  body: string,
  span1: SpanRecord,
  span2: SpanRecord,
  sent: HeaderMap,
  received: HeaderMap,
  baggage: Array<[string, string]>,
  reported: ReportedSpan | null,
): Array<[boolean, string]> {
  const wireParent = typeof received.traceparent === 'string' ? received.traceparent.split('-')[2] : undefined;
  return [
    [
      status === 200 && body === 'Hello from API 2!',
      `service 1 answered with service 2's reply: ${JSON.stringify(body)}`,
    ],
    [span1.traceId === span2.traceId, `both spans share one trace id: ${span1.traceId}`],
    [span2.parentSpanId === span1.spanId, `api2_span's parent is api1_span: ${span2.parentSpanId} = ${span1.spanId}`],
    [span1.parentSpanId === null, 'api1_span is the root of the trace'],
    [wireParent === span1.spanId, "the traceparent on the wire carries api1_span's span id"],
    [JSON.stringify(sent) === JSON.stringify(received), 'service 2 received exactly the headers service 1 injected'],
    [baggage.some(([k, v]) => k === 'hello' && v === 'world'), 'baggage hello=world arrived at service 2'],
    [
      reported !== null && reported.spanId === span2.spanId && reported.traceId === span2.traceId,
      'service 2 reported its span in Server-Timing: ' +
        `${reported ? `span ${reported.spanId} in trace ${reported.traceId}` : 'nothing'} (api2_span: ${span2.spanId})`,
    ],
  ];
}

function describeError(error: unknown): string {
  if (error instanceof DemoError || !(error instanceof Error))
    return String(error instanceof Error ? error.message : error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const port1 = readPort(argv, '--port1', process.env.PORT1, 5002);
  const port2 = readPort(argv, '--port2', process.env.PORT2, 5001);
  for (const p of [port1, port2]) {
    if (typeof p === 'string') {
      process.stderr.write(`demo: ${p}\n`);
      return 2;
    }
  }
  if (port1 === port2) {
    process.stderr.write(`demo: --port1 and --port2 are both ${port1}; pick two different ports\n`);
    return 2;
  }
  try {
    await withTimeout(demo(port1 as number, port2 as number, argv.includes('--otel')), TIMEOUT_MS);
    return 0;
  } catch (error) {
    const message = describeError(error);
    process.stderr.write(`demo failed: ${message}\n`);
    return 1;
  } finally {
    stopAll();
  }
}

main().then((code) => {
  process.exitCode = code;
});
