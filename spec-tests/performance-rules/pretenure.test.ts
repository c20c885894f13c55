/**
 * The first performance rule (bench/PERFORMANCE.md, "The warm-order cliff"; src/internal/alloc.ts):
 * no allocation site on the extract path gets tenured when a caller keeps what extract returns.
 * Each path runs in a child process under `--trace-pretenuring-statistics` with results kept in
 * a ring; a semi-space of 1 MB lets V8 make its decisions within a second; `--no-compact`
 * keeps allocation sites where the statistics saw them, so each tenured site is named by the
 * function of src/ whose feedback holds it. No timing is measured: a site is tenured or not.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CANARY, FN_PREFIX, MAP_MARKER, MARKER, PATHS } from './pretenure-child.js';

const CHILD = fileURLToPath(new URL('./pretenure-child.js', import.meta.url));
export const V8_FLAGS = [
  '--expose-gc',
  '--allow-natives-syntax',
  '--trace-pretenuring-statistics',
  '--max-semi-space-size=1',
  '--min-semi-space-size=1',
  '--no-compact',
];

interface Tenured {
  site: bigint;
  created: number;
  found: number;
  /** The function of src/ (or the harness) whose literal it is; undefined when not found. */
  owner: string | undefined;
}

interface Run {
  tenured: Tenured[];
}

const DECISION =
  /AllocationSite\((0x[\da-f]+)\): \(created, found, ratio\) \((\d+), (\d+), [\d.]+\) \w[\w ]* => (\w[\w ]*)$/;

/** Runs one path of pretenure-child.ts and reads what V8 decided and where each site lives. */
export async function runPath(path: string): Promise<Run> {
  const run = promisify(execFile);
  const { stdout: out } = await run(process.execPath, [...V8_FLAGS, CHILD, path], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout: 60_000,
  });
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.includes(MARKER));
  const map = lines.findIndex((l) => l.includes(MAP_MARKER));
  assert.ok(start >= 0 && map > start, `${path}: the child printed its markers`);
  const tenured = new Map<bigint, Tenured>();
  for (const line of lines.slice(start, map)) {
    const m = DECISION.exec(line);
    if (!m) continue;
    if (m[4] === 'tenure')
      tenured.set(BigInt(m[1]!), { site: BigInt(m[1]!), created: +m[2]!, found: +m[3]!, owner: undefined });
  }
  const owners = new Map<bigint, string>();
  let owner = '';
  for (const line of lines.slice(map)) {
    const fn = line.indexOf(FN_PREFIX);
    if (fn >= 0) owner = line.slice(fn + FN_PREFIX.length).replace(/"$/, '');
    for (const m of line.matchAll(/(0x[\da-f]+) <AllocationSite>/g)) owners.set(BigInt(m[1]!), owner);
  }
  for (const t of tenured.values()) t.owner = owners.get(t.site);
  return { tenured: [...tenured.values()] };
}

function describe(t: Tenured): string {
  const where = t.owner ?? 'a site not found in any function of src/ (a nested literal or closure?)';
  return `${where}: ${t.found} of ${t.created} objects alive at a scavenge`;
}

// Two children at a time: each is one core's work for under a second.
const runs = new Map<string, Promise<Run>>();
for (const [i, path] of Object.keys(PATHS).entries()) {
  const previous = i >= 2 ? runs.get(Object.keys(PATHS)[i - 2]!)!.catch(() => undefined) : Promise.resolve();
  runs.set(
    path,
    previous.then(() => runPath(path)),
  );
}

for (const path of Object.keys(PATHS)) {
  test(`no allocation site of the extract path is tenured with results kept: ${path}`, async () => {
    const run = await runs.get(path)!;
    const canary = run.tenured.filter((t) => t.owner === CANARY);
    assert.is(canary.length, 1, `${path}: V8 tenured the harness's kept literal, so it would tenure one of the path's`);
    const ours = run.tenured.filter((t) => t.owner !== CANARY);
    assert.equal(
      ours.map(describe),
      [],
      `${path}: V8 tenured ${ours.length} allocation site(s). ` +
        "A literal ([] or {}) on this path makes every caller's objects old once one caller keeps them: " +
        'use emptyList() / blankObject() from src/internal/alloc.ts',
    );
  });
}

test.run();
