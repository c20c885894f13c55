/**
 * Test service for the official W3C trace-context validation harness.
 * POST /test with a JSON array of { url, arguments }: for each element, in order, POST
 * `arguments` to `url` carrying a traceparent/tracestate that continues the incoming trace
 * as a child span (or starts a new one when the incoming headers are missing or invalid).
 *
 *   npm run w3c-service -- --port 5000 [--host 127.0.0.1]
 */
import * as http from 'node:http';
import { pathToFileURL } from 'node:url';
import { ROOT_CONTEXT } from '../src/context.js';
import { setSpan } from '../src/span.js';
import { createTracer } from '../src/tracer.js';
import { W3CTraceContextPropagator } from '../src/w3c-trace-context.js';

export interface W3CTestServiceOptions { port?: number; host?: string }
export interface W3CTestService { port: number; close(): Promise<void> }

interface Step { url: string; arguments: unknown }

const propagator = new W3CTraceContextPropagator();
const tracer = createTracer();

function readSteps(body: string): Step[] | string {
  let parsed: unknown;
  try { parsed = JSON.parse(body); } catch { return 'body is not JSON'; }
  if (!Array.isArray(parsed)) return 'body must be a JSON array';
  for (const item of parsed) {
    if (item === null || typeof item !== 'object' || typeof (item as Step).url !== 'string') {
      return 'each element must be an object with a string "url"';
    }
  }
  return parsed as Step[];
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const reject = (reason: string): void => {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(reason + '\n');
  };
  if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/test') {
    req.resume();
    return reject('expected POST /test');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const steps = readSteps(Buffer.concat(chunks).toString('utf8'));
  if (typeof steps === 'string') return reject(steps);

  // headersDistinct keeps duplicated fields apart, so the propagator sees every
  // traceparent (TC-13) and every tracestate in arrival order (TC-20).
  const parent = propagator.extract(ROOT_CONTEXT, req.headersDistinct);
  for (const step of steps) {
    const span = tracer.startSpan('POST ' + step.url, {}, parent);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    propagator.inject(setSpan(parent, span), headers);
    try {
      const out = await fetch(step.url, { method: 'POST', headers, body: JSON.stringify(step.arguments ?? []) });
      await out.arrayBuffer();
    } catch {
      // A failing downstream call is the harness's concern, not a reason to stop.
    }
    span.end();
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
}

export function startW3CTestService(options: W3CTestServiceOptions = {}): Promise<W3CTestService> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400).end('bad request\n');
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5000, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port ?? 5000;
      resolve({
        port,
        close: () => new Promise<void>((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const host = argValue('--host') ?? '127.0.0.1';
  const port = Number(argValue('--port') ?? process.env.PORT ?? 5000);
  startW3CTestService({ port, host }).then(
    (s) => console.log(`W3C trace-context test service listening on http://${host}:${s.port}/test`),
    (err: NodeJS.ErrnoException) => {
      console.error(err.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : `cannot listen: ${err.message}`);
      process.exit(1);
    },
  );
}
