// `w3c-propagation/tracestate`: the tracestate codec alone.
export {
  TraceState,
  parseTraceState,
  inspectTraceState,
  TRACESTATE_MAX_MEMBERS,
  TRACESTATE_MAX_KEY_LENGTH,
  TRACESTATE_MAX_VALUE_LENGTH,
  TRACESTATE_MAX_LENGTH,
  TRACESTATE_LONG_MEMBER,
} from '../tracestate.js';
export type { TraceStateMember } from '../tracestate.js';
export type { Problem, Inspection } from '../problem.js';
