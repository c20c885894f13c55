/**
 * After the problems of a header, the CLI says what a propagator keeps of it and sends on: the
 * consequence of the fault, not only the fault.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { runNode } from '../demo/process.js';

const CLI = fileURLToPath(new URL('../../bin/w3c-propagation.js', import.meta.url));
const cli = (args: string[], stdin?: string) => runNode(CLI, args, { stdin });

const VALID = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** The lines from "kept:" to the end of that header's report, indentation trimmed. */
function keptBlock(stdout: string, header?: string): string[] {
  let lines = stdout.split('\n');
  if (header) lines = lines.slice(lines.findIndex((l) => l.startsWith(`${header}:`)));
  const start = lines.findIndex((l) => l.startsWith('  kept:'));
  assert.ok(start >= 0, `a kept: block in\n${stdout}`);
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start, end < 0 ? undefined : end).map((l) => l.trim());
}

test('BG-20 inspect baggage: after the problems, members kept (decoded, with properties), header sent on', async () => {
  const r = await cli(['inspect', 'baggage', 'user=alice%20smith;role=admin, bad key=1,n=%E2%9C%93']);
  assert.is(r.code, 1);
  assert.ok(r.stdout.indexOf('[BG-3]') < r.stdout.indexOf('kept:'), 'the block comes after the problems');
  assert.equal(keptBlock(r.stdout), [
    'kept: 2 members (values decoded):',
    'user = "alice smith"',
    '; role = "admin"',
    'n = "✓"',
    'sends on: user=alice%20smith;role=admin,n=%E2%9C%93',
  ]);
});

test('BG-20 inspect baggage: when no member is valid, nothing is kept or sent', async () => {
  const r = await cli(['inspect', 'baggage', 'bad key=1,=2']);
  assert.is(r.code, 1);
  assert.equal(keptBlock(r.stdout), ['kept: nothing: no member is valid', 'sends on: nothing']);
});

test('BG-16 inspect baggage: members over the limit are not kept', async () => {
  const header = Array.from({ length: 181 }, (_, i) => `k${i}=${i}`).join(',');
  const r = await cli(['inspect', 'baggage', header]);
  assert.is(r.code, 1);
  const block = keptBlock(r.stdout);
  assert.is(block[0], 'kept: 180 members (values decoded):');
  assert.ok(block.includes('k179 = "179"'));
  assert.not.ok(block.includes('k180 = "180"'));
  assert.is(block[block.length - 1], `sends on: ${header.slice(0, header.lastIndexOf(','))}`);
});

test('BG-14 inspect baggage: a warning alone also shows what is kept: the "%" sent on encoded', async () => {
  const r = await cli(['inspect', 'baggage', 'rate=100%']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /warning literal-percent \[BG-14\]/);
  assert.equal(keptBlock(r.stdout), ['kept: 1 member (values decoded):', 'rate = "100%"', 'sends on: rate=100%25']);
});

test('TC-26 inspect tracestate: an invalid tracestate keeps nothing and sends nothing', async () => {
  const r = await cli(['inspect', 'tracestate', 'rojo=1,Congo=2']);
  assert.is(r.code, 1);
  assert.equal(keptBlock(r.stdout), ['kept: nothing: the whole tracestate is discarded [TC-26]', 'sends on: nothing']);
});

test('TC-28 inspect tracestate: a repeated key is kept once, the left-most, sent on without the repeat', async () => {
  const r = await cli(['inspect', 'tracestate', 'rojo=1,congo=2,rojo=3']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /warning duplicate-key \[TC-28\]/);
  assert.equal(keptBlock(r.stdout), ['kept: 2 members:', 'rojo = 1', 'congo = 2', 'sends on: rojo=1,congo=2']);
});

test('TC-33 inspect tracestate: what is sent on is the whole tracestate, over 512 chars too, and says so', async () => {
  // This was cut to 512 chars (TC-30); a pass-through does not change tracestate (TC-33).
  const long = (k: string) => `${k}=${'x'.repeat(200)}`;
  const r = await cli(['inspect', 'tracestate', [long('a'), long('b'), long('c'), 'a=1'].join(',')]);
  assert.is(r.code, 0);
  const block = keptBlock(r.stdout);
  assert.is(block[0], 'kept: 3 members:');
  const note = '(608 chars, whole: 512 is a floor, not a ceiling [TC-29, TC-33])';
  assert.is(block[block.length - 1], `sends on: ${long('a')},${long('b')},${long('c')}   ${note}`);
});

test('TC-11 inspect traceparent: an invalid traceparent keeps nothing: a new trace starts', async () => {
  const r = await cli(['inspect', 'traceparent', VALID.replace('0af7', '0AF7')]);
  assert.is(r.code, 1);
  assert.equal(keptBlock(r.stdout), [
    'kept: nothing: a new trace starts [TC-11]',
    'sends on: nothing of this one: the new trace gets its own traceparent',
  ]);
});

test('TC-2 TC-22 a header without problems prints no kept block', async () => {
  for (const [header, value] of [
    ['traceparent', VALID],
    ['tracestate', 'rojo=1,congo=2'],
    ['baggage', 'a=1;p'],
  ]) {
    const r = await cli(['inspect', header, value]);
    assert.is(r.code, 0);
    assert.not.match(r.stdout, /kept:|sends on:/, header);
  }
});

test('TC-18 inspect --headers: a tracestate without a valid traceparent keeps nothing', async () => {
  const request = [
    'GET / HTTP/1.1',
    `traceparent: ${VALID.replace(/-01$/, '-0x')}`,
    'tracestate: rojo=1,rojo=2',
    'baggage: a=1,b',
  ].join('\n');
  const r = await cli(['inspect', '--headers'], request);
  assert.is(r.code, 1);
  assert.equal(keptBlock(r.stdout, 'tracestate'), [
    'kept: nothing: without a single valid traceparent, tracestate is ignored [TC-18]',
    'sends on: nothing',
  ]);
  assert.equal(keptBlock(r.stdout, 'baggage'), ['kept: 1 member (values decoded):', 'a = "1"', 'sends on: a=1']);
});

test.run();
