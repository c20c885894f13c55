/** `w3c-propagation/node`: the parts that need Node's built-in modules. */
export { AsyncLocalStorageContextManager } from './async-local-storage.js';
export { headersFromIncoming } from './http.js';
export { checkService } from './check/check-service.js';
export type { CheckOptions } from './check/check-service.js';
export { CheckError } from './check/error.js';
export type { CheckErrorCode } from './check/error.js';
export { loadCorpus } from './check/corpus.js';
export type {
  Corpus,
  CorpusCase,
  CorpusHeader,
  Outcome,
  TraceparentExpect,
  TraceStateExpect,
  BaggageExpectMember,
} from './check/corpus.js';
export type { CaseResult, CaseStatus, CheckReport, Finding, ReceivedHeaders } from './check/types.js';
export { withTraceEnv } from './env.js';
export type { TraceEnvOptions } from './env.js';
