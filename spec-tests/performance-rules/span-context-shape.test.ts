/**
 * The second performance rule (bench/PERFORMANCE.md, "Inject and the span contexts the bench
 * made"): every span context the library makes has one hidden class, so code that reads them
 * (inject, a tracer, an exporter) stays monomorphic. makeSpanContext in src/trace/span.ts is the
 * one factory; a span context built any other way fails here. V8's own answer, `%HaveSameMap`,
 * in a child process with `--allow-natives-syntax`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./shape-child.js', import.meta.url));
const out = execFileSync(process.execPath, ['--allow-natives-syntax', CHILD], { encoding: 'utf8', timeout: 30_000 });
const made = JSON.parse(out) as Record<string, { sameMap: boolean; keys: string[] }>;
const KEYS = ['traceId', 'spanId', 'traceFlags', 'isRemote', 'traceState'];

test('the child built span contexts every way the library does', () => {
  assert.is(Object.keys(made).length, 7);
});

for (const [how, { sameMap, keys }] of Object.entries(made)) {
  test(`one span-context shape: ${how} has the hidden class of a tracer's root span`, () => {
    assert.equal(keys, KEYS, 'the fields, in the order makeSpanContext sets them');
    assert.ok(sameMap, `%HaveSameMap is false for ${how}: build it with makeSpanContext (src/trace/span.ts)`);
  });
}

test.run();
