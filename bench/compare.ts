/**
 * `npm run bench:compare A.json B.json`: the change per case between two `npm run bench -- --json`
 * reports (bench/results/latest.json, renamed): our slowest ns/op over the regimes before and
 * after, and each worse-regime ratio.
 */
import { readFileSync } from 'node:fs';
import type { Report } from './index.js';

function load(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

function pad(s: string, n: number, left = false): string {
  return s.length >= n ? s : left ? ' '.repeat(n - s.length) + s : s + ' '.repeat(n - s.length);
}

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.log('usage: npm run bench:compare -- A.json B.json');
  process.exitCode = 1;
} else {
  const a = load(fileA);
  const b = load(fileB);
  console.log(`A: ${fileA} (${a.date}, node ${a.node}${a.quick ? ', quick' : ''})`);
  console.log(`B: ${fileB} (${b.date}, node ${b.node}${b.quick ? ', quick' : ''})\n`);
  console.log(
    `${pad('case', 40)}${pad('ours A', 11, true)}${pad('ours B', 11, true)}${pad('change', 9, true)}` +
      '   worse-regime ratios A -> B',
  );
  const slowest = (ns: (number | null)[] | undefined) =>
    ns ? Math.max(...ns.filter((n): n is number => n !== null)) : undefined;
  for (const cb of b.cases) {
    const ca = a.cases.find((c) => c.id === cb.id);
    const nsB = slowest(cb.ns.ours);
    const nsA = slowest(ca?.ns.ours);
    const change =
      nsA !== undefined && nsB !== undefined
        ? `${nsB <= nsA ? '' : '+'}${(((nsB - nsA) / nsA) * 100).toFixed(1)}%`
        : 'new';
    const ratios = (Object.keys(cb.worst) as (keyof typeof cb.worst)[])
      .map((name) => `${name} ${ca?.worst[name]?.toFixed(2) ?? '-'} -> ${cb.worst[name]!.toFixed(2)}`)
      .join(', ');
    console.log(
      `${pad(cb.id, 40)}${pad(nsA?.toFixed(1) ?? '-', 11, true)}${pad(nsB?.toFixed(1) ?? '-', 11, true)}` +
        `${pad(change, 9, true)}   ${ratios}`,
    );
  }
  console.log('\ntargets (worst ratio) A -> B:');
  for (const tb of b.targets) {
    const ta = a.targets.find((t) => t.name === tb.name);
    console.log(
      `  ${pad(tb.name, 40)} ${ta?.worst?.toFixed(2) ?? '-'} -> ${tb.worst?.toFixed(2) ?? '-'}  ` +
        (tb.met ? 'met' : tb.met === false ? 'NOT MET' : ''),
    );
  }
}
