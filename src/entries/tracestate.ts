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
  TRACESTATE_MAX_INPUT_LENGTH,
} from '../tracestate.js';
export type { TraceStateMember, TraceStateParseOptions } from '../tracestate.js';
export type { Problem, Inspection } from '../problem.js';
