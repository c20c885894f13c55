/**
 * Why a check could not run at all, as opposed to a service failing cases: the CLI exits 2
 * on these. `code` says which kind, for programs.
 */
export type CheckErrorCode =
  /** A bad URL or option. */
  | 'usage'
  /** A corpus file that is missing, not JSON, or not a corpus. */
  | 'corpus'
  /** Nothing answers at the service's address (refused, unknown host, unreachable). */
  | 'unreachable'
  /** The service did not answer the first request in time. */
  | 'timeout'
  /** The service answered but does not speak the test-service protocol (no callback). */
  | 'protocol'
  /** The checker could not listen for callbacks (port taken, bad host). */
  | 'callback-server';

export class CheckError extends Error {
  readonly code: CheckErrorCode;

  constructor(code: CheckErrorCode, message: string) {
    super(message);
    this.name = 'CheckError';
    this.code = code;
  }
}
