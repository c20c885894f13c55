// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The W3C Baggage propagator: the `baggage` header in and out of a carrier.
 *
 * extract: every `baggage` value in the carrier is read as one list (BG-2, BG-18); the
 * context gets the baggage only when at least one member is valid. Hostile carriers leave
 * the context unchanged; extract never throws (BG-23).
 * inject: writes `baggage` only when there is something to send, always valid and within
 * the limits (BG-8, BG-16, BG-17).
 */
import { formatBaggage, limitsOf, unreadBaggage, type BaggageLimits } from './baggage.js';
import { getBaggage, setBaggage } from './context.js';
import type { Context } from '../context/context.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader } from '../propagation/carriers.js';
import {
  checkContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '../propagation/propagator.js';

import { BAGGAGE_HEADER } from '../propagation/headers.js';

export { BAGGAGE_HEADER };

export interface W3CBaggagePropagatorOptions {
  /**
   * Limits for both directions; unset fields keep `DEFAULT_BAGGAGE_LIMITS`. `maxMembers` and
   * `maxTotalBytes` cannot go below the spec's 64 members / 8192 bytes (RangeError).
   */
  readonly limits?: Partial<BaggageLimits>;
}

/** The least a propagator may be set to: what the spec says every platform propagates (BG-16). */
const MINIMUM: BaggageLimits = { maxMembers: 64, maxMemberBytes: 1, maxTotalBytes: 8192 };

/**
 * @internal The limits a propagator applies, as `limitsOf` gives them, checked: a RangeError
 * for a limit below what the spec says every platform propagates (BG-16) or not an integer.
 */
export function propagatorLimits(limits?: Partial<BaggageLimits>): BaggageLimits {
  const checked = limitsOf(limits);
  for (const name in MINIMUM) {
    const min = MINIMUM[name as keyof BaggageLimits];
    const n = checked[name as keyof BaggageLimits];
    if (!(n >= min && (n === Infinity || Number.isInteger(n)))) {
      throw new RangeError(`baggage limit ${name} must be an integer of at least ${min} (BG-16), got ${n}`);
    }
  }
  return checked;
}

export class W3CBaggagePropagator implements TextMapPropagator {
  private readonly _l: BaggageLimits;

  constructor(options?: W3CBaggagePropagatorOptions) {
    this._l = propagatorLimits(options?.limits);
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter = defaultTextMapSetter): void {
    // Hot path: rerun `npm run bench -- --filter baggage-inject` (and pass-through) after editing.
    checkContext(context, 'inject');
    // '' for no baggage: formatBaggage takes only a Baggage of this library.
    const header = formatBaggage(getBaggage(context)!, this._l);
    if (header !== '') setter.set(carrier, BAGGAGE_HEADER, header);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    // Hot path: rerun `npm run bench -- --filter baggage-extract` (and pass-through) after editing.
    checkContext(context, 'extract');
    const value = readHeader(getter, carrier, BAGGAGE_HEADER);
    if (value === undefined) return context;
    // Kept unread: most services only forward their baggage. Several fields are one list (BG-2).
    const baggage = unreadBaggage(typeof value === 'string' ? value : value.join(','), this._l);
    return baggage ? setBaggage(context, baggage) : context;
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
}
