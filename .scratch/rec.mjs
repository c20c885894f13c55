import * as api from '@opentelemetry/api';
import { parseBaggage } from '/work/wt/otel/dist/src/index.js';
import * as input from '/work/wt/otel/dist/bench/inputs.js';
const parsed = input.baggage3.map((b) => parseBaggage(b));
function bench(name, fn) {
  let s; for (let k = 0; k < 200000; k++) s = fn(parsed[k & 1023]);
  const N = 1000000; const t = process.hrtime.bigint();
  for (let k = 0; k < N; k++) s = fn(parsed[k & 1023]);
  console.log(name.padEnd(20), (Number(process.hrtime.bigint() - t) / N).toFixed(1), 'ns');
}
const w = process.argv[2];
if (w === 'A') bench('null-proto', (b) => { const m = b.getAllEntries(); const r = Object.create(null); for (const [k, e] of m) { if (k in r) continue; r[k] = { value: e.value }; } return api.propagation.createBaggage(r); });
if (w === 'B') bench('plain', (b) => { const m = b.getAllEntries(); const r = {}; for (const [k, e] of m) { if (Object.prototype.hasOwnProperty.call(r, k)) continue; if (k === '__proto__') Object.defineProperty(r, k, { value: { value: e.value }, enumerable: true, writable: true, configurable: true }); else r[k] = { value: e.value }; } return api.propagation.createBaggage(r); });
if (w === 'C') bench('setEntry', (b) => { const m = b.getAllEntries(); let bag = api.propagation.createBaggage(); for (const [k, e] of m) { if (bag.getEntry(k)) continue; bag = bag.setEntry(k, { value: e.value }); } return bag; });
if (w === 'D') bench('entries only', (b) => b.getAllEntries());
