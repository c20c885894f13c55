import { TraceState as CoreTS } from '@opentelemetry/core';
import { parseTraceState } from '/work/wt/otel/dist/src/index.js';
import * as input from '/work/wt/otel/dist/bench/inputs.js';
const core = input.tracestate3.map((s) => new CoreTS(s));
const flatStrs = core.map((t) => input.flat(t.serialize()));
function bench(name, fn, xs) { let s; for (let k = 0; k < 200000; k++) s = fn(xs[k & 1023]); const N = 1000000; const t = process.hrtime.bigint(); for (let k = 0; k < N; k++) s = fn(xs[k & 1023]); console.log(name.padEnd(24), (Number(process.hrtime.bigint() - t) / N).toFixed(0)); }
bench('core serialize', (t) => t.serialize(), core);
bench('parse flat', (s) => parseTraceState(s), flatStrs);
bench('serialize+parse', (t) => parseTraceState(t.serialize())?.serialize(), core);
console.log(flatStrs[0], flatStrs[1]);
