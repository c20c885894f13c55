/** Rotation over a case's inputs: every call takes the next one, so no call sees the last one's header. */
import { MASK } from './inputs.js';

/** Written by every benchmarked call, so the JIT cannot drop the work. */
export let sink: unknown;

/** A function that calls `fn` on the next input of the set each time. */
export function rotate<T>(inputs: readonly T[], fn: (x: T) => unknown): () => unknown {
  let i = 0;
  return () => {
    i = (i + 1) & MASK;
    return (sink = fn(inputs[i]!));
  };
}

/** Keeps a value the JIT would otherwise be free to drop. */
export function keep(value: unknown): void {
  sink = value;
}
