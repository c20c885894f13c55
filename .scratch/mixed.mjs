import { measure } from 'mitata';
import { otelBridgeCases } from '/work/wt/otel/dist/bench/cases-otel.js';
const cases = otelBridgeCases();
const order = process.argv[2].split(',').map(Number);
for (const i of order) { const c = cases[i]; const impls = typeof c.impls === 'function' ? c.impls() : c.impls; for (let k = 0; k < 20000; k++) impls.ours(), impls.otel(); }
const c = cases[0]; const impls = c.impls;
let best = { ours: Infinity, otel: Infinity };
for (let r = 0; r < 3; r++) for (const n of ['ours', 'otel']) { const s = await measure(impls[n], { min_cpu_time: 200e6 }); best[n] = Math.min(best[n], s.p50); }
console.log(process.argv[2], cases.map(c=>c.id).join(' ').slice(0,0), 'ours', best.ours.toFixed(0), 'otel', best.otel.toFixed(0), 'ratio', (best.otel / best.ours).toFixed(2));
