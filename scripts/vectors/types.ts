/**
 * The shape of the portable test-vector corpus (vectors/*.json, described by vectors/schema.json).
 * One case = one header value (or several header lines) with what a receiver keeps of it and
 * what a conforming propagator sends on.
 */

export type HeaderName = 'traceparent' | 'tracestate' | 'baggage';

/** What a receiver keeps of a traceparent: the version it continues with is always 00 (TC-10). */
export interface TraceparentKept {
  version: '00';
  traceId: string;
  spanId: string;
  /** The flags byte as received, unknown bits included (0-255). */
  traceFlags: number;
}

export type TraceStateKept = [string, string][];

export interface BaggagePropertyKept {
  key: string;
  value?: string;
}

export interface BaggageMemberKept {
  key: string;
  value: string;
  properties: BaggagePropertyKept[];
}

export interface Outcome<E> {
  expect: E;
  output: string | null;
}

interface CaseOf<H extends HeaderName, E> extends Outcome<E> {
  id: string;
  description: string;
  rules: string[];
  header: H;
  input: string | string[];
  valid: boolean;
  /** Every accepted answer, this corpus's own (`expect`/`output`) among them. */
  accept?: Outcome<E>[];
  /** Why more than one answer is accepted; present exactly when `accept` is. */
  note?: string;
}

export type TraceparentCase = CaseOf<'traceparent', TraceparentKept | null>;
export type TraceStateCase = CaseOf<'tracestate', TraceStateKept | null>;
export type BaggageCase = CaseOf<'baggage', BaggageMemberKept[]>;
export type VectorCase = TraceparentCase | TraceStateCase | BaggageCase;

export interface CorpusFile<C extends VectorCase = VectorCase> {
  corpus: 'trace-context' | 'baggage';
  version: 1;
  description: string;
  cases: C[];
}
