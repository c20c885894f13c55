// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * Baggage on a `Context`.
 *
 *   const ctx = setBaggageValue(context.active(), 'hello', 'world');
 *   getBaggageValue(ctx, 'hello');   // 'world'
 */
import { EMPTY_BAGGAGE, type Baggage } from './baggage.js';
import { createContextKey, type Context } from '../context/context.js';

const BAGGAGE_KEY = createContextKey('w3c-propagation baggage');

export function getBaggage(context: Context): Baggage | undefined {
  return (context.getValue(BAGGAGE_KEY) as Baggage | undefined) || undefined;
}

export function setBaggage(context: Context, baggage: Baggage): Context {
  return context.setValue(BAGGAGE_KEY, baggage);
}

export function deleteBaggage(context: Context): Context {
  return context.deleteValue(BAGGAGE_KEY);
}

/** The context with `key=value` in its baggage (replacing the key's members, see `setEntry`). */
export function setBaggageValue(context: Context, key: string, value: string): Context {
  return setBaggage(context, (getBaggage(context) ?? EMPTY_BAGGAGE).setEntry(key, value));
}

/** The value of the first baggage member with this key. */
export function getBaggageValue(context: Context, key: string): string | undefined {
  return getBaggage(context)?.getEntry(key)?.value;
}
