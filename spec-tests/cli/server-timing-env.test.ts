/** `w3c-propagation inspect server-timing` (TC-34) and `inspect --env` (the environment carrier). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/w3c-propagation.js', import.meta.url));
const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** Runs the CLI with exactly `env` plus PATH: no TRACEPARENT leaks in from the test's own environment. */
function cli(
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('TC-34 inspect server-timing: the trace metric among others, its fields, exit 0', () => {
  const r = cli(['inspect', 'server-timing', `db;dur=53, trace;desc=${TP.slice(0, -2)}03`]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /✓ valid/);
  assert.match(r.stdout, /metric\s+trace, at 11/);
  assert.match(r.stdout, /trace id\s+0af7651916cd43dd8448eb211c80319c/);
  assert.match(r.stdout, /span id\s+b7ad6b7169203331\s+\(the server's span\)/);
  assert.match(r.stdout, /flags\s+03 \(sampled, random\)/);
});

test('TC-34 TC-3 inspect server-timing: a bad desc is pointed at in the header, with its rule, exit 1', () => {
  const value = `db;dur=53, trace;desc=${TP.replace('0af7', '0AF7')}`;
  const r = cli(['inspect', 'Server-Timing', value]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /✗ invalid: 1 problem/);
  assert.match(r.stdout, /error uppercase-hex \[TC-3\] at 26:/);
  const lines = r.stdout.split('\n');
  const caret = lines.findIndex((l) => /^\s*\^$/.test(l));
  assert.is(lines[caret - 1][lines[caret].indexOf('^')], 'A');
});

test('TC-34 inspect server-timing: no trace metric, exit 1; warnings keep exit 0', () => {
  const none = cli(['inspect', 'server-timing', 'db;dur=53']);
  assert.is(none.code, 1);
  assert.match(none.stdout, /no-trace-metric \[TC-34\]/);
  const warned = cli(['inspect', 'server-timing', `TRACE;desc=${TP}`]);
  assert.is(warned.code, 0);
  assert.match(warned.stdout, /warning uppercase-name \[TC-1\]/);
});

test('env inspect --env: every variable set and valid, exit 0', () => {
  const r = cli(['inspect', '--env'], { TRACEPARENT: TP, TRACESTATE: 'rojo=1', BAGGAGE: 'hello=world' });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^TRACEPARENT=${TP}$`, 'm'));
  assert.match(r.stdout, /^TRACESTATE=rojo=1$/m);
  assert.match(r.stdout, /rojo = 1/);
  assert.match(r.stdout, /hello = "world"/);
});

test('env BG-3 inspect --env: an invalid variable exits 1 with the rule', () => {
  const r = cli(['inspect', '--env'], { TRACEPARENT: TP, BAGGAGE: 'a=1,b c=2' });
  assert.is(r.code, 1);
  assert.match(r.stdout, /^BAGGAGE=a=1,b c=2$/m);
  assert.match(r.stdout, /\[BG-3\]/);
});

test('env TC-18 inspect --env: TRACESTATE without a valid TRACEPARENT is noted as ignored', () => {
  const r = cli(['inspect', '--env'], { TRACESTATE: 'rojo=1' });
  assert.is(r.code, 0);
  assert.match(r.stdout, /TRACESTATE is ignored \[TC-18\]/);
});

test('env inspect --env: nothing set exits 1 and says so; lower-case names are not the carrier', () => {
  const r = cli(['inspect', '--env'], { traceparent: TP });
  assert.is(r.code, 1);
  assert.match(r.stdout, /no TRACEPARENT, TRACESTATE or BAGGAGE in the environment/);
});

test('inspect --env takes no other arguments; the usage names both new forms', () => {
  const r = cli(['inspect', '--env', 'x']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /--env reads the environment/);
  const help = cli(['--help']);
  assert.match(help.stdout, /inspect server-timing '<value>'/);
  assert.match(help.stdout, /inspect --env/);
});

test.run();
