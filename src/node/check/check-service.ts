/**
 * `checkService(url)`: runs the test-vector corpus against a W3C test service, over the
 * protocol of the official W3C Trace Context harness, so it works with any existing test
 * service in any language.
 *
 * For each case the checker POSTs to the service's test URL with the case's headers and the
 * body `[{ "url": <callback>, "arguments": [] }]`; the service extracts the incoming context,
 * starts its own span and POSTs to the callback with the headers it propagates. The checker
 * listens for those callbacks on a server of its own and judges what arrives (./judge.ts).
 * With `baggage: true` it also sends the baggage cases and expects `baggage` forwarded: an
 * extension of the harness protocol, which only speaks of traceparent and tracestate.
 */
import { caseHeaders, DEFAULT_CASE_TRACEPARENT, describeExpected, judgeCase } from './judge.js';
import {
  loadCorpus,
  readCorpus,
  shippedCorpusPath,
  type Corpus,
  type CorpusCase,
  type CorpusHeader,
  type LoadedCorpus,
} from './corpus.js';
import { startCallbackServer, type CallbackServer } from './callbacks.js';
import { CheckError } from './error.js';
import { serviceClient, TIMED_OUT, UNREACHABLE, wireValue, type ServiceClient } from './service.js';
import type { CaseResult, CheckReport, ReceivedHeaders } from './types.js';
import { BAGGAGE_HEADER } from '../../baggage/propagator.js';

export interface CheckOptions {
  /**
   * Corpus files (paths) or corpora (objects of the corpus shape) to send. Default: the
   * shipped `vectors/trace-context.json`, and `vectors/baggage.json` with `baggage: true`.
   */
  corpus?: string | Corpus | readonly (string | Corpus)[];
  /** Also send baggage cases and check that `baggage` is forwarded (default false). */
  baggage?: boolean;
  /** How long one request may take, callback included, in ms (default 5000, as the harness). */
  timeout?: number;
  /** Cases in flight at once (default 8); 1 sends them one by one. */
  concurrency?: number;
  /** Address the callback server listens on (default 127.0.0.1). */
  callbackHost?: string;
  /** Its port (default 0: a free port). */
  callbackPort?: number;
  /** Host name put in callback URLs, when the service reaches the checker under another name. */
  publicHost?: string;
  /** Called with each case's result as it is judged. */
  onResult?: (result: CaseResult) => void;
}

const DEFAULT_TIMEOUT = 5000;
const DEFAULT_CONCURRENCY = 8;

function serviceUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new CheckError(
      'usage',
      `not a URL: ${JSON.stringify(String(url))} (expected e.g. http://127.0.0.1:5000/test)`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new CheckError('usage', `${parsed.href}: only http and https test services can be checked`);
  return parsed;
}

