import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePorts, occupyPort, runNode } from './process.js';

const RUN = fileURLToPath(new URL('../../examples/demo/run.js', import.meta.url));

function pids(stdout: string): number[] {
  return [...stdout.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until no pid is alive (exit is asynchronous); false if some outlive ~5 s. */
async function allGone(list: number[]): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (!list.some(alive)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function spanLine(stdout: string, name: string): { trace: string; span: string; parent: string } {
  const line = stdout.split('\n').find((l) => l.includes(` ${name} `) && l.includes('trace='));
  assert.ok(line, `a span line for ${name} in:\n${stdout}`);
  const field = (k: string) => new RegExp(`${k}=(\\S+)`).exec(line!)?.[1] ?? '';
  return { trace: field('trace'), span: field('span'), parent: field('parent') };
}

test("TC-16 demo: api2_span continues api1_span's trace across two processes; BG baggage arrives", async () => {
  const [port1, port2] = await freePorts(2);
  const run = await runNode(RUN, ['--port1', String(port1), '--port2', String(port2)]);
  assert.is(run.code, 0, run.stderr);
  const api1 = spanLine(run.stdout, 'api1_span');
  const api2 = spanLine(run.stdout, 'api2_span');
  assert.match(api1.trace, /^[0-9a-f]{32}$/);
  assert.is(api2.trace, api1.trace);
  assert.is(api2.parent, api1.span);
  assert.is(api1.parent, '(root)');
  assert.match(run.stdout, /traceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]/);
  assert.ok(run.stdout.includes(`traceparent: 00-${api1.trace}-${api1.span}-`), 'the wire traceparent names api1_span');
  assert.match(run.stdout, /baggage: hello=world/);
  assert.match(run.stdout, /hello = "world"/);
  assert.match(run.stdout, /"Hello from API 2!"/);
  assert.not.match(run.stdout, /✗/);
  assert.is((run.stdout.match(/✓/g) ?? []).length, 8);
  const services = pids(run.stdout);
  assert.is(services.length, 2);
  assert.ok(await allGone(services), 'both services stopped');
});

test('TC-34 demo: service 2 reports api2_span in Server-Timing and service 1 reads it back', async () => {
  const [port1, port2] = await freePorts(2);
  const run = await runNode(RUN, ['--port1', String(port1), '--port2', String(port2)]);
  assert.is(run.code, 0, run.stderr);
  const api2 = spanLine(run.stdout, 'api2_span');
  const header = /^\s*server-timing: (.*)$/m.exec(run.stdout)?.[1] ?? '';
  assert.match(
    header,
    /^app;dur=[0-9.]+, trace;desc=00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]$/,
    'its own metric first, the trace metric appended',
  );
  assert.ok(header.includes(`trace;desc=00-${api2.trace}-${api2.span}-`), `the metric names api2_span: ${header}`);
  assert.ok(
    run.stdout.includes(`✓ service 2 reported its span in Server-Timing: span ${api2.span} in trace ${api2.trace}`),
    run.stdout,
  );
});

test("TC-16 demo --otel: the services on OpenTelemetry's SDK with w3c-propagation/otel pass the checks", async () => {
  const [port1, port2] = await freePorts(2);
  const run = await runNode(RUN, ['--otel', '--port1', String(port1), '--port2', String(port2)]);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /on the OpenTelemetry SDK, with w3c-propagation\/otel as the global propagator/);
  const api1 = spanLine(run.stdout, 'api1_span');
  const api2 = spanLine(run.stdout, 'api2_span');
  assert.match(api1.trace, /^[0-9a-f]{32}$/);
  assert.is(api2.trace, api1.trace);
  assert.is(api2.parent, api1.span);
  assert.is(api1.parent, '(root)');
  assert.ok(
    run.stdout.includes(`traceparent: 00-${api1.trace}-${api1.span}-01`),
    'the wire traceparent names api1_span, sampled by the SDK',
  );
  assert.match(run.stdout, /baggage: hello=world/);
  assert.match(run.stdout, /hello = "world"/);
  assert.not.match(run.stdout, /✗/);
  assert.ok((run.stdout.match(/✓/g) ?? []).length >= 7, run.stdout);
  const services = pids(run.stdout);
  assert.is(services.length, 2);
  assert.ok(await allGone(services), 'both services stopped');
});

test('demo: ports from PORT1/PORT2', async () => {
  const [port1, port2] = await freePorts(2);
  const run = await runNode(RUN, [], { env: { PORT1: String(port1), PORT2: String(port2) } });
  assert.is(run.code, 0, run.stderr);
  assert.ok(run.stdout.includes(`http://127.0.0.1:${port1}/`));
  assert.ok(run.stdout.includes(`http://127.0.0.1:${port2}/`));
});

test('demo: a port in use gives a clear message and a non-zero exit', async () => {
  const taken = await occupyPort();
  try {
    const [free] = await freePorts(1);
    const run = await runNode(RUN, ['--port1', String(taken.port), '--port2', String(free)]);
    assert.is(run.code, 1);
    assert.ok(run.stderr.includes(`port ${taken.port} is already in use; pass --port1 <n>`), run.stderr);
    assert.not.match(run.stderr, /\n\s+at /, 'no stack trace');

    const run2 = await runNode(RUN, ['--port1', String(free), '--port2', String(taken.port)]);
    assert.is(run2.code, 1);
    assert.ok(run2.stderr.includes(`port ${taken.port} is already in use; pass --port2 <n>`), run2.stderr);
  } finally {
    await taken.close();
  }
});

test('demo: SIGINT stops both services', async () => {
  const [port1, port2] = await freePorts(2);
  const child = spawn(process.execPath, [RUN, '--port1', String(port1), '--port2', String(port2)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  try {
    const started = await new Promise<boolean>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
        if (pids(stdout).length === 2) {
          child.kill('SIGINT');
          resolve(true);
        }
      });
      child.on('close', () => resolve(false));
    });
    assert.ok(started, stdout);
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.on('close', r)));
    assert.ok(await allGone(pids(stdout)), 'both services stopped');
  } finally {
    child.kill('SIGKILL');
    for (const pid of pids(stdout)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});

test('demo: a timeout fails with the reason and stops the services', async () => {
  const [port1, port2] = await freePorts(2);
  const run = await runNode(RUN, ['--port1', String(port1), '--port2', String(port2)], {
    env: { DEMO_TIMEOUT_MS: '1' },
  });
  assert.is(run.code, 1);
  assert.match(run.stderr, /demo failed: timed out after 1 ms/);
});

test('demo: a bad port is a usage error', async () => {
  const run = await runNode(RUN, ['--port1', 'abc']);
  assert.is(run.code, 2);
  assert.match(run.stderr, /--port1: 'abc' is not a port number/);
});

test.run();
