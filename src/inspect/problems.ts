// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The capped problem list every inspector fills, so that a hostile header cannot make its
 * answer huge: the first 32 problems are listed and the rest only counted; the list then ends
 * with one `too-many-problems` whose message says how many were left out, whose offset is the
 * left-most of them, and whose rule is the inspector's own (TC-26 for tracestate, BG-20 for
 * baggage, TC-34 for Server-Timing).
 */
import { problem, type Problem } from './problem.js';

/** Problems listed in one list before the `too-many-problems` that ends it. */
export const MAX_PROBLEMS = 32;

/** @internal */
export class ProblemList {
  /** @internal Listed. */ readonly _p: Problem[] = [];
  /** @internal How many were left out. */ _n = 0;
  /** @internal The smallest offset of those left out. */ _at = Infinity;
  /** @internal The inspector's rule. */ readonly _r: string;

  constructor(rule: string) {
    this._r = rule;
  }

  /** Every problem added, listed or not. */
  get size(): number {
    return this._p.length + this._n;
  }

  add(p: Problem): void {
    if (this._p.length < MAX_PROBLEMS) this._p.push(p);
    else {
      this._n++;
      this._at = Math.min(this._at, p.offset);
    }
  }

  /** This list's problems and `other`'s in one list, by offset; what either left out stays out. */
  merge(other: ProblemList): ProblemList {
    const merged = new ProblemList(this._r);
    for (const p of [...this._p, ...other._p].sort((a, b) => a.offset - b.offset)) merged.add(p);
    merged._n += this._n + other._n;
    merged._at = Math.min(merged._at, this._at, other._at);
    return merged;
  }

  /** The listed problems, then one `too-many-problems` when any was left out. */
  toArray(): Problem[] {
    if (this._n === 0) return this._p;
    return [
      ...this._p,
      problem(
        'too-many-problems',
        `${this._n} more problems not listed (the first ${MAX_PROBLEMS} are)`,
        this._at,
        this._r,
      ),
    ];
  }
}
