import * as api from '@opentelemetry/api';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { createOtelPropagators } from '/work/wt/otel/dist/src/otel/index.js';
import { parseBaggage } from '/work/wt/otel/dist/src/index.js';
import * as input from '/work/wt/otel/dist/bench/inputs.js';
const { ROOT_CONTEXT, defaultTextMapGetter: g } = api;
const ours = createOtelPropagators(api);
const otelBg = new W3CBaggagePropagator();
const full = input.traceparentValid.map((tp, i) => ({ ...input.requestHeaders(input.prng(i)), traceparent: tp, tracestate: input.tracestate3[i], baggage: input.baggage3[i] }));
const lim = { maxMembers: 180, maxMemberBytes: 4096, maxTotalBytes: 8192 };
const hasOwn = Object.prototype.hasOwnProperty;
const V = {

  current: c => ours.baggage.extract(ROOT_CONTEXT, c, g),
  otel: c => otelBg.extract(ROOT_CONTEXT, c, g),
  parse: c => parseBaggage(c.baggage, lim),
  parseEntries: c => parseBaggage(c.baggage, lim).getAllEntries(),
  parseRecord: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const [k, e] = m[i]; if (hasOwn.call(r, k)) continue; r[k] = { value: e.value }; } return r; },
  parseRecordCreate: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const [k, e] = m[i]; if (hasOwn.call(r, k)) continue; r[k] = { value: e.value }; } return api.propagation.createBaggage(r); },
  fromEntries: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); for (let i = 0; i < m.length; i++) m[i][1] = { value: m[i][1].value }; const r = Object.fromEntries(m); return r; },
  fromEntriesCreate: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); for (let i = 0; i < m.length; i++) m[i][1] = { value: m[i][1].value }; const r = Object.fromEntries(m); return api.propagation.setBaggage(ROOT_CONTEXT, api.propagation.createBaggage(r)); },
  recordIdx: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const p = m[i]; const k = p[0]; if (hasOwn.call(r, k)) continue; r[k] = { value: p[1].value }; } return r; },
  recordNoCheck: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const p = m[i]; r[p[0]] = { value: p[1].value }; } return r; },
  recordIn: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const p = m[i]; const k = p[0]; if (r[k] !== undefined && hasOwn.call(r, k)) continue; r[k] = { value: p[1].value }; } return r; },
  reuse: c => { const m = parseBaggage(c.baggage, lim).getAllEntries(); const r = {}; for (let i = 0; i < m.length; i++) { const [k, e] = m[i]; if (hasOwn.call(r, k)) continue; r[k] = e; } return api.propagation.setBaggage(ROOT_CONTEXT, api.propagation.createBaggage(r)); },
};
const best = {};
for (let round = 0; round < 6; round++) for (const [name, fn] of Object.entries(V)) {
  let s; const N = 300000; const t = process.hrtime.bigint();
  for (let k = 0; k < N; k++) s = fn(full[k & 1023]);
  const ns = Number(process.hrtime.bigint() - t) / N;
  if (round > 0) best[name] = Math.min(best[name] ?? Infinity, ns);
}
for (const [k, v] of Object.entries(best)) console.log(k.padEnd(20), v.toFixed(0));
