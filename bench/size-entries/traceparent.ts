// The traceparent codec alone: what a service that only forwards trace ids imports.
export { parseTraceparent, formatTraceparent } from '../../src/trace-context/traceparent.js';
