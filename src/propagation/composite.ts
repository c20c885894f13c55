// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
import type { Context } from '../context/context.js';
import type { TextMapGetter, TextMapPropagator, TextMapSetter } from './propagator.js';

/** Runs several propagators as one: inject and extract in the order given. */
export class CompositePropagator<Carrier = unknown> implements TextMapPropagator<Carrier> {
  private readonly _p: readonly TextMapPropagator<Carrier>[];

  constructor(config?: { propagators?: readonly TextMapPropagator<Carrier>[] }) {
    this._p = config?.propagators ?? [];
  }

  inject(context: Context, carrier: Carrier, setter?: TextMapSetter<Carrier>): void {
    for (const propagator of this._p) propagator.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: Carrier, getter?: TextMapGetter<Carrier>): Context {
    return this._p.reduce((result, propagator) => propagator.extract(result, carrier, getter), context);
  }

  /** Every propagator's fields, each once. */
  fields(): string[] {
    return [...new Set(([] as string[]).concat(...this._p.map((p) => p.fields?.() ?? [])))];
  }
}
