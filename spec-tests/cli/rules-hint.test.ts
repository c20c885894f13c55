/** inspect ends with one line saying where rule ids are explained, when it printed one. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '../demo/process.js';
import { findPackageRoot } from '../helpers/paths.js';
import { RULES_HINT } from '../../bin/cli/rules-hint.js';

const CLI = fileURLToPath(new URL('../../bin/w3c-propagation.js', import.meta.url));
const cli = (args: string[], stdin?: string) => runNode(CLI, args, { stdin });
const VALID = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const lastLines = (stdout: string): string[] => stdout.trimEnd().split('\n').slice(-2);

test('the hint names a file the package has', () => {
  assert.is(RULES_HINT, 'rule ids: see docs/rules.md in the w3c-propagation package');
  assert.ok(existsSync(join(findPackageRoot(dirname(fileURLToPath(import.meta.url))), 'docs', 'rules.md')));
});

test('TC-3 an invalid header: the last line is the hint, after a blank line, once', async () => {
  const r = await cli(['inspect', 'traceparent', VALID.toUpperCase()]);
  assert.is(r.code, 1);
  assert.equal(lastLines(r.stdout), ['', RULES_HINT]);
  assert.is(r.stdout.split(RULES_HINT).length, 2);
});

test('TC-2 a valid header without warnings cites no rule and prints no hint', async () => {
  for (const args of [
    ['inspect', 'traceparent', VALID],
    ['inspect', 'baggage', 'k=v'],
  ]) {
    const r = await cli(args);
    assert.is(r.code, 0, r.stdout);
    assert.not.match(r.stdout, /rule ids:/);
  }
});

test('BG-3 TC-18 --headers and server-timing end with the hint when a rule is cited', async () => {
  const headers = await cli(['inspect', '--headers'], 'tracestate: rojo=1\nbaggage: bad key=1\n');
  assert.is(headers.code, 1);
  assert.equal(lastLines(headers.stdout), ['', RULES_HINT]);
  const timing = await cli(['inspect', 'server-timing', `trace;desc=${VALID.toUpperCase()}`]);
  assert.is(timing.code, 1);
  assert.equal(lastLines(timing.stdout), ['', RULES_HINT]);
});

test.run();
