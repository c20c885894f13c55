// `w3c-propagation/traceparent`: the traceparent codec alone.
export { parseTraceparent, formatTraceparent, inspectTraceparent, TRACEPARENT_LENGTH, TRACEPARENT_VERSION, KNOWN_TRACE_FLAGS } from '../traceparent.js';
export type { TraceparentFields } from '../traceparent.js';
export type { Problem, Inspection } from '../problem.js';
