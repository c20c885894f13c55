/**
 * Context (src/context/context.ts) against a Map model: any sequence of setValue / deleteValue gives
 * the same values, and every earlier context is left unchanged. Guards any faster Context
 * representation (a persistent chain was measured at 5x faster setValue, see
 * bench/PERFORMANCE.md, and left out for the size budget).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createContextKey, ROOT_CONTEXT, type Context } from '../../src/index.js';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Math.max(10, Number(env.PROPERTY_RUNS) || 3000);

const KEYS = Array.from({ length: 12 }, (_, i) => createContextKey(`context-model ${i}`));
const op = fc.tuple(
  fc.constantFrom('set', 'delete'),
  fc.nat({ max: KEYS.length - 1 }),
  fc.oneof(fc.integer(), fc.constant(undefined)),
);

test('setValue / deleteValue agree with a Map model at every depth; earlier contexts never change', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const history: [Context, Map<symbol, unknown>][] = [[ROOT_CONTEXT, new Map()]];
      for (const [kind, k, v] of ops) {
        const [ctx, model] = history[history.length - 1]!;
        const next = new Map(model);
        const key = KEYS[k]!;
        let out: Context;
        if (kind === 'set') {
          next.set(key, v);
          out = ctx.setValue(key, v);
        } else {
          next.delete(key);
          out = ctx.deleteValue(key);
          if (!model.has(key)) assert.is(out, ctx, 'deleting an absent key returns the same context');
        }
        history.push([out, next]);
      }
      for (const [ctx, model] of history) {
        for (const key of KEYS) assert.is(ctx.getValue(key), model.get(key));
      }
    }),
    { numRuns },
  );
});

test.run();
