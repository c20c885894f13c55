/**
 * What both `--otel` services share: the OpenTelemetry SDK set up as an application would,
 * with this library's propagators as the global propagator:
 *
 *   api.propagation.setGlobalPropagator(createOtelPropagators(api).composite);
 *
 * Ended spans are reported to `run.ts` in the same form as the default services' spans.
 */
import * as api from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { SimpleSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { createOtelPropagators } from '../../src/otel/index.js';
import { send, type SpanRecord } from './protocol.js';

function record(span: ReadableSpan): SpanRecord {
  const sc = span.spanContext();
  const [seconds, nanos] = span.duration;
  return {
    name: span.name,
    traceId: sc.traceId,
    spanId: sc.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    traceFlags: sc.traceFlags,
    durationMs: span.ended ? Math.round((seconds * 1e3 + nanos / 1e6) * 1000) / 1000 : null,
  };
}

/** The line the console exporter's pretty format prints for a span of this library's tracer. */
function line(r: SpanRecord): string {
  const flags = [r.traceFlags & 1 ? 'sampled' : 'not sampled', ...(r.traceFlags & 2 ? ['random'] : [])].join('+');
  const duration = r.durationMs === null ? 'open' : `${r.durationMs.toFixed(3)} ms`;
  const hexFlags = r.traceFlags.toString(16).padStart(2, '0');
  const parent = r.parentSpanId ?? '(root)';
  return `${r.name}  trace=${r.traceId}  span=${r.spanId}  parent=${parent}  flags=${hexFlags} (${flags})  ${duration}`;
}

/** Installs the SDK and the propagators globally; returns the service's tracer. */
export function setUpOpenTelemetry(service: string): api.Tracer {
  const exporter: SpanExporter = {
    export(spans, done) {
      for (const span of spans) {
        const r = record(span);
        console.error(line(r));
        send({ type: 'span', service, line: line(r), record: r });
      }
      done({ code: 0 });
    },
    shutdown: () => Promise.resolve(),
  };
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  api.propagation.setGlobalPropagator(createOtelPropagators(api).composite);
  return api.trace.getTracer(`w3c-propagation-demo-${service}`);
}
