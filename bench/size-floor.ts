/**
 * `npm run size:floor`: how small the both-propagators bundle could get without changing
 * what the propagators do. It takes the minified bundle that `npm run size` measures and
 * removes, step by step, what the propagators never execute:
 *
 *   1. every programmer-error message (the TypeError / RangeError texts);
 *   2. the TraceState and Baggage methods that extract and inject never call (set, unset,
 *      iteration, toString; getAllEntries, members, setEntry and its entry check,
 *      removeEntry, removeEntries, clear), which the API contract requires;
 *
 * then checks that what is left still extracts and injects both headers, and prints the gzip
 * size after each step. What remains is the code the propagators run.
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minifiedBundle } from './size-budget.js';

const gzip = (code: string): number => gzipSync(code, { level: 9 }).byteLength;

/** [start, end) of the `{ ... }` block that opens at or after `from`. */
function block(code: string, from: number): [number, number] {
  const open = code.indexOf('{', from);
  for (let i = open, depth = 0; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return [open, i + 1];
  }
  throw new Error(`unbalanced block at ${from}`);
}

/** Removes the methods `names` from the class whose body contains `marker`. */
function dropMethods(code: string, marker: string, names: readonly string[]): string {
  for (const name of names) {
    const at = code.indexOf(marker);
    if (at < 0) throw new Error(`no class with ${marker}`);
    const [start, end] = block(code, code.lastIndexOf('class', at));
    const body = code.slice(start, end);
    let i = body.indexOf(name + '(');
    while (i >= 0 && !'{}'.includes(body[i - 1]!)) i = body.indexOf(name + '(', i + 1);
    if (i < 0) throw new Error(`no method ${name} beside ${marker}`);
    const [, methodEnd] = block(body, i + name.length);
    code = code.slice(0, start) + body.slice(0, i) + body.slice(methodEnd) + code.slice(end);
  }
  return code;
}

/** Removes the top-level function whose body contains `marker`. */
function dropFunction(code: string, marker: string): string {
  const at = code.indexOf(marker);
  const start = code.lastIndexOf('function ', at);
  const [, end] = block(code, start);
  return code.slice(0, start) + code.slice(end);
}

export interface SizeFloor {
  /** gzip bytes of the both-propagators bundle as `npm run size` measures it. */
  built: number;
  /** ... without the programmer-error messages. */
  noMessages: number;
  /** ... and without the TraceState / Baggage methods extract and inject never call. */
  propagatorsOnly: number;
}

/** Measures the three sizes; throws when the reduced bundle no longer propagates both headers. */
export async function measureSizeFloor(): Promise<SizeFloor> {
  const bundle = await minifiedBundle('w3c-propagators');
  const noMessages = bundle.replace(/throw new (TypeError|RangeError)\(`(?:[^`\\]|\\.)*`\)/g, 'throw new $1');
  let propagatorsOnly = dropMethods(noMessages, '_read(){', ['set', 'unset', '[Symbol.iterator]', 'toString']);
  propagatorsOnly = dropMethods(propagatorsOnly, 'getEntry(', [
    'getAllEntries',
    'members',
    'setEntry',
    'removeEntry',
    'removeEntries',
    'clear',
    '[Symbol.iterator]',
    'toString',
  ]);
  propagatorsOnly = dropFunction(propagatorsOnly, 'throw new TypeError;let{value:');

  // What is left must still work.
  const mod = await import('data:text/javascript;base64,' + Buffer.from(propagatorsOnly).toString('base64'));
  const propagator = new mod.CompositePropagator({
    propagators: [new mod.W3CTraceContextPropagator(), new mod.W3CBaggagePropagator()],
  });
  const incoming = {
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    tracestate: 'rojo=00f067aa0ba902b7 , congo=t61rcWkgMzE',
    baggage: 'hello = world;p, caf%C3%A9=1',
  };
  const outgoing: Record<string, string> = {};
  propagator.inject(propagator.extract(mod.ROOT_CONTEXT, incoming), outgoing);
  const expected = {
    traceparent: incoming.traceparent,
    tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
    baggage: 'hello=world;p,caf%C3%A9=1',
  };
  if (JSON.stringify(outgoing) !== JSON.stringify(expected))
    throw new Error(`the reduced bundle no longer propagates: ${JSON.stringify(outgoing)}`);
  return { built: gzip(bundle), noMessages: gzip(noMessages), propagatorsOnly: gzip(propagatorsOnly) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const floor = await measureSizeFloor();
  console.log('both W3C propagators + Composite + Context, gzip -9 of the minified bundle:');
  console.log(`  as built                                              ${floor.built} B`);
  console.log(`  without programmer-error messages                     ${floor.noMessages} B`);
  console.log(`  and without the methods extract and inject never call ${floor.propagatorsOnly} B (still propagates)`);
}
