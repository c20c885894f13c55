import * as api from '@opentelemetry/api';
import { createOtelPropagators } from '/work/wt/otel/dist/src/otel/index.js';
import * as input from '/work/wt/otel/dist/bench/inputs.js';
const { ROOT_CONTEXT, defaultTextMapGetter: g } = api;
const ours = createOtelPropagators(api);
const full = input.traceparentValid.map((tp, i) => ({ ...input.requestHeaders(input.prng(i)), traceparent: tp, tracestate: input.tracestate3[i], baggage: input.baggage3[i] }));
let s; for (let k = 0; k < 3000000; k++) s = ours.baggage.extract(ROOT_CONTEXT, full[k & 1023], g);
