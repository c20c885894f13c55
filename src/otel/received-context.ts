// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The context the bridge's extract returns: up to two values (the received span and baggage)
 * over the OpenTelemetry context extract was given, in one small object.
 *
 * OpenTelemetry's own `Context` copies its whole Map on every `setValue`: about 530 bytes each
 * here, two per extract (span, then baggage), more than everything else extract allocates. Over
 * a parent that is not one of these, a third key goes into a copy of the parent
 * (`parent.setValue`), with the two values still on top, so the object stays one level deep.
 * A child span set under the received span's key replaces it in place: the usual server path
 * (extract, start a child, `trace.setSpan`) copies no Map at all.
 *
 * It is OpenTelemetry's `Context` interface, which is all its API, SDK and context managers
 * use: `getValue` answers as the chain of `setValue` calls would, `deleteValue` makes the key
 * read as undefined.
 */
import type { Context } from '../context/context.js';

export class ReceivedContext implements Context {
  private readonly _p: Context;
  private readonly _k: symbol | undefined;
  private readonly _v: unknown;
  private readonly _k2: symbol | undefined;
  private readonly _v2: unknown;

  private constructor(
    parent: Context,
    key: symbol | undefined,
    value: unknown,
    key2: symbol | undefined,
    value2: unknown,
  ) {
    this._p = parent;
    this._k = key;
    this._v = value;
    this._k2 = key2;
    this._v2 = value2;
  }

  /** `context` itself when it is one of these, else an empty one over it. */
  static over(context: Context): Context {
    return context instanceof ReceivedContext
      ? context
      : new ReceivedContext(context, undefined, undefined, undefined, undefined);
  }

  getValue(key: symbol): unknown {
    if (key === this._k2 && key !== undefined) return this._v2;
    if (key === this._k && key !== undefined) return this._v;
    return this._p.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    const { _p, _k, _v, _k2, _v2 } = this;
    if (_k === undefined || _k === key) return new ReceivedContext(_p, key, value, _k2, _v2);
    if (_k2 === undefined || _k2 === key) return new ReceivedContext(_p, _k, _v, key, value);
    return new ReceivedContext(_p.setValue(key, value), _k, _v, _k2, _v2);
  }

  deleteValue(key: symbol): Context {
    const { _p, _k, _v, _k2, _v2 } = this;
    if (key === _k && key !== undefined) return new ReceivedContext(_p, _k, undefined, _k2, _v2);
    if (key === _k2 && key !== undefined) return new ReceivedContext(_p, _k, _v, _k2, undefined);
    return _p.getValue(key) === undefined ? this : new ReceivedContext(_p.deleteValue(key), _k, _v, _k2, _v2);
  }
}
