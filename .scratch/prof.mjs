import * as api from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { createOtelPropagators } from '/work/wt/otel/dist/src/otel/index.js';
import { parseBaggage } from '/work/wt/otel/dist/src/index.js';
import * as input from '/work/wt/otel/dist/bench/inputs.js';
const { ROOT_CONTEXT, defaultTextMapGetter: g } = api;
const ours = createOtelPropagators(api);
const otel = { tc: new W3CTraceContextPropagator(), bg: new W3CBaggagePropagator() };
const full = input.traceparentValid.map((tp, i) => ({ ...input.requestHeaders(input.prng(i)), traceparent: tp, tracestate: input.tracestate3[i], baggage: input.baggage3[i] }));
function bench(name, fn) {
  let s; for (let k = 0; k < 200000; k++) s = fn(full[k & 1023]);
  const N = 1000000; const t = process.hrtime.bigint();
  for (let k = 0; k < N; k++) s = fn(full[k & 1023]);
  console.log(name.padEnd(20), (Number(process.hrtime.bigint() - t) / N).toFixed(1), 'ns');
}
const which = process.argv[2];
if (which === 'tc') { bench('ours tc', c => ours.traceContext.extract(ROOT_CONTEXT, c, g)); bench('otel tc', c => otel.tc.extract(ROOT_CONTEXT, c, g)); }
if (which === 'bg') { bench('ours bg', c => ours.baggage.extract(ROOT_CONTEXT, c, g)); bench('otel bg', c => otel.bg.extract(ROOT_CONTEXT, c, g)); }
if (which === 'parse') { bench('parseBaggage', c => parseBaggage(c.baggage)); bench('parse+entries', c => parseBaggage(c.baggage).getAllEntries()); }
if (which === 'create') { bench('createBaggage', c => api.propagation.createBaggage({a: {value: c.baggage}, b: {value: '1'}, c: {value: '2'}})); bench('setBaggage', c => api.propagation.setBaggage(ROOT_CONTEXT, c)); }
if (which === 'steps') {
  const lim = { maxMembers: 180, maxMemberBytes: 4096, maxTotalBytes: 8192 };
  bench('parse w/ limits', c => parseBaggage(c.baggage, lim));
  const hasOwn = Object.prototype.hasOwnProperty;
  bench('parse+record+create', c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const [k, e] = m[i]; if (hasOwn.call(r, k)) continue; r[k] = { value: e.value }; } return api.propagation.createBaggage(r); });
  bench('full pipeline', c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const [k, e] = m[i]; if (hasOwn.call(r, k)) continue; r[k] = { value: e.value }; } return api.propagation.setBaggage(ROOT_CONTEXT, api.propagation.createBaggage(r)); });
  bench('ours bg', c => ours.baggage.extract(ROOT_CONTEXT, c, g));
}
