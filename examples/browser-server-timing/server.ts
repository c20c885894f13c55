/**
 * A web page that finds the server's span in the Server-Timing header, without sending any
 * trace header itself (TC-34).
 *
 *   page  http://127.0.0.1:8080/    the page; its script is page.ts with the library, bundled
 *                                   by esbuild into one ES module (only what the page uses)
 *   api   http://127.0.0.1:8081/api/checkout   another origin: starts a span, answers with
 *         Server-Timing: app;dur=…, trace;desc=00-<trace-id>-<span-id>-<flags>
 *         Timing-Allow-Origin: <the page's origin>   (without it the browser hides serverTiming)
 *
 * The page fetches the API, reads `performance.getEntriesByName(url)[0].serverTiming` and gives
 * it to `parseServerTimingTrace`. Browsers expose serverTiming only in secure contexts:
 * https, or http on 127.0.0.1 / localhost, as here.
 *
 *   npm run example:browser -- --port 8080 --api-port 8081
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROOT_CONTEXT } from '../../src/context/context.js';
import { setSpan } from '../../src/trace/span.js';
import { createTracer } from '../../src/trace/tracer.js';
import { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
import { W3CTraceResponsePropagator } from '../../src/server-timing/propagator.js';
import { headersFromIncoming } from '../../src/node/index.js';
import { readPort } from '../demo/args.js';

const HOST = '127.0.0.1';
const HERE = dirname(fileURLToPath(import.meta.url));
const PAGE_SCRIPT_PATH = '/page.js';

/** A span the API reported in a response. */
export interface ReportedSpan {
  traceId: string;
  spanId: string;
  traceFlags: number;
  /** Whether that response carried Timing-Allow-Origin. */
  timingAllowed: boolean;
}

export interface Example {
  pageUrl: string;
  apiUrl: string;
  /** Every span the API reported, in order. */
  reported: ReportedSpan[];
  /** Bytes of the page's script bundle, library included: minified, and gzipped (-9). */
  bundleBytes: { min: number; gzip: number };
  close(): Promise<void>;
}

/** page.js and the part of `w3c-propagation/server-timing` it imports, as one minified ES module. */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(HERE, 'page.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const PAGE_STYLE =
  'body { font: 15px/1.5 system-ui, sans-serif; margin: 2em; } ' +
  'code, td { font-family: ui-monospace, monospace; } ' +
  'th, td { text-align: left; padding: 0 1em 0 0; }';

function page(apiUrl: string): string {
  return `<!doctype html>
<html lang="en" data-api="${apiUrl}">
<meta charset="utf-8">
<title>Server-Timing: the server's span</title>
<style>${PAGE_STYLE}</style>
<h1>Which span served this request?</h1>
<p>The page fetched <code id="url">…</code> without sending any trace header.
The server answered with a <code>Server-Timing</code> header; the browser exposes it as
<code>PerformanceResourceTiming.serverTiming</code>:</p>
<table id="entries"><tr><th>name</th><th>duration</th><th>description</th></tr></table>
<p id="span">Reading the server's span…</p>
<p id="hidden"></p>
<script type="module" src="${PAGE_SCRIPT_PATH}"></script>
</html>
`;
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve(`http://${HOST}:${(server.address() as AddressInfo).port}`));
  });
}

export async function startExample(options: { port?: number; apiPort?: number } = {}): Promise<Example> {
  const pageScript = await bundlePage();
  const reported: ReportedSpan[] = [];
  const tracer = createTracer();
  const traceContext = new W3CTraceContextPropagator();
  const response = new W3CTraceResponsePropagator();
  let pageOrigin = '';
  let apiOrigin = '';

  const js = 'text/javascript; charset=utf-8';
  const pageServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(`${apiOrigin}/api/checkout`));
    else if (path === PAGE_SCRIPT_PATH) res.writeHead(200, { 'content-type': js }).end(pageScript);
    else if (path === '/favicon.ico') res.writeHead(204).end();
    else res.writeHead(404).end('not found');
  });

  const apiServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/api/checkout') {
      res.writeHead(404).end('not found');
      return;
    }
    // The page sends no traceparent, so this starts a new trace (a request with one would continue it).
    const parent = traceContext.extract(ROOT_CONTEXT, headersFromIncoming(req));
    const span = tracer.startSpan('GET /api/checkout', {}, parent);
    span.end();
    const timingAllowed = url.searchParams.get('tao') !== '0';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'access-control-allow-origin': pageOrigin,
      'server-timing': `app;dur=${(span.endTime! - span.startTime).toFixed(3)}`,
    };
    if (timingAllowed) headers['timing-allow-origin'] = pageOrigin;
    response.inject(setSpan(parent, span), headers);
    const { traceId, spanId, traceFlags } = span.spanContext();
    reported.push({ traceId, spanId, traceFlags, timingAllowed });
    res.writeHead(200, headers).end(JSON.stringify({ ok: true }));
  });

  apiOrigin = await listen(apiServer, options.apiPort ?? 0);
  try {
    pageOrigin = await listen(pageServer, options.port ?? 0);
  } catch (error) {
    apiServer.close();
    throw error;
  }
  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    pageUrl: `${pageOrigin}/`,
    apiUrl: `${apiOrigin}/api/checkout`,
    reported,
    bundleBytes: { min: Buffer.byteLength(pageScript), gzip: gzipSync(pageScript, { level: 9 }).byteLength },
    close: async () => {
      pageServer.closeAllConnections();
      apiServer.closeAllConnections();
      await Promise.all([close(pageServer), close(apiServer)]);
    },
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const port = readPort(argv, '--port', process.env.PORT, 8080);
  const apiPort = readPort(argv, '--api-port', process.env.API_PORT, 8081);
  for (const p of [port, apiPort]) {
    if (typeof p === 'string') {
      process.stderr.write(`example: ${p}\n`);
      process.exit(2);
    }
  }
  try {
    const example = await startExample({ port: port as number, apiPort: apiPort as number });
    process.stdout.write(
      `page  ${example.pageUrl}   (open it in a browser)\napi   ${example.apiUrl}\n` +
        `page script ${example.bundleBytes.min} B minified, ${example.bundleBytes.gzip} B gzip, library included\n`,
    );
  } catch (error) {
    process.stderr.write(`example: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
