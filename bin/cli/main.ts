/** Argument handling for the `w3c-propagation` command; returns the exit code. */
import { runCheck } from './check.js';
import { inspectEnv } from './env.js';
import { inspectHeaders, inspectOne, type HeaderName } from './inspect.js';
import type { Report } from './render.js';
import { citesRule, RULES_HINT } from './rules-hint.js';
import { inspectServerTiming } from './server-timing.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../src/trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../src/baggage/propagator.js';
import { SERVER_TIMING_HEADER } from '../../src/server-timing/server-timing.js';

export const USAGE = `Usage:
  w3c-propagation inspect traceparent '<value>'
  w3c-propagation inspect tracestate '<value>'
  w3c-propagation inspect baggage '<value>'
  w3c-propagation inspect server-timing '<value>'
  w3c-propagation inspect --headers < request.txt
  w3c-propagation inspect --env
  w3c-propagation check <test-service-url> [--baggage] [--corpus FILE]... [--json]
      [--timeout MS] [--concurrency N] [--callback-host HOST] [--callback-port PORT]
      [--public-host HOST]

inspect prints the parsed fields of a W3C Trace Context or Baggage header, or each
problem with its position and the spec rule it breaks (rule ids: docs/rules.md in
this package). --headers reads "Name: value"
lines (e.g. a pasted HTTP request) from stdin and inspects traceparent, tracestate and
baggage. server-timing finds the Trace Context response metric (trace;desc=...) in a
Server-Timing header. --env inspects the TRACEPARENT, TRACESTATE and BAGGAGE environment
variables. Exit status: 0 valid, 1 invalid (or, for --headers and --env, nothing to
inspect), 2 usage error.

check sends the test-vector corpus to a W3C test service (the official harness's
protocol: POST <url> with a JSON array of { url, arguments }; the service calls each
url with the headers it propagates) and judges what comes back. One line per failed
case, then a summary line; --json prints a machine-readable report instead.
  --baggage          also send the baggage cases; the service must forward baggage
  --corpus FILE      a corpus file to send instead of the shipped ones (repeatable)
  --timeout MS       per request, callback included (default 5000)
  --concurrency N    cases in flight at once (default 8)
  --callback-host    address the callback server listens on (default 127.0.0.1)
  --callback-port    its port (default: a free one)
  --public-host      host name the service uses to reach the callback server
Exit status: 0 all cases passed, 1 some failed, 2 usage error or the service could
not be checked (unreachable, no callback, timeout, unreadable corpus).`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
  /** The environment `--env` reads; default `process.env`. */
  env?: Record<string, string | undefined>;
}

const HEADERS = new Set<string>([TRACEPARENT_HEADER, TRACESTATE_HEADER, BAGGAGE_HEADER, SERVER_TIMING_HEADER]);

function usageError(io: Io, message: string): number {
  io.err(`w3c-propagation: ${message}`);
  io.err('');
  io.err(USAGE);
  return 2;
}

/** The report's lines, then where its rule ids are explained when it cites one; the exit code. */
function print(io: Io, report: Report): number {
  for (const line of report.lines) io.out(line);
  if (citesRule(report.lines)) {
    io.out('');
    io.out(RULES_HINT);
  }
  return report.valid ? 0 : 1;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command === undefined) return usageError(io, 'missing command');
  if (command === 'check') return runCheck(rest, io, USAGE);
  if (command !== 'inspect') return usageError(io, `unknown command '${command}'`);
  if (rest[0] === '--headers') {
    if (rest.length > 1) return usageError(io, '--headers reads stdin and takes no other arguments');
    return print(io, inspectHeaders(await io.readStdin()));
  }
  if (rest[0] === '--env') {
    if (rest.length > 1) return usageError(io, '--env reads the environment and takes no other arguments');
    return print(io, inspectEnv(io.env ?? process.env));
  }
  const [header, ...values] = rest;
  if (header === undefined)
    return usageError(
      io,
      'inspect needs a header name (traceparent, tracestate, baggage, server-timing), --headers or --env',
    );
  const name = header.toLowerCase();
  if (!HEADERS.has(name))
    return usageError(io, `unknown header '${header}'; expected traceparent, tracestate, baggage or server-timing`);
  if (values.length !== 1) return usageError(io, `inspect ${name} takes exactly one value (quote it)`);
  return print(
    io,
    name === SERVER_TIMING_HEADER ? inspectServerTiming(values[0]) : inspectOne(name as HeaderName, values[0]),
  );
}
