/** What `checkService` reports: one result per case, and the totals. */
import type { CorpusHeader } from './corpus.js';

/** The propagation header lines a callback carried, in arrival order, by header. */
export interface ReceivedHeaders {
  traceparent: string[];
  tracestate: string[];
  baggage: string[];
}

/** One thing a service did wrong (or, as a warning, did against a SHOULD). */
export interface Finding {
  /** The TC-n / BG-n requirements it breaks. */
  rules: string[];
  /** The header it is about. */
  header: CorpusHeader;
  message: string;
}

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  id: string;
  /** The case's rules, from the corpus. */
  rules: string[];
  header: CorpusHeader;
  /** The corpus file (or name) the case came from. */
  corpus: string;
  status: CaseStatus;
  /** The propagation header lines sent to the service. */
  sent: Partial<Record<CorpusHeader, string[]>>;
  /** What the service's callback carried; null when no callback arrived. */
  received: ReceivedHeaders | null;
  /** What a conforming service sends, in words. */
  expected: string;
  /** Empty when the case passed. */
  problems: Finding[];
  /** SHOULD-level remarks; they do not fail a case. */
  warnings: Finding[];
  /** Why a skipped case was not sent. */
  reason?: string;
}

export interface CheckReport {
  /** The service's test URL. */
  url: string;
  /** The corpus files the cases came from. */
  corpora: string[];
  /** Whether baggage cases were sent (the protocol extension). */
  baggage: boolean;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Warnings over all cases. */
  warnings: number;
  /** The rules the failed cases' problems break, sorted (TC before BG, by number). */
  failedRules: string[];
  /** Things worth knowing about the run, e.g. cases left out. */
  notes: string[];
  results: CaseResult[];
}
