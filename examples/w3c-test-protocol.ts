/**
 * The test-service protocol of the official W3C Trace Context harness, without the
 * propagation: POST /test with a JSON array of { url, arguments }; for each element, in
 * order, POST `arguments` to `url` with the headers the service propagates. A service built
 * on it says only how it turns the incoming request into outgoing headers (see
 * w3c-test-service.ts, and spec-tests/fixtures/otel-w3c-service.ts for OpenTelemetry JS).
 */
import * as http from 'node:http';
import { pathToFileURL } from 'node:url';

export interface TestServiceOptions {
  port?: number;
  host?: string;
}
export interface TestService {
  port: number;
  close(): Promise<void>;
}

/** One outgoing call: its headers, and what to do once it is done (end a span). */
export interface OutgoingCall {
  headers: Record<string, string>;
  end?: () => void;
}

/** For an incoming request, a function that starts each outgoing call. */
export type Propagate = (req: http.IncomingMessage) => () => OutgoingCall;

interface Step {
  url: string;
  arguments: unknown;
}

function readSteps(body: string): Step[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  if (!Array.isArray(parsed)) return 'body must be a JSON array';
  for (const item of parsed) {
    if (item === null || typeof item !== 'object' || typeof (item as Step).url !== 'string') {
      return 'each element must be an object with a string "url"';
    }
  }
  return parsed as Step[];
}

async function handle(propagate: Propagate, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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

  const call = propagate(req);
  for (const step of steps) {
    const { headers, end } = call();
    try {
      const out = await fetch(step.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(step.arguments ?? []),
      });
      await out.arrayBuffer();
    } catch {
      // A failing downstream call is the harness's concern, not a reason to stop.
    }
    end?.();
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
}

export function startTestService(propagate: Propagate, options: TestServiceOptions = {}): Promise<TestService> {
  const server = http.createServer((req, res) => {
    handle(propagate, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400).end('bad request\n');
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5000, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : (options.port ?? 5000);
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Starts the service when `moduleUrl` is the script Node was asked to run:
 * `node <script> --port 5000 [--host 127.0.0.1]` (port 0 picks a free one and prints it).
 */
export function runWhenMain(
  moduleUrl: string,
  name: string,
  start: (options: TestServiceOptions) => Promise<TestService>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const host = argValue('--host') ?? '127.0.0.1';
  const port = Number(argValue('--port') ?? process.env.PORT ?? 5000);
  start({ port, host }).then(
    (s) => console.log(`${name} listening on http://${host}:${s.port}/test`),
    (err: NodeJS.ErrnoException) => {
      console.error(
        err.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : `cannot listen: ${err.message}`,
      );
      process.exit(1);
    },
  );
}
