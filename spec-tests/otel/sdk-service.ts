/**
 * One service of the bridge's end-to-end test (sdk-e2e.test.ts), run as its own Node process:
 * the OpenTelemetry SDK (TracerProvider from @opentelemetry/sdk-trace, AsyncLocalStorage
 * context manager) with this library's propagators as the global propagator.
 *
 *   node sdk-service.js front <back-url>   continues the caller's trace in span `front`, whose
 *                                          sampler adds `front=1` to the tracestate, adds
 *                                          `hello=world` to the baggage, calls <back-url>
 *   node sdk-service.js back               continues the caller's trace in span `back`
 *
 * Listens on a free port and prints `{"port":n}`; each reply is JSON: the headers it received
 * and sent, the baggage it read, and the spans it exported (the front's reply includes the back's).
 */
import { createServer, type IncomingMessage } from 'node:http';
import * as api from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AlwaysOnSampler,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { createOtelPropagators } from '../../src/otel/index.js';

const [role, backUrl] = process.argv.slice(2);

/** ParentBased(AlwaysOn) that adds `front=1` to the tracestate: OpenTelemetry code calling TraceState.set. */
const parentBased = new ParentBasedSampler({ root: new AlwaysOnSampler() });
const frontSampler: Sampler = {
  shouldSample(context, traceId, name, kind, attributes, links) {
    const result = parentBased.shouldSample(context, traceId, name, kind, attributes, links);
    const parentState = api.trace.getSpanContext(context)?.traceState;
    return parentState ? { ...result, traceState: parentState.set('front', '1') } : result;
  },
  toString: () => 'FrontSampler',
};

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({
  sampler: role === 'front' ? frontSampler : parentBased,
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
});
api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
api.trace.setGlobalTracerProvider(provider);
api.propagation.setGlobalPropagator(createOtelPropagators(api).composite);
const tracer = api.trace.getTracer(`sdk-e2e-${role}`);

export interface SpanReport {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  traceFlags: number;
  traceState: string | null;
  parentSpanId: string | null;
  parentIsRemote: boolean | null;
}

export interface Reply {
  received: Record<string, string | string[] | undefined>;
  sent?: Record<string, string>;
  baggage: [string, string, string | null][];
  traceStateClass: string | null;
  spans: SpanReport[];
  back?: Reply;
}

function report(span: ReadableSpan): SpanReport {
  const sc = span.spanContext();
  return {
    service: role!,
    name: span.name,
    traceId: sc.traceId,
    spanId: sc.spanId,
    traceFlags: sc.traceFlags,
    traceState: sc.traceState?.serialize() ?? null,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    parentIsRemote: span.parentSpanContext?.isRemote ?? null,
  };
}

function received(req: IncomingMessage): Reply['received'] {
  return { traceparent: req.headers.traceparent, tracestate: req.headers.tracestate, baggage: req.headers.baggage };
}

async function handle(req: IncomingMessage): Promise<Reply> {
  exporter.reset();
  // What HTTP instrumentation does: extract with the global propagator (OpenTelemetry's getter).
  const parent = api.propagation.extract(api.ROOT_CONTEXT, req.headers);
  const baggage = (api.propagation.getBaggage(parent)?.getAllEntries() ?? []).map(
    ([k, e]): [string, string, string | null] => [k, e.value, e.metadata?.toString() ?? null],
  );
  const traceStateClass = api.trace.getSpanContext(parent)?.traceState?.constructor.name ?? null;
  if (role === 'back') {
    tracer.startSpan('back', { kind: api.SpanKind.SERVER }, parent).end();
    return { received: received(req), baggage, traceStateClass, spans: exporter.getFinishedSpans().map(report) };
  }
  return tracer.startActiveSpan('front', { kind: api.SpanKind.SERVER }, parent, async (span) => {
    const withHello = (api.propagation.getBaggage(api.context.active()) ?? api.propagation.createBaggage()).setEntry(
      'hello',
      { value: 'world' },
    );
    const ctx = api.propagation.setBaggage(api.context.active(), withHello);
    const sent: Record<string, string> = {};
    api.propagation.inject(ctx, sent);
    const back = (await (await fetch(backUrl!, { headers: sent })).json()) as Reply;
    span.end();
    return {
      received: received(req),
      sent,
      baggage,
      traceStateClass,
      spans: exporter.getFinishedSpans().map(report),
      back,
    };
  });
}

const server = createServer((req, res) => {
  handle(req).then(
    (reply) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply)),
    (error: unknown) => res.writeHead(500).end(String(error instanceof Error ? error.stack : error)),
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
});
// Never outlive the test: stdin closes when the test process ends, even when it is killed.
process.stdin
  .on('end', () => process.exit(0))
  .on('error', () => process.exit(0))
  .resume();
