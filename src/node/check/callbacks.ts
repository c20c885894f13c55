/**
 * The checker's side of the harness protocol: a small HTTP server the service calls back.
 * Each case gets its own URL (`/<run token>/<case>`); a callback records the propagation
 * header lines it carries, in order, and is answered `200 null` as the W3C harness answers a
 * callback without arguments.
 */
import * as http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CheckError } from './error.js';
import type { ReceivedHeaders } from './types.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../baggage/propagator.js';

export interface CallbackServer {
  /** Where callbacks go, as the service is told. */
  readonly baseUrl: string;
  /** A URL for one callback and what arrives there (undefined if the server closes first). */
  expect(id: string): { url: string; received: Promise<ReceivedHeaders | undefined> };
  close(): Promise<void>;
}

/** The propagation headers among raw `[name, value, name, value, ...]` lines, in order. */
export function propagationHeaders(raw: readonly string[]): ReceivedHeaders {
  const out: ReceivedHeaders = { traceparent: [], tracestate: [], baggage: [] };
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === TRACEPARENT_HEADER || name === TRACESTATE_HEADER || name === BAGGAGE_HEADER)
      out[name].push(raw[i + 1]);
  }
  return out;
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Listens on `host:port` (0: a free port). `publicHost` is the name put in callback URLs when
 * the service reaches the checker under another name (a container, another machine).
 */
export function startCallbackServer(host: string, port: number, publicHost: string = host): Promise<CallbackServer> {
  const token = randomBytes(6).toString('hex');
  const waiting = new Map<string, (r: ReceivedHeaders | undefined) => void>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const id = path.startsWith(`/${token}/`) ? decodeURIComponent(path.slice(token.length + 2)) : undefined;
    const resolve = id === undefined ? undefined : waiting.get(id);
    if (resolve) {
      waiting.delete(id as string);
      resolve(propagationHeaders(req.rawHeaders));
    }
    req.resume();
    req.on('end', () => {
      res
        .writeHead(resolve ? 200 : 404, { 'content-type': 'application/json' })
        .end(resolve ? 'null' : '{"error":"unknown callback"}');
    });
  });
  return new Promise((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      fail(new CheckError('callback-server', `cannot listen for callbacks on ${host}:${port}: ${e.code ?? e.message}`));
    });
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const baseUrl = `http://${urlHost(publicHost)}:${address.port}/${token}`;
      done({
        baseUrl,
        expect(id) {
          const received = new Promise<ReceivedHeaders | undefined>((r) => waiting.set(id, r));
          return { url: `${baseUrl}/${encodeURIComponent(id)}`, received };
        },
        close() {
          for (const resolve of waiting.values()) resolve(undefined);
          waiting.clear();
          return new Promise<void>((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          });
        },
      });
    });
  });
}
