/** `w3c-propagation check <url>` as a user runs it: exit codes, the per-case lines, --json. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode, occupyPort } from '../demo/process.js';
import { startW3CTestService, type W3CTestService } from '../../examples/w3c-test-service.js';
import { startOtelW3CService } from '../fixtures/otel-w3c-service.js';
import type { CheckReport } from '../../src/node/check/types.js';
import { loadCorpus, shippedCorpusPath } from '../../src/node/check/corpus.js';
import { HARNESS_CORPUS } from '../fixtures/harness-cases.js';
import { RULES_HINT } from '../../bin/cli/rules-hint.js';

const CLI = fileURLToPath(new URL('../../bin/w3c-propagation.js', import.meta.url));
const cli = (args: string[]) => runNode(CLI, args);

const HEADER = '(traceparent|tracestate|baggage)';
const FAIL_LINE = new RegExp(
  String.raw`^FAIL \S+ \[(?:(?:TC|BG)-\d+ ?)+\] sent ${HEADER}: .+ \| ` +
    String.raw`(received ${HEADER}: .+ \| )+expected .+ \| .+$`,
);
const SUMMARY = /^check: (\d+) passed, (\d+) failed(, \d+ skipped)? of (\d+)/;

let ours: W3CTestService;
let otel: W3CTestService;
let dir = '';
/** The official harness's requests as a corpus file: small, and it fails OpenTelemetry's service. */
let harness = '';
const url = (s: W3CTestService): string => `http://127.0.0.1:${s.port}/test`;

test.before(async () => {
  [ours, otel] = await Promise.all([startW3CTestService({ port: 0 }), startOtelW3CService({ port: 0 })]);
  dir = mkdtempSync(join(tmpdir(), 'w3c-propagation-check-'));
  harness = join(dir, 'harness.json');
  writeFileSync(harness, JSON.stringify(HARNESS_CORPUS));
});

test.after(async () => {
  await Promise.all([ours.close(), otel.close()]);
  rmSync(dir, { recursive: true, force: true });
});

