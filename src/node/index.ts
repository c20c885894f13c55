/** `w3c-propagation/node`: the parts that need Node's built-in modules. */
export { AsyncLocalStorageContextManager } from './async-local-storage.js';
export { headersFromIncoming } from './http.js';
export { withTraceEnv } from './env.js';
export type { TraceEnvOptions } from './env.js';
