/**
 * `npm run size`: the bundle cost of each way of using the library, beside the alternatives,
 * as a Markdown table (gzip -9 of the esbuild-minified, tree-shaken bundle; see size-budget.ts).
 * `npm run size -- --json` prints the rows as JSON instead. Exits 1 when a budget is exceeded,
 * and names the sources that take the most room in that bundle.
 */
import { describeInputs, measureAll, overBudget, type SizeRow } from './size-budget.js';

const rows = await measureAll();
const over = overBudget(rows);

if (process.argv.includes('--json')) {
  const json = rows.map(({ inputs, ...row }) => ({
    ...row,
    withinBudget: row.budget === undefined ? null : row.gzip <= row.budget,
    targetMet: row.target === undefined ? null : row.gzip <= row.target,
    largestInputs: inputs.slice(0, 5),
  }));
  console.log(JSON.stringify(json, null, 2));
} else {
  console.log(table(rows));
  console.log(
    `\nesbuild ${(await import('esbuild')).version}, bundle + minify + tree shaking, format esm, platform neutral; ` +
      `gzip -9 of the minified bundle; node ${process.version}`,
  );
}

for (const row of over) {
  console.error(
    `over budget: ${row.library} ${row.label}: ${row.gzip} B gzip > ${row.budget} B; largest: ${describeInputs(row)}`,
  );
}
process.exitCode = over.length > 0 ? 1 : 0;

function table(rows: readonly SizeRow[]): string {
  const lines = [
    '| library | bundle | raw | min | gzip | budget | target |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const budget = r.budget === undefined ? '' : `${r.gzip <= r.budget ? '✓' : '✗'} ≤ ${r.budget}`;
    const target = r.target === undefined ? '' : `${r.gzip <= r.target ? 'met' : 'not met'}: ≤ ${r.target}`;
    lines.push(`| ${r.library} | ${r.label} | ${r.raw} | ${r.min} | ${r.gzip} | ${budget} | ${target} |`);
  }
  return lines.join('\n');
}
