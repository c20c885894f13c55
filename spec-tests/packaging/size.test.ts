/**
 * Size budgets: gzip -9 of the esbuild-minified, tree-shaken bundle of each entry in
 * bench/size-entries/ (the same measurement `npm run size` prints). A failure names the
 * sources that take the most room, so the fix starts in the right file. Where a bundle has a
 * `target` below its budget, the budget is a ceiling on today's size: a change that grows the
 * bundle raises it in the same commit and says what the bytes buy.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { measureSizeFloor } from '../../bench/size-floor.js';
import { describeInputs, measureEntry, SIZE_ENTRIES } from '../../bench/size-budget.js';

for (const entry of SIZE_ENTRIES) {
  const budget = entry.budget;
  if (budget === undefined) continue;
  test(`size: ${entry.label} is at most ${budget} B gzip`, async () => {
    const row = await measureEntry(entry);
    assert.ok(
      row.gzip <= budget,
      `${row.gzip} B gzip (${row.min} B min) > ${budget} B; largest sources: ${describeInputs(row)}. ` +
        'Run `npm run size` for the table.',
    );
  });
}

test('size: the traceparent bundle holds the traceparent codec and no other format', async () => {
  const row = await measureEntry(SIZE_ENTRIES.find((e) => e.id === 'traceparent')!);
  assert.ok(
    row.inputs.some((i) => i.path.endsWith('traceparent.js')),
    'traceparent.js is in the traceparent bundle',
  );
  assert.not.ok(
    row.inputs.some((i) => /tracestate|baggage|percent/.test(i.path)),
    `no other format leaks in: ${describeInputs(row, 10)}`,
  );
});

test('size: npm run size:floor still cuts the bundle to what the propagators run, which still propagates', async () => {
  const floor = await measureSizeFloor(); // throws when the reduced bundle stops propagating
  const budget = SIZE_ENTRIES.find((e) => e.id === 'w3c-propagators')!.budget!;
  assert.ok(floor.built <= budget, `${floor.built} B`);
  assert.ok(floor.noMessages < floor.built, `messages removed: ${floor.noMessages} < ${floor.built}`);
  assert.ok(
    floor.propagatorsOnly < floor.noMessages,
    `methods removed: ${floor.propagatorsOnly} < ${floor.noMessages}`,
  );
});

test.run();
