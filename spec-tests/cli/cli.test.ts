import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { runNode } from '../demo/process.js';

const CLI = fileURLToPath(new URL('../../bin/w3c-propagation.js', import.meta.url));
const cli = (args: string[], stdin?: string) => runNode(CLI, args, { stdin });

const VALID = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** The column of the `^` under the echoed value, relative to the value's first char. */
function caretColumn(stdout: string, value: string): number {
  const lines = stdout.split('\n');
  const i = lines.findIndex((l, n) => l.trimStart() === value && /^\s*\^$/.test(lines[n + 1] ?? ''));
  assert.ok(i >= 0, `value and caret lines in:\n${stdout}`);
  return lines[i + 1].indexOf('^') - lines[i].indexOf(value);
}

test('TC-2 inspect traceparent: a valid value prints its fields and exits 0', async () => {
  const r = await cli(['inspect', 'traceparent', VALID]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /✓ valid/);
  assert.match(r.stdout, /trace id\s+0af7651916cd43dd8448eb211c80319c/);
  assert.match(r.stdout, /span id\s+b7ad6b7169203331/);
  assert.match(r.stdout, /flags\s+01 \(sampled\)/);
  assert.match(r.stdout, /version\s+00/);
});

test('TC-15 inspect traceparent: flags 03 decode as sampled and random', async () => {
  const r = await cli(['inspect', 'traceparent', VALID.slice(0, -2) + '03']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /03 \(sampled, random\)/);
});

test('TC-5 inspect traceparent: uppercase hex is invalid, caret under the char, rule id, exit 1', async () => {
  const bad = '00-0AF7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const r = await cli(['inspect', 'traceparent', bad]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /✗ invalid/);
  assert.is(caretColumn(r.stdout, bad), 4);
  assert.match(r.stdout, /\[TC-3\]/);
  assert.match(r.stdout, /at 4:/);
});

test('TC-23 inspect tracestate: control chars show as one column, so the caret still lines up', async () => {
  const bad = 'rojo=1\u0001';
  const r = await cli(['inspect', 'tracestate', bad]);
  assert.is(r.code, 1);
  assert.is(caretColumn(r.stdout, 'rojo=1\u00b7'), 6);
  assert.match(r.stdout, /U\+0001/);
});

test('TC-23 inspect tracestate: a long value is cut to a window around the problem', async () => {
  const bad = 'a=' + 'x'.repeat(150) + '=' + 'y'.repeat(100);
  const r = await cli(['inspect', 'tracestate', bad]);
  assert.is(r.code, 1);
  const lines = r.stdout.split('\n');
  const caret = lines.findIndex((l) => /^\s*\^$/.test(l));
  assert.ok(caret > 0);
  const echoed = lines[caret - 1];
  assert.ok(echoed.includes('…'));
  assert.ok(echoed.length < 100);
  assert.is(echoed[lines[caret].indexOf('^')], '=');
});

test('TC-6 inspect traceparent: an all-zero parent id points at the field', async () => {
  const bad = '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01';
  const r = await cli(['inspect', 'traceparent', bad]);
  assert.is(r.code, 1);
  assert.is(caretColumn(r.stdout, bad), 36);
  assert.match(r.stdout, /\[TC-6\]/);
});

test('TC-22 inspect tracestate: valid members listed; a bad key is pointed at', async () => {
  const ok = await cli(['inspect', 'tracestate', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE']);
  assert.is(ok.code, 0);
  assert.match(ok.stdout, /rojo = 00f067aa0ba902b7/);
  assert.match(ok.stdout, /congo = t61rcWkgMzE/);
  const bad = 'rojo=1,Congo=2';
  const r = await cli(['inspect', 'tracestate', bad]);
  assert.is(r.code, 1);
  assert.is(caretColumn(r.stdout, bad), 7);
  assert.match(r.stdout, /\[TC-22\]/);
});

test('BG inspect baggage: decoded values and properties; an invalid value exits 1 with a BG rule', async () => {
  const ok = await cli(['inspect', 'baggage', 'userId=alice%20smith;ttl=30;secure,hello=world']);
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /userId = "alice smith"/);
  assert.match(ok.stdout, /; ttl = "30"/);
  assert.match(ok.stdout, /; secure/);
  assert.match(ok.stdout, /hello = "world"/);
  const bad = 'a=1,b c=2';
  const r = await cli(['inspect', 'baggage', bad]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /\[BG-\d+\]/);
  assert.match(r.stdout, /\^/);
});

test('TC-13 inspect --headers: a pasted request; repeated traceparent is invalid', async () => {
  const request = [
    'GET /api HTTP/1.1',
    'Host: example.com',
    `traceparent: ${VALID}`,
    `Traceparent: ${VALID.replace('b7ad', 'c7ad')}`,
    '',
    'body: not a header',
  ].join('\r\n');
  const r = await cli(['inspect', '--headers'], request);
  assert.is(r.code, 1);
  assert.match(r.stdout, /2 header lines/);
  assert.match(r.stdout, /\[TC-13\]/);
});

test('TC-20 BG inspect --headers: repeated tracestate and baggage lines combine; valid exits 0', async () => {
  const request = [
    'POST /x HTTP/1.1',
    `traceparent: ${VALID}`,
    'tracestate: rojo=1',
    'tracestate: congo=2',
    'baggage: a=1',
    'Baggage: b=2',
    'content-type: text/plain',
  ].join('\n');
  const r = await cli(['inspect', '--headers'], request);
  assert.is(r.code, 0, r.stdout);
  assert.match(r.stdout, /2 lines combined/);
  assert.match(r.stdout, /rojo = 1/);
  assert.match(r.stdout, /congo = 2/);
  assert.match(r.stdout, /a = "1"/);
  assert.match(r.stdout, /b = "2"/);
  assert.not.match(r.stdout, /body/);
});

test('inspect --headers: nothing to inspect exits 1', async () => {
  const r = await cli(['inspect', '--headers'], 'GET / HTTP/1.1\nHost: x\n');
  assert.is(r.code, 1);
  assert.match(r.stdout, /no traceparent, tracestate or baggage header/);
});

test('usage errors exit 2 with the usage; --help and -h exit 0', async () => {
  for (const args of [
    [],
    ['frobnicate'],
    ['inspect'],
    ['inspect', 'traceparent'],
    ['inspect', 'nope', 'x'],
    ['inspect', 'traceparent', 'a', 'b'],
  ]) {
    const r = await cli(args);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, /Usage:/);
  }
  for (const flag of ['--help', '-h']) {
    const r = await cli([flag]);
    assert.is(r.code, 0);
    assert.match(r.stdout, /Usage:/);
  }
});

test.run();
