// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
// `w3c-propagation/traceparent`: the traceparent codec alone.
export {
  parseTraceparent,
  formatTraceparent,
  TRACEPARENT_LENGTH,
  TRACEPARENT_VERSION,
  KNOWN_TRACE_FLAGS,
} from '../trace-context/traceparent.js';
export { inspectTraceparent } from '../trace-context/traceparent-inspect.js';
export type { TraceparentFields } from '../trace-context/traceparent.js';
export type { Problem, Inspection } from '../inspect/problem.js';