function positive(name: string, value: number | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new CheckError('usage', `${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

function loadCorpora(options: CheckOptions): LoadedCorpus[] {
  if (options.corpus === undefined) {
    const names: ('trace-context' | 'baggage')[] = options.baggage ? ['trace-context', 'baggage'] : ['trace-context'];
    return names.map((n) => loadCorpus(shippedCorpusPath(n)));
  }
  const list = Array.isArray(options.corpus) ? options.corpus : [options.corpus];
  return list.map((c: string | Corpus, i) =>
    typeof c === 'string' ? loadCorpus(c) : readCorpus(c, `corpus ${i + 1} (${c?.corpus ?? 'object'})`),
  );
}

/** Rule ids sorted as people read them: TC before BG, then by number. */
export function sortRules(rules: Iterable<string>): string[] {
  const key = (r: string): [string, number] => [r.replace(/-?\d+$/, ''), Number(/\d+$/.exec(r)?.[0] ?? 0)];
  return [...new Set(rules)].sort((a, b) => {
    const [pa, na] = key(a);
    const [pb, nb] = key(b);
    return pa === pb ? na - nb : pa === 'TC' ? -1 : pb === 'TC' ? 1 : pa < pb ? -1 : 1;
  });
}

interface Planned {
  c: CorpusCase;
  corpus: LoadedCorpus;
  traceparent: string;
}

/** Waits for `p` at most `ms`; undefined when the time is up first. */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), Math.max(0, ms))));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

interface Exchange {
  received: ReceivedHeaders | undefined;
  /** Why there is no callback, when there is none. */
  failure?: string;
  status?: number;
  error?: NodeJS.ErrnoException;
}

/** One request to the service and its callback. */
async function exchange(
  client: ServiceClient,
  callbacks: CallbackServer,
  id: string,
  headers: Record<string, string[]>,
  timeout: number,
): Promise<Exchange> {
  const callback = callbacks.expect(id);
  const body = JSON.stringify([{ url: callback.url, arguments: [] }]);
  const started = Date.now();
  let status: number;
  try {
    status = await client.post(headers, body, timeout);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    // The callback may have come before the service choked on its answer: judge it anyway.
    const received = await within(callback.received, 0);
    return {
      received,
      error,
      failure:
        error.code === TIMED_OUT
          ? `the service did not answer within ${timeout} ms`
          : `the request failed: ${error.code ?? error.message}`,
    };
  }
  // A service that answered 2xx may still be calling back; one that refused will not.
  const ok = status >= 200 && status < 300;
  const received = await within(callback.received, ok ? timeout - (Date.now() - started) : 0);
  return received
    ? { received, status }
    : {
        received,
        status,
        failure: ok
          ? `the service answered HTTP ${status} but made no callback within ${timeout} ms`
          : `the service answered HTTP ${status} and made no callback`,
      };
}

/** The probe before the cases: does anything answer, and does it call back? */
async function probe(url: URL, client: ServiceClient, callbacks: CallbackServer, timeout: number): Promise<void> {
  const r = await exchange(client, callbacks, 'probe', {}, timeout);
  if (r.received) return;
  if (r.error && UNREACHABLE.has(r.error.code ?? ''))
    throw new CheckError(
      'unreachable',
      `cannot connect to ${url.href}: ${r.error.code} (is the test service running?)`,
    );
  if (r.error?.code === TIMED_OUT)
    throw new CheckError(
      'timeout',
      `${url.href} did not answer within ${timeout} ms (raise the timeout for a slow service)`,
    );
  if (r.error) throw new CheckError('unreachable', `${url.href}: ${r.error.code ?? r.error.message}`);
  throw new CheckError(
    'protocol',
    `${url.href} answered HTTP ${r.status} but made no callback: a W3C test service takes POST ` +
      'with a JSON array of { url, arguments } and POSTs to each url with the headers it propagates',
  );
}

async function runCase(
  p: Planned,
  index: number,
  url: URL,
  client: ServiceClient,
  callbacks: CallbackServer,
  timeout: number,
): Promise<CaseResult> {
  const { c } = p;
  const sent = caseHeaders(c, p.traceparent);
  const base = {
    id: c.id,
    rules: c.rules,
    header: c.header,
    corpus: p.corpus.source,
    sent,
    expected: describeExpected(c),
  };
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(sent) as [CorpusHeader, string[]][]) {
    const wire = values.map(wireValue);
    const bad = wire.findIndex((v) => v === undefined);
    if (bad >= 0) {
      const ch = /[\x00-\x08\x0a-\x1f\x7f]/.exec(values[bad])?.[0] ?? '';
      const code = 'U+' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return {
        ...base,
        status: 'skipped',
        received: null,
        problems: [],
        warnings: [],
        reason: `HTTP/1.1 cannot carry ${code} in a ${name} header`,
      };
    }
    headers[name] = wire as string[];
  }
  const r = await exchange(client, callbacks, String(index), headers, timeout);
  if (r.error && UNREACHABLE.has(r.error.code ?? '') && !r.received) {
    throw new CheckError('unreachable', `${url.href} stopped accepting connections (${r.error.code}) at case ${c.id}`);
  }
  if (!r.received) {
    return {
      ...base,
      status: 'failed',
      received: null,
      problems: [{ rules: c.rules, header: c.header, message: r.failure ?? 'no callback' }],
      warnings: [],
    };
  }
  const { problems, warnings } = judgeCase(c, r.received, p.traceparent);
  return { ...base, status: problems.length ? 'failed' : 'passed', received: r.received, problems, warnings };
}

/** Runs `fn` over `items` with at most `n` in flight; stops taking new items after a throw. */
async function pool<T, R>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i], i);
      } catch (e) {
        stopped = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/**
 * Checks the W3C test service at `url` (its test endpoint, e.g. `http://127.0.0.1:5000/test`)
 * against the corpus. Resolves with a report whether cases pass or fail; rejects with a
 * `CheckError` when the check cannot run (bad URL or options, unreadable corpus, nothing
 * answering, no callback at all).
 */
export async function checkService(url: string | URL, options: CheckOptions = {}): Promise<CheckReport> {
  const target = serviceUrl(url);
  const timeout = positive('timeout', options.timeout, DEFAULT_TIMEOUT, false);
  const concurrency = positive('concurrency', options.concurrency, DEFAULT_CONCURRENCY, true);
  const callbackPort = options.callbackPort ?? 0;
  if (!Number.isInteger(callbackPort) || callbackPort < 0 || callbackPort > 65535)
    throw new CheckError('usage', `callbackPort must be a port number (0-65535), got ${String(callbackPort)}`);
  const baggage = options.baggage === true;
  const corpora = loadCorpora(options);
  const notes: string[] = [];
  const planned: Planned[] = [];
  for (const corpus of corpora) {
    const traceparent = corpus.traceparent ?? DEFAULT_CASE_TRACEPARENT;
    const left = corpus.cases.filter((c) => !baggage && c.header === BAGGAGE_HEADER).length;
    if (left > 0)
      notes.push(
        `${left} baggage case(s) of ${corpus.source} not sent: ` +
          'add --baggage (baggage: true) when the service forwards baggage',
      );
    for (const c of corpus.cases) if (baggage || c.header !== BAGGAGE_HEADER) planned.push({ c, corpus, traceparent });
  }

  const host = options.callbackHost ?? '127.0.0.1';
  const callbacks = await startCallbackServer(host, callbackPort, options.publicHost ?? host);
  const client = serviceClient(target, concurrency);
  let results: CaseResult[];
  try {
    await probe(target, client, callbacks, timeout);
    results = await pool(planned, concurrency, async (p, i) => {
      const result = await runCase(p, i, target, client, callbacks, timeout);
      options.onResult?.(result);
      return result;
    });
  } finally {
    client.close();
    await callbacks.close();
  }
  const count = (s: CaseResult['status']): number => results.filter((r) => r.status === s).length;
  const skipped = count('skipped');
  if (skipped > 0) notes.push(`${skipped} case(s) skipped: their input has characters HTTP/1.1 cannot carry`);
  return {
    url: target.href,
    corpora: corpora.map((c) => c.source),
    baggage,
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped,
    warnings: results.reduce((n, r) => n + r.warnings.length, 0),
    failedRules: sortRules(results.flatMap((r) => r.problems.flatMap((p) => p.rules))),
    notes,
    results,
  };
}
