/**
 * The browser example (examples/browser-server-timing) in real Chromium: the page fetches an API
 * on another origin without any trace header and finds, through Resource Timing's serverTiming
 * and parseServerTimingTrace, exactly the span the server reported (TC-34). Chromium comes
 * from spec-tests/helpers/chromium.ts, as in the runtime matrix; a missing Chromium is a
 * failure with the reason, never a skip.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startExample } from '../../examples/browser-server-timing/server.js';
import type { PageResult } from '../../examples/browser-server-timing/page.js';
import { launchChromium } from '../helpers/chromium.js';

test('TC-34 Chromium: the page recovers the span the server reported in Server-Timing', async () => {
  const { browser } = await launchChromium();
  const example = await startExample();
  try {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await tab.goto(example.pageUrl, { timeout: 20_000 });
    const handle = await tab.waitForFunction(
      () => (window as unknown as { serverTimingResult?: PageResult }).serverTimingResult,
      undefined,
      { timeout: 20_000 },
    );
    const result = (await handle.jsonValue()) as PageResult;
    assert.is(result.error, undefined, result.error);
    assert.equal(problems, []);

    assert.is(example.reported.length, 2, 'two API calls: with and without Timing-Allow-Origin');
    const [served, hidden] = example.reported;
    assert.ok(served.timingAllowed);
    assert.not.ok(hidden.timingAllowed);
    assert.equal(
      result.span,
      { traceId: served.traceId, spanId: served.spanId, traceFlags: served.traceFlags },
      'the page found the span the server reported',
    );
    assert.equal(
      result.serverTiming.map((m) => m.name),
      ['app', 'trace'],
    );
    assert.is(result.serverTiming[1].description, `00-${served.traceId}-${served.spanId}-0${served.traceFlags}`);
    assert.is(result.hiddenCount, 0, 'without Timing-Allow-Origin a cross-origin page sees no serverTiming');
    const shown = await tab.textContent('#span');
    assert.ok(shown?.includes(`span ${served.spanId}`), `the page shows the span: ${shown}`);
  } finally {
    await browser.close();
    await example.close();
  }
});

test.run();
