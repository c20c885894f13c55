import { otelBridgeCases } from '/work/wt/otel/dist/bench/cases-otel.js';
const cases = otelBridgeCases();
const order = process.argv[2] ? process.argv[2].split(',').map(Number) : [];
for (const i of order) { const c = cases[i]; const impls = typeof c.impls === 'function' ? c.impls() : c.impls; for (let k = 0; k < 20000; k++) impls.ours(), impls.otel(); }
const fn = cases[0].impls.ours;
for (let k = 0; k < 100000; k++) fn();
const t = process.hrtime.bigint(); for (let k = 0; k < 1000000; k++) fn(); console.log('ns', Number(process.hrtime.bigint() - t) / 1e6);
