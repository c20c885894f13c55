/**
 * Starts a demo service's server and reports to `run.ts`: ready, or the port is taken.
 * With `--exit-with-parent` (as `run.ts` starts it) the service exits when its stdin
 * closes, so it never outlives the process that started it, even one killed by SIGKILL.
 */
import type { Server } from 'node:http';
import { send } from './protocol.js';

export const HOST = '127.0.0.1';

export function serve(server: Server, service: string, port: number): void {
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') send({ type: 'port-in-use', service, port });
    else send({ type: 'listen-error', service, port, message: error.message });
    process.exit(1);
  });
  server.listen(port, HOST, () => send({ type: 'ready', service, port, pid: process.pid }));
  if (process.argv.includes('--exit-with-parent')) {
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('error', () => process.exit(0));
    process.stdin.resume();
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
}

/** Only the propagation headers, as they arrived. */
export function propagationHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of ['traceparent', 'tracestate', 'baggage']) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
