/**
 * Runs one extract path in a loop that keeps what it gets in a ring, as a server keeps the
 * context of every request in flight, under V8's pretenuring statistics; then prints, for every
 * function of src/ this process loaded, the allocation sites in its feedback (one per literal).
 * pretenure.test.ts reads both and names every tenured site (src/internal/alloc.ts says why
 * none may be). Run by the test, not by uvu (the name does not end in .test.js):
 *
 *   node --expose-gc --allow-natives-syntax --trace-pretenuring-statistics --max-semi-space-size=1 \
 *     --min-semi-space-size=1 --no-compact dist/spec-tests/performance-rules/pretenure-child.js <path>
 *
 * Everything it prints goes through V8's own stdout (`%DebugPrint`), so its markers stay in order
 * with V8's lines. After the marker it allocates nothing from a literal of its own.
 */
import { readdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blankObject } from '../../src/internal/alloc.js';
import {
  CompositePropagator,
  createTracer,
  getBaggage,
  getSpanContext,
  ROOT_CONTEXT,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type Context,
} from '../../src/index.js';

export const MARKER = '@@pretenure: from here';
export const MAP_MARKER = '@@pretenure: sites';
export const FN_PREFIX = '@@fn ';
export const CANARY = 'canary (the test harness)';

/** Deterministic hex: no clock, no Math.random. */
function hex(seed: number, n: number): string {
  let s = '';
  for (let x = seed * 2654435761 + 1; s.length < n; x = (x * 1103515245 + 12345) % 2147483648)
    s += (x % 16).toString(16);
  return /[^0]/.test(s) ? s : '1' + s.slice(1);
}

const SET = 1024;
/** A request carrier: traceparent, tracestate and baggage among other headers; OWS when `ows`. */
function carrier(i: number, members: number, ows: boolean): Record<string, string> {
  const sep = ows ? ', ' : ',';
  const baggage: string[] = [];
  for (let m = 0; m < members; m++) baggage.push(`k${m}.${i}=v%20${hex(i + m, 12)}${m % 4 === 1 ? ';ttl=30' : ''}`);
  return {
    host: 'api.example.com',
    accept: 'application/json',
    traceparent: `00-${hex(i, 32)}-${hex(i + 7, 16)}-0${i & 3}`,
    tracestate: [`rojo=${hex(i, 16)}`, `congo=t${i}`, `v@t=${hex(i + 3, 8)}`].join(sep),
    baggage: baggage.join(sep),
  };
}

const w3c = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
const tracer = createTracer();

interface Path {
  /** Results kept: more than the young generation holds between two scavenges. */
  ring: number;
  runs: number;
  members: number;
  ows: boolean;
  /** One request: what it returns is kept in the ring. */
  step(c: Record<string, string>): unknown;
}

/**
 * The canary: a literal whose objects are kept beside each result, one per request. The test
 * checks that V8 tenures this one in the same run: a literal of the path whose objects live as
 * long as the result would be tenured too, so a run where nothing else is tenured proves something.
 */
function canary(value: string): { value: string } {
  return { value };
}

let sink = 0;
export const PATHS: Record<string, Path> = {
  // trace-context extract, then the span context and the tracestate read
  'trace-context': {
    ring: 4096,
    runs: 20_000,
    members: 3,
    ows: true,
    step(c) {
      const ctx = w3c.extract(ROOT_CONTEXT, c);
      const sc = getSpanContext(ctx)!;
      sink += sc.traceState!.get('rojo')!.length;
      return ctx;
    },
  },
  // baggage extract, every member read; canonical headers, headers with OWS, and 64 members
  'baggage-3': { ring: 4096, runs: 20_000, members: 3, ows: false, step: readBaggage },
  'baggage-3-ows': { ring: 4096, runs: 20_000, members: 3, ows: true, step: readBaggage },
  'baggage-64': { ring: 256, runs: 1_500, members: 64, ows: false, step: readBaggage },
  // pass-through: extract, then inject into a fresh outgoing carrier, both kept
  'pass-through': { ring: 4096, runs: 20_000, members: 3, ows: false, step: passThrough },
  'pass-through-ows': { ring: 4096, runs: 20_000, members: 3, ows: true, step: passThrough },
  // a service: extract, then a child span of the extracted one
  'tracer-child': {
    ring: 4096,
    runs: 20_000,
    members: 3,
    ows: true,
    step: (c) => tracer.startSpan('child', undefined, w3c.extract(ROOT_CONTEXT, c)),
  },
};

