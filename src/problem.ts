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

export type Inspection<T> =
  | { readonly valid: true; readonly value: T; readonly warnings?: readonly Problem[] }
  | { readonly valid: false; readonly errors: readonly Problem[]; readonly warnings?: readonly Problem[] };

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
