import { otelBridgeCases } from '/work/wt/otel/dist/bench/cases-otel.js';
const c = otelBridgeCases().find((x) => x.id === process.argv[2]);
const impls = typeof c.impls === 'function' ? c.impls() : c.impls;
const fn = impls[process.argv[3]];
for (let k = 0; k < 2000000; k++) fn();
