/**
 * The page's script (runs in the browser). It fetches the API on another origin without any
 * trace header, then recovers the server's span from the resource timing entry's serverTiming.
 * `w3c-propagation/server-timing` is all it loads.
 */
import { parseServerTimingTrace } from '../../src/entries/server-timing.js';

/** What the page found, for people (on the page) and for the test (on `window`). */
export interface PageResult {
  url: string;
  serverTiming: Array<{ name: string; duration: number; description: string }>;
  span: { traceId: string; spanId: string; traceFlags: number } | null;
  /** The same API without Timing-Allow-Origin: how many serverTiming entries the page could see. */
  hiddenCount: number;
  error?: string;
}

/** The resource timing entry of `url`; entries are queued when the response ends, so wait for it. */
function resourceEntry(url: string): Promise<PerformanceResourceTiming> {
  return new Promise((resolve, reject) => {
    const find = () => {
      const entries = performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[];
      return entries[entries.length - 1];
    };
    const found = find();
    if (found) return resolve(found);
    const observer = new PerformanceObserver(() => {
      const entry = find();
      if (entry) {
        observer.disconnect();
        resolve(entry);
      }
    });
    observer.observe({ type: 'resource', buffered: true });
    setTimeout(() => reject(new Error(`no resource timing entry for ${url}`)), 5000);
  });
}

async function load(url: string): Promise<PerformanceResourceTiming> {
  const response = await fetch(url); // a simple request: no custom header, so no CORS preflight
  await response.json();
  return resourceEntry(response.url);
}

function text(id: string, value: string): void {
  document.getElementById(id)!.textContent = value;
}

async function main(): Promise<PageResult> {
  const api = document.documentElement.dataset.api!;
  const url = `${api}?n=${Date.now()}`;
  text('url', url);
  const entry = await load(url);
  const serverTiming = entry.serverTiming.map(({ name, duration, description }) => ({ name, duration, description }));
  const table = document.getElementById('entries')!;
  for (const m of serverTiming) {
    const row = table.appendChild(document.createElement('tr'));
    for (const cell of [m.name, String(m.duration), m.description])
      row.appendChild(document.createElement('td')).textContent = cell;
  }
  const span = parseServerTimingTrace(entry.serverTiming) ?? null;
  text(
    'span',
    span
      ? `The server's span: trace ${span.traceId}, span ${span.spanId}, ` +
          `flags ${span.traceFlags.toString(16).padStart(2, '0')}. This page's own telemetry can point at it.`
      : 'No trace metric in Server-Timing.',
  );
  const hidden = await load(`${api}?tao=0&n=${Date.now()}`);
  text(
    'hidden',
    `Without Timing-Allow-Origin the same API shows this page ${hidden.serverTiming.length} Server-Timing entries.`,
  );
  return { url, serverTiming, span, hiddenCount: hidden.serverTiming.length };
}

const output = window as unknown as { serverTimingResult?: PageResult };
main().then(
  (result) => (output.serverTimingResult = result),
  (error: Error) => {
    text('span', `Failed: ${error.message}`);
    output.serverTimingResult = { url: '', serverTiming: [], span: null, hiddenCount: -1, error: error.message };
  },
);
