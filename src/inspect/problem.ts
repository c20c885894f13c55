// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * What the `inspect*` functions say about a header: the slow path for people and the CLI.
 * The fast `parse*` functions only say "valid or not"; a property test keeps both in step.
 */

/** One thing wrong with a header value. */
export interface Problem {
  /** Stable machine-readable code, e.g. `uppercase-hex`. */
  readonly code: string;
  /** One sentence for a person. */
  readonly message: string;
  /** Index (UTF-16 code units) of the offending character in the value as given. */
  readonly offset: number;
  /** The requirement it breaks: a TC-n or BG-n id from the spec digests. */
  readonly rule: string;
}

/**
 * What a propagator does with a header, whatever is wrong with it: what extract keeps and what
 * inject sends on for it.
 */
export interface Kept<T> {
  /**
   * What extract keeps; undefined when it keeps nothing: an invalid traceparent means a new
   * trace (TC-11), an invalid tracestate is discarded whole (TC-26). Baggage keeps its valid
   * members (BG-20), within the limits (BG-16).
   */
  readonly value: T | undefined;
  /** The header sent on for it (re-serialized, as inject writes it), or undefined when none is sent. */
  readonly sends: string | undefined;
}

/**
 * The verdict on a header: `valid` with its `value`, or the `errors`; `warnings` for what is
 * allowed but worth knowing. `kept` (set by `inspectTraceparent`, `inspectTraceState` and
 * `inspectBaggage`) is the consequence: what a propagator keeps and sends on.
 */
export type Inspection<T, K = T> =
  | { readonly valid: true; readonly value: T; readonly warnings?: readonly Problem[]; readonly kept?: Kept<K> }
  | {
      readonly valid: false;
      readonly errors: readonly Problem[];
      readonly warnings?: readonly Problem[];
      readonly kept?: Kept<K>;
    };

/** An inspection that says what a propagator keeps. */
export type KeptInspection<T, K = T> = Inspection<T, K> & { readonly kept: Kept<K> };

/** Nothing kept, nothing sent. */
export const NOTHING_KEPT: Kept<never> = { value: undefined, sends: undefined };

export function problem(code: string, message: string, offset: number, rule: string): Problem {
  return { code, message, offset, rule };
}

/** Describes a char for messages: printable ASCII as itself, the rest as U+XXXX. */
export function describeChar(c: number): string {
  if (c > 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  if (c === 0x20) return 'a space';
  if (c === 0x09) return 'a tab';
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}
