// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
// `w3c-propagation/tracestate`: the tracestate codec alone.
export {
  TraceState,
  parseTraceState,
  TRACESTATE_MAX_MEMBERS,
  TRACESTATE_MAX_KEY_LENGTH,
  TRACESTATE_MAX_VALUE_LENGTH,
  TRACESTATE_MAX_LENGTH,
  TRACESTATE_LONG_MEMBER,
  TRACESTATE_MAX_INPUT_LENGTH,
} from '../trace-context/tracestate.js';
export { inspectTraceState } from '../trace-context/tracestate-inspect.js';
export type { TraceStateParseOptions } from '../trace-context/tracestate.js';
export type { TraceStateMember } from '../trace-context/tracestate-inspect.js';
export type { Problem, Inspection } from '../inspect/problem.js';
