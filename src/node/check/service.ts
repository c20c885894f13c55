/**
 * The request to the service under test: `POST <test url>` with the case's headers and a JSON
 * array of `{ url, arguments }` (one callback), as the W3C harness sends it.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** Error codes that mean nothing is listening at the service's address. */
export const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);
/** The code of the error a request gets when the service does not answer in time. */
export const TIMED_OUT = 'CHECK_TIMEOUT';

/**
 * A header value as it goes on the wire: non-ASCII text as its UTF-8 bytes, as an HTTP client
 * sends it (Node writes header strings as Latin-1, one byte per char); undefined when HTTP/1.1
 * cannot carry it (control characters).
 */
export function wireValue(value: string): string | undefined {
  const bytes = /[^\x00-\x7f]/.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
  return /[^\t\x20-\x7e\x80-\xff]/.test(bytes) ? undefined : bytes;
}

export interface ServiceClient {
  /** POSTs `body` with `headers` (a list: repeated lines); resolves with the HTTP status. */
  post(headers: Record<string, string[]>, body: string, timeoutMs: number): Promise<number>;
  close(): void;
}

function once(
  url: URL,
  agent: http.Agent,
  headers: Record<string, string[]>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number } | { error: NodeJS.ErrnoException; reused: boolean }> {
  return new Promise((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      agent,
      headers: {
        ...headers,
        'content-type': 'application/json',
        accept: 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      },
    });
    const timer = setTimeout(() => {
      request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: TIMED_OUT }));
    }, timeoutMs);
    request.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0 });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        resolve({ error, reused: false });
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error, reused: request.reusedSocket });
    });
    request.end(body);
  });
}

export function serviceClient(url: URL, concurrency: number): ServiceClient {
  const agent = new (url.protocol === 'https:' ? https.Agent : http.Agent)({
    keepAlive: true,
    maxSockets: concurrency,
  });
  return {
    async post(headers, body, timeoutMs) {
      let r = await once(url, agent, headers, body, timeoutMs);
      // A kept-alive socket the service closed just as it was reused: send again, once.
      if ('error' in r && r.reused && r.error.code === 'ECONNRESET')
        r = await once(url, agent, headers, body, timeoutMs);
      if ('error' in r) throw r.error;
      return r.status;
    },
    close() {
      agent.destroy();
    },
  };
}