test('check: a conforming service exits 0, a summary, no FAIL line; by default the trace-context corpus', async () => {
  const r = await cli(['check', url(ours)]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  const summary = SUMMARY.exec(lines[lines.length - 1]);
  assert.ok(summary, lines[lines.length - 1]);
  assert.is(summary[2], '0');
  assert.is(Number(summary[4]), loadCorpus(shippedCorpusPath('trace-context')).cases.length);
  assert.not.match(r.stdout, /^FAIL /m);
  assert.not.match(r.stdout, /rule ids:/, 'no failure or warning, no hint');
});

test('BG-2 BG-10 check --baggage: ours forwards baggage, exits 0; OpenTelemetry drops bad UTF-8, exits 1', async () => {
  const file = join(dir, 'baggage.json');
  const member = (key: string, value: string) => ({ key, value, properties: [] });
  writeFileSync(
    file,
    JSON.stringify({
      corpus: 'baggage',
      version: 1,
      cases: [
        {
          id: 'two-lines',
          rules: ['BG-2'],
          header: 'baggage',
          input: ['a=1', 'b=%E2%9C%93'],
          description: '',
          valid: true,
          expect: [member('a', '1'), member('b', '\u2713')],
          output: 'a=1,b=%E2%9C%93',
        },
        {
          id: 'invalid-utf8',
          rules: ['BG-10'],
          header: 'baggage',
          input: 'k=%FF',
          description: '',
          valid: true,
          expect: [member('k', '\ufffd')],
          output: 'k=%EF%BF%BD',
        },
      ],
    }),
  );
  const r = await cli(['check', '--baggage', '--corpus', file, url(ours)]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^check: 2 passed, 0 failed of 2$/m);
  const o = await cli(['check', '--baggage', '--corpus', file, url(otel)]);
  assert.is(o.code, 1, o.stdout + o.stderr);
  assert.match(
    o.stdout,
    new RegExp(
      String.raw`^FAIL invalid-utf8 \[BG-10\] sent baggage: "k=%FF" \| received baggage: \(none\) \| ` +
        String.raw`expected baggage "k=%EF%BF%BD" \(decoded\) \| BG-10: no baggage sent on; 1 member\(s\) expected$`,
      'm',
    ),
  );
  assert.match(o.stdout, /^check: 1 passed, 1 failed of 2 \(failed rules: BG-10\)$/m);
});

test("TC-21 TC-22 TC-23 check: OpenTelemetry's exits 1, a FAIL line per failed case, failed rules summed", async () => {
  const r = await cli(['check', url(otel), '--corpus', harness]);
  assert.is(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  const fails = lines.filter((l) => l.startsWith('FAIL '));
  const summary = SUMMARY.exec(lines[lines.length - 1]);
  assert.ok(summary, lines[lines.length - 1]);
  assert.is(fails.length, Number(summary[2]));
  for (const line of fails) assert.match(line, FAIL_LINE);
  assert.is(fails.length, 9);
  const members33 = fails.find((l) => l.startsWith('FAIL tracestate-member-count-limit-2 '));
  assert.ok(members33, 'the 33-member case fails');
  assert.match(members33, /^FAIL tracestate-member-count-limit-2 \[TC-21 TC-26\] sent tracestate: \["bar01=01,/);
  assert.match(
    members33,
    new RegExp(
      String.raw` \| received tracestate: "bar01=01,bar02=02,.*\(287 chars\)" \| ` +
        String.raw`expected no tracestate \| TC-21 TC-26: 32 member\(s\) sent on `,
    ),
  );
  assert.match(
    lines[lines.length - 1],
    /^check: 58 passed, 9 failed of 67, \d+ warning\(s\) \(failed rules: TC-21 TC-22 TC-23 TC-26\)$/,
  );
  assert.is(lines[lines.length - 2], RULES_HINT, 'where the rule ids are explained, just before the summary');
  assert.is(lines.filter((l) => l === RULES_HINT).length, 1);
});

test('check --json: the report as JSON on stdout, same exit code', async () => {
  const r = await cli(['check', url(otel), '--json', '--corpus', harness]);
  assert.is(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as CheckReport;
  assert.is(report.url, url(otel));
  assert.equal(report.corpora, [harness]);
  assert.is(report.total, report.results.length);
  assert.is(report.failed, report.results.filter((x) => x.status === 'failed').length);
  assert.equal(report.failedRules, ['TC-21', 'TC-22', 'TC-23', 'TC-26']);
  const failed = report.results.find((x) => x.status === 'failed');
  assert.ok(failed && failed.problems.length > 0 && failed.received !== null);
});

test('check: an unreachable service exits 2 with a clear message; --json says so as JSON', async () => {
  const port = await occupyPort();
  await port.close();
  const target = `http://127.0.0.1:${port.port}/test`;
  const r = await cli(['check', target]);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.match(r.stderr, `w3c-propagation check: cannot connect to ${target}: ECONNREFUSED`);
  const j = await cli(['check', target, '--json']);
  assert.is(j.code, 2);
  assert.is(JSON.parse(j.stdout).error.code, 'unreachable');
});

test('check: usage errors exit 2 with the reason and the usage text', async () => {
  for (const args of [
    ['check'],
    ['check', url(ours), '--nope'],
    ['check', url(ours), '--timeout'],
    ['check', url(ours), '--timeout', 'soon'],
    ['check', 'not-a-url'],
    ['check', 'a', 'b'],
  ]) {
    const r = await cli(args);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^w3c-propagation check: /, args.join(' '));
  }
  const r = await cli(['check']);
  assert.match(r.stderr, /Usage:/);
});

test('check --corpus FILE: a corpus of your own; a broken file exits 2', async () => {
  const file = join(dir, 'mine.json');
  const tp = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
  writeFileSync(
    file,
    JSON.stringify({
      corpus: 'trace-context',
      version: 1,
      cases: [
        {
          id: 'mine',
          rules: ['TC-2'],
          header: 'traceparent',
          input: tp,
          description: 'mine',
          valid: true,
          expect: { version: '00', traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 },
          output: tp,
        },
      ],
    }),
  );
  const r = await cli(['check', url(ours), '--corpus', file, '--concurrency=1', '--timeout', '3000']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^check: 1 passed, 0 failed of 1$/m);
  writeFileSync(file, '{"corpus": "trace-context", "cases": [{"id": "x"}]}');
  const bad = await cli(['check', url(ours), '--corpus', file]);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /case "x" /);
});

test.run();
