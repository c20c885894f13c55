// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
// `w3c-propagation/server-timing`: the Server-Timing `trace` metric codec alone (TC-34), without Context.
export { formatServerTimingTrace, parseServerTimingTrace } from '../server-timing/server-timing.js';
export {
  SERVER_TIMING_HEADER,
  SERVER_TIMING_TRACE_METRIC,
  type ServerTimingEntry,
} from '../server-timing/server-timing.js';
export { inspectServerTimingTrace, type ServerTimingTrace } from '../server-timing/inspect.js';
export type { TraceparentFields } from '../trace-context/traceparent.js';
export type { Problem, Inspection } from '../inspect/problem.js';