function readBaggage(c: Record<string, string>): Context {
  const ctx = w3c.extract(ROOT_CONTEXT, c);
  sink += getBaggage(ctx)!.getAllEntries().length;
  return ctx;
}

function passThrough(c: Record<string, string>): Record<string, string> {
  const out = blankObject<Record<string, string>>();
  w3c.inject(w3c.extract(ROOT_CONTEXT, c), out);
  return out;
}

type Post = (method: string, params: object, done: (error: Error | null, result: any) => void) => void;

/** The bindings of the module `fn` was defined in (exported or not), through the inspector. */
function moduleBindings(session: Session, fn: Function): Record<string, unknown> | undefined {
  const post = (method: string, params: object): any => {
    let out: unknown;
    let failure: Error | null = null;
    (session.post as unknown as Post).call(session, method, params, (error, result) => {
      failure = error;
      out = result;
    });
    if (failure) throw failure;
    return out;
  };
  const g = globalThis as { __probe?: unknown; __scope?: Record<string, unknown> };
  g.__probe = fn;
  const { result } = post('Runtime.evaluate', { expression: 'globalThis.__probe' });
  const scopes = post('Runtime.getProperties', {
    objectId: result.objectId,
    ownProperties: true,
  }).internalProperties.find((p: { name: string }) => p.name === '[[Scopes]]');
  const module = post('Runtime.getProperties', { objectId: scopes.value.objectId, ownProperties: true }).result.find(
    (s: { value?: { description?: string } }) => s.value?.description === 'Module',
  );
  if (!module) return undefined;
  post('Runtime.callFunctionOn', {
    objectId: module.value.objectId,
    functionDeclaration: 'function () { globalThis.__scope = this.object; }',
  });
  return g.__scope;
}

/** Every function of the src/ modules this process loaded, class methods included, by name. */
async function ourFunctions(): Promise<Map<Function, string>> {
  const src = join(dirname(fileURLToPath(import.meta.url)), '../../src');
  const found = new Map<Function, string>();
  const add = (fn: unknown, label: string) => {
    if (typeof fn === 'function' && !found.has(fn)) found.set(fn, label);
  };
  const session = new Session();
  session.connect();
  const files = (readdirSync(src, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.js') && !f.startsWith('node'),
  );
  for (const file of files.sort()) {
    const exports = (await import(join(src, file))) as Record<string, unknown>;
    const probe = Object.values(exports).find((v) => typeof v === 'function') as Function | undefined;
    const bindings = probe && moduleBindings(session, probe);
    for (const [name, value] of Object.entries(bindings ?? {})) {
      if (typeof value !== 'function') continue;
      add(value, name);
      for (const [owner, of] of [
        [value, name],
        [value.prototype, `${name}.prototype`],
      ] as const) {
        if (owner === null || (typeof owner !== 'object' && typeof owner !== 'function')) continue;
        for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(owner))) {
          for (const member of [d.value, d.get, d.set]) if (member !== value) add(member, `${of}.${key}`);
        }
      }
    }
  }
  session.disconnect();
  return found;
}

async function main(): Promise<void> {
  // Natives syntax parses only under --allow-natives-syntax: made here, not when the test imports this.
  const debugPrint = new Function('x', '%DebugPrint(x)') as (x: unknown) => void;
  const path = PATHS[process.argv[2] ?? ''];
  if (!path) throw new Error(`pretenure-child: one of ${Object.keys(PATHS).join(', ')}`);
  const carriers: Record<string, string>[] = [];
  for (let i = 0; i < SET; i++) carriers.push(carrier(i, path.members, path.ows));
  const ring: unknown[] = new Array(path.ring).fill(undefined);
  const canaries: unknown[] = new Array(path.ring).fill(undefined);
  // The setup's own literals (the carriers) are decided on here, before the marker.
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  gc();
  debugPrint(MARKER);
  for (let i = 0; i < path.runs; i++) {
    const c = carriers[i & (SET - 1)]!;
    ring[i % path.ring] = path.step(c);
    canaries[i % path.ring] = canary(c.host!);
  }
  debugPrint(MAP_MARKER);
  const functions = await ourFunctions();
  functions.set(canary, CANARY);
  functions.set(carrier, 'carrier (the test harness)');
  for (const [fn, label] of functions) {
    debugPrint(FN_PREFIX + label);
    debugPrint(fn);
  }
  if (ring.length + canaries.length !== 2 * path.ring || sink < 0) throw new Error('unreachable');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
