/**
 * The corpus files as the repository holds them (vectors/*.json): `readCommitted()` gives a file's
 * text, `loadCorpus()` both corpora parsed. The generator is scripts/vectors/; corpus.test.ts checks
 * that these files are what it writes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileName } from '../../scripts/vectors/corpus.js';
import type { BaggageCase, CorpusFile, TraceparentCase, TraceStateCase } from '../../scripts/vectors/types.js';
import { findPackageRoot } from '../helpers/paths.js';

export const ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const VECTORS_DIR = join(ROOT, 'vectors');

export function readCommitted(name: FileName): string {
  return readFileSync(join(VECTORS_DIR, name), 'utf8');
}

/** Both corpus files as committed, parsed. */
export function loadCorpus(): {
  traceContext: CorpusFile<TraceparentCase | TraceStateCase>;
  baggage: CorpusFile<BaggageCase>;
} {
  return {
    traceContext: JSON.parse(readCommitted('trace-context.json')),
    baggage: JSON.parse(readCommitted('baggage.json')),
  };
}
