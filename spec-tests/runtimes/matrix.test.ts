/**
 * The runtime matrix as part of `npm test`: each runtime runs the smoke check through
 * `run.js NAME` in its own process (killed after a timeout) and must print
 * `NAME: N passed, 0 failed`, with the same N as Node: every runtime runs every check.
 * A runtime that is not installed fails here with the runner's reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIMES } from './runtimes.js';

const runner = join(dirname(fileURLToPath(import.meta.url)), 'run.js');
const TIMEOUT_MS = 60_000;

function runMatrix(name: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [runner, name], { env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    const timer = setTimeout(() => {
      output += `\n(killed after ${TIMEOUT_MS / 1000}s)`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

let nodeCount: number | undefined;

for (const { name } of RUNTIMES) {
  test(`${name} passes every smoke check`, async () => {
    const { code, output } = await runMatrix(name);
    const line = new RegExp(`^${name}: (\\d+) passed, (\\d+) failed$`, 'm').exec(output);
    assert.ok(line, `${name} printed no result line:\n${output}`);
    assert.is(line[2], '0', `${name} failed checks:\n${output}`);
    assert.is(code, 0, `run.js ${name} exited with ${code}:\n${output}`);
    const passed = Number(line[1]);
    nodeCount ??= passed;
    assert.ok(passed >= 30, `${name} ran only ${passed} checks`);
    assert.is(passed, nodeCount, `${name} ran ${passed} checks, node ran ${nodeCount}`);
  });
}

test.run();
